/// A box over the screen that lists every key binding, in titled sections.
///
/// When the sections do not fit in one column they flow into more columns; when even that does
/// not fit, the last row says how many bindings are left out rather than cutting silently.
public struct HelpOverlay: Equatable, Hashable, Sendable {
    /// A titled group of bindings.
    public struct Section: Equatable, Hashable, Sendable {
        public var title: String
        public var bindings: [KeyBinding]

        public init(_ title: String, _ bindings: [KeyBinding]) {
            self.title = title
            self.bindings = bindings
        }
    }

    public var title: String
    public var sections: [Section]
    /// A line under the bindings, such as how to close the overlay.
    public var footer: String

    public init(title: String = "Help", sections: [Section], footer: String = "esc or ? closes this help") {
        self.title = title
        self.sections = sections
        self.footer = footer
    }

    /// The lines of the overlay, one column, sections separated by a blank line when `spaced`.
    func lines(keyWidth: Int, spaced: Bool = true) -> [StyledLine] {
        var lines: [StyledLine] = []
        for (index, section) in sections.enumerated() {
            if index > 0, spaced { lines.append(StyledLine()) }
            lines.append(StyledLine(section.title, style: .bold.underline()))
            for binding in section.bindings {
                let keys = KeyValueTable.fit(binding.keys, width: keyWidth)
                let pad = String(repeating: " ", count: keyWidth - DisplayWidth.of(keys) + 2)
                lines.append(
                    StyledLine([Span(keys, style: .bold.foreground(.cyan)), Span(pad), Span(binding.summary)]))
            }
        }
        return lines
    }

    /// Draws the overlay centred in `area`, clearing what is beneath it.
    public func render(into canvas: inout Canvas, in area: Rect) {
        guard area.width >= 12, area.height >= 5 else { return }
        let keyWidth = min(14, sections.flatMap(\.bindings).map { DisplayWidth.of($0.keys) }.max() ?? 1)
        let innerHeight = area.height - 4  // borders and the footer row
        // Blank lines between sections go first when room is short.
        let spaced = lines(keyWidth: keyWidth)
        let content = spaced.count <= innerHeight ? spaced : lines(keyWidth: keyWidth, spaced: false)
        let columnWidth = (content.map(\.width).max() ?? 0)
        let columnCount = max(1, min(3, (content.count + innerHeight - 1) / max(1, innerHeight)))
        let gap = 3
        let rowsPerColumn = min(innerHeight, (content.count + columnCount - 1) / columnCount)
        // Split into columns; a section title never ends a column (it goes on with its bindings),
        // and the last column takes what is left, up to the room there is.
        var columns: [ArraySlice<StyledLine>] = []
        var remaining = content[...]
        for index in 0..<columnCount {
            let isLast = index == columnCount - 1
            var chunk = remaining.prefix(isLast ? innerHeight : rowsPerColumn)
            while !isLast, chunk.count > 1, let last = chunk.last,
                last.spans.isEmpty || last.spans.first?.style.isUnderline == true
            {
                chunk = chunk.dropLast()
            }
            columns.append(chunk)
            remaining = remaining.dropFirst(chunk.count)
        }
        let tallest = columns.map(\.count).max() ?? 0
        let wanted = Size(
            columns: max(columnWidth * columnCount + gap * (columnCount - 1), DisplayWidth.of(footer)) + 4,
            rows: tallest + 4)
        let box = area.centered(wanted)
        canvas.fill(box)
        canvas.drawBox(box, style: .bold, title: StyledLine(title, style: .bold))
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 4)
        var hiddenLines = Array(remaining)
        for (index, chunk) in columns.enumerated() {
            let x = inner.x + index * (columnWidth + gap)
            guard x < inner.maxX else {
                hiddenLines += chunk
                continue
            }
            let column = Rect(x: x, y: inner.y, width: min(columnWidth, inner.maxX - x), height: inner.height)
            canvas.draw(Array(chunk), in: column, ellipsis: true)
        }
        let hidden = hiddenLines.filter { !$0.spans.isEmpty && $0.spans.first?.style.isUnderline != true }.count
        let footerText = hidden > 0 ? "\(hidden) more not shown (enlarge the terminal) · \(footer)" : footer
        canvas.draw(footerText, x: inner.x, y: box.maxY - 2, width: inner.width, style: .dim, ellipsis: true)
    }
}
