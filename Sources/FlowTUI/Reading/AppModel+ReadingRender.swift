import FlowEngine

extension AppModel {
    /// The pane whose title says which attempt is shown: the Request pane.
    var shownPaneWithAttempts: Pane { .request }

    /// A pane's visible lines: the search's matches highlighted, and in the focused pane the
    /// selected line (the top one, what `y` copies) underlined.
    func renderBody(
        of pane: Pane, _ content: PaneContent, view: TextView, focused: Bool, into canvas: inout Canvas, in body: Rect
    ) {
        guard !body.isEmpty else { return }
        let start = min(
            view.offset, TextView.maxOffset(contentHeight: content.lines.count, viewportHeight: body.height))
        var visible = Array(content.lines.dropFirst(start).prefix(body.height))
        if let search, search.pane == pane, !search.isEditing, !search.query.isEmpty {
            for index in visible.indices {
                visible[index] = search.highlighted(visible[index], lineIndex: start + index)
            }
        }
        if focused, !visible.isEmpty, content.value(atLine: start) != nil {
            visible[0].spans = visible[0].spans.map { Span($0.text, style: $0.style.underline()) }
        }
        TextView().render(visible, into: &canvas, in: body)
    }

    /// The search prompt, in place of the key bar while the query is typed.
    func renderSearchPrompt(_ search: PaneSearch, into canvas: inout Canvas, x: Int, y: Int, width: Int) {
        let hint = "  enter search · esc cancel"
        let label = "search \(search.pane.title):"
        var column = x
        column += canvas.draw(label + " ", x: x, y: y, width: width, style: .bold, ellipsis: true)
        let room = max(0, x + width - column - DisplayWidth.of(hint))
        var field = search.field
        field.label = ""
        field.render(into: &canvas, x: column, y: y, width: room)
        canvas.draw(hint, x: column + room, y: y, width: x + width - column - room, style: .dim, ellipsis: true)
    }
}
