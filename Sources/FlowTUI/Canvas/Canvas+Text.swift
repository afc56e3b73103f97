extension Canvas {
    /// Draws text from a position, clipped to `width` columns (to the right edge by default).
    ///
    /// Returns the columns drawn. With `ellipsis`, text that does not fit ends in "…".
    @discardableResult
    public mutating func draw(
        _ text: String, x: Int, y: Int, width: Int? = nil,
        style: Style = .plain, ellipsis: Bool = false
    ) -> Int {
        draw(StyledLine(text, style: style), x: x, y: y, width: width, ellipsis: ellipsis)
    }

    /// Draws a styled line from a position, clipped to `width` columns.
    ///
    /// Returns the columns drawn. With `ellipsis`, a line that does not fit ends in "…" drawn in
    /// the style of the text it replaces.
    @discardableResult
    public mutating func draw(
        _ line: StyledLine, x: Int, y: Int, width: Int? = nil,
        ellipsis: Bool = false
    ) -> Int {
        let available = width ?? (size.columns - x)
        guard available > 0, y >= 0, y < size.rows else { return 0 }
        let limitX = x + available
        let truncating = ellipsis && line.width > available
        let textLimit = truncating ? limitX - 1 : limitX
        var column = x
        var lastStyle = Style.plain
        outer: for span in line.spans {
            lastStyle = span.style
            for character in span.text {
                let columns = DisplayWidth.of(character)
                if column + columns > textLimit { break outer }
                if column >= 0 {
                    column += put(character, x: column, y: y, style: span.style, limitX: textLimit)
                } else {
                    column += columns
                }
            }
        }
        if truncating, column < limitX {
            column += put("…", x: column, y: y, style: lastStyle, limitX: limitX)
        }
        return column - x
    }

    /// Draws lines into a rectangle, one per row, each clipped to the rectangle's width.
    public mutating func draw(_ lines: [StyledLine], in rect: Rect, ellipsis: Bool = false) {
        for (index, line) in lines.prefix(rect.height).enumerated() {
            draw(line, x: rect.x, y: rect.y + index, width: rect.width, ellipsis: ellipsis)
        }
    }
}
