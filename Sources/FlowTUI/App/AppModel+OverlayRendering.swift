extension AppModel {
    /// Draws the open overlay, if any, over the panes.
    func renderOverlay(into canvas: inout Canvas, in area: Rect) {
        switch overlay {
        case .none:
            return
        case .help:
            Self.help.render(into: &canvas, in: area)
        case .parameterPicker(let selected):
            let table = frame.parameterTable(flow.draft)
            let width = min(area.width - 4, 72)
            // One row per parameter, cut rather than wrapped, so the selection stays one row.
            let lines = table.rows.indices.map { index in
                let row = table.rows[index]
                let marker = index == selected ? "▸ " : "  "
                var line = StyledLine(
                    [Span(marker + row.key.padding(toWidth: 18), style: .bold), Span(" ")] + row.value.spans)
                if index == selected { line.spans = line.spans.map { Span($0.text, style: $0.style.reverse()) } }
                return line
            }
            let notes = parameterPickerNotes
            drawDialog(
                title: "Edit which parameter?", lines: lines + (notes.isEmpty ? [] : [StyledLine()] + notes),
                footer: "↑↓ choose · enter edit · a add · d remove · A auth method · esc close", width: width,
                into: &canvas, in: area)
        case .parameterName(let field):
            renderParameterName(field, into: &canvas, in: area)
        case .parameterEditor(let name, let field):
            let width = min(area.width - 4, 72)
            let box = dialogBox(lineCount: 2, width: width, in: area)
            drawDialogFrame(title: "Edit \(safe.line(name))", box: box, footer: "enter set · esc back", into: &canvas)
            field.render(into: &canvas, x: box.x + 2, y: box.y + 2, width: box.width - 4)
        case .credentials(let form) where form.input == .recoveryCode:
            let width = min(area.width - 4, 72)
            let prompt = signOnPrompt(for: form.input)
            let lines = Array(prompt.lines.prefix(max(0, area.height - 11)))
            let box = dialogBox(lineCount: 3 + (lines.isEmpty ? 0 : lines.count + 1), width: width, in: area)
            drawDialogFrame(
                title: prompt.title, box: box, footer: "tab next field · enter recover · esc close", into: &canvas)
            form.username.render(
                into: &canvas, x: box.x + 2, y: box.y + 2, width: box.width - 4,
                isFocused: form.focus == .username)
            form.password.render(
                into: &canvas, x: box.x + 2, y: box.y + 3, width: box.width - 4,
                isFocused: form.focus == .password)
            for (index, line) in lines.enumerated() {
                canvas.draw(
                    safe.line(line), x: box.x + 2, y: box.y + 5 + index, width: box.width - 4, style: .dim,
                    ellipsis: true)
            }
        case .credentials(let form) where form.input != .credentials:
            let width = min(area.width - 4, 72)
            let prompt = signOnPrompt(for: form.input)
            let lines = Array(prompt.lines.prefix(max(0, area.height - 10)))
            let box = dialogBox(lineCount: lines.isEmpty ? 1 : lines.count + 2, width: width, in: area)
            drawDialogFrame(title: prompt.title, box: box, footer: "enter set · esc close", into: &canvas)
            form.password.render(into: &canvas, x: box.x + 2, y: box.y + 2, width: box.width - 4, isFocused: true)
            for (index, line) in lines.enumerated() {
                canvas.draw(
                    safe.line(line), x: box.x + 2, y: box.y + 4 + index, width: box.width - 4, style: .dim,
                    ellipsis: true)
            }
        case .credentials(let form):
            let width = min(area.width - 4, 60)
            let hint = presentation.demoCredentials.map { "demo: \($0.username) / \($0.password)" }
            let box = dialogBox(lineCount: hint == nil ? 3 : 5, width: width, in: area)
            drawDialogFrame(
                title: "Sign on (Flow API usernamePassword.check)", box: box,
                footer: flow.canRecoverPassword
                    ? "tab field · enter sign on · esc then p: forgot password"
                    : "tab next field · enter sign on · esc close", into: &canvas)
            form.username.render(
                into: &canvas, x: box.x + 2, y: box.y + 2, width: box.width - 4,
                isFocused: form.focus == .username)
            form.password.render(
                into: &canvas, x: box.x + 2, y: box.y + 3, width: box.width - 4,
                isFocused: form.focus == .password)
            if let hint {
                canvas.draw(hint, x: box.x + 2, y: box.y + 5, width: box.width - 4, style: .dim, ellipsis: true)
            }
        case .browserCallback(let url, let field):
            let width = min(area.width - 4, 100)
            let urlLines = StyledLine(safe.line(url)).wrapped(width: width - 4)
            let listeningNote =
                listening == nil
                ? nil
                : presentation.callbackListenerURL.map {
                    "authflow is listening on \(safe.line($0)) too: a redirect there needs no paste."
                }
            let extra = listeningNote == nil ? 0 : 1
            let shown = Array(urlLines.prefix(max(1, area.height - 10 - extra)))
            let box = dialogBox(lineCount: shown.count + 4 + extra, width: width, in: area)
            let handOff = flow.signOn?.handOffURL != nil
            drawDialogFrame(
                title: handOff ? "Security key: continue in a browser" : "Sign on in a browser", box: box,
                footer: "enter use this URL · esc close", into: &canvas)
            canvas.draw(
                handOff
                    ? "ASSERTION_REQUIRED: open this URL, use the key, then paste the URL you were sent back to:"
                    : "Open this URL, sign on, then paste the URL you were sent back to:",
                x: box.x + 2, y: box.y + 2, width: box.width - 4, ellipsis: true)
            canvas.draw(shown, in: Rect(x: box.x + 2, y: box.y + 3, width: box.width - 4, height: shown.count))
            field.render(into: &canvas, x: box.x + 2, y: box.y + 4 + shown.count, width: box.width - 4)
            if let listeningNote {
                canvas.draw(
                    listeningNote, x: box.x + 2, y: box.y + 5 + shown.count, width: box.width - 4,
                    style: .dim, ellipsis: true)
            }
        case .saveSession(let field):
            renderSavePrompt(field, into: &canvas, in: area)
        case .faultPicker(let selected):
            renderFaultPicker(selected: selected, into: &canvas, in: area)
        case .timeline:
            renderTimeline(into: &canvas, in: area)
        }
    }

    /// The save prompt: the file name, and which extension gives which format.
    func renderSavePrompt(_ field: TextField, into canvas: inout Canvas, in area: Rect) {
        let width = min(area.width - 4, 72)
        let box = dialogBox(lineCount: 3, width: width, in: area)
        drawDialogFrame(title: "Save the session", box: box, footer: "enter save · esc close", into: &canvas)
        canvas.draw(
            ".har HAR 1.2 · .md Markdown · .sh curl script · .json record; mode 0600, "
                + (isMasked ? "secrets masked" : "secrets SHOWN"),
            x: box.x + 2, y: box.y + 2, width: box.width - 4, style: .dim, ellipsis: true)
        field.render(into: &canvas, x: box.x + 2, y: box.y + 4, width: box.width - 4)
    }

    /// A centred box for a dialog with `lineCount` rows of content.
    func dialogBox(lineCount: Int, width: Int, in area: Rect) -> Rect {
        area.centered(Size(columns: width, rows: lineCount + 5))
    }

    /// A cleared, bordered dialog with a title and a footer hint.
    func drawDialogFrame(title: String, box: Rect, footer: String, into canvas: inout Canvas) {
        canvas.fill(box)
        canvas.drawBox(box, style: .bold, title: StyledLine(title, style: .bold))
        canvas.draw(footer, x: box.x + 2, y: box.maxY - 2, width: box.width - 4, style: .dim, ellipsis: true)
    }

    func drawDialog(
        title: String, lines: [StyledLine], footer: String, width: Int,
        into canvas: inout Canvas, in area: Rect
    ) {
        let visible = max(1, min(lines.count, area.height - 5))
        let box = dialogBox(lineCount: visible, width: width, in: area)
        drawDialogFrame(title: title, box: box, footer: footer, into: &canvas)
        canvas.draw(
            Array(lines.prefix(visible)), in: Rect(x: box.x + 2, y: box.y + 2, width: box.width - 4, height: visible),
            ellipsis: true)
    }
}
