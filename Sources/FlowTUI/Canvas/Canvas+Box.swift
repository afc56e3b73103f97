extension Canvas {
    /// Adds box-drawing arms to a cell, joining with a line already there.
    public mutating func addArms(_ arms: BoxArms, x: Int, y: Int, style: Style = .plain) {
        guard contains(x: x, y: y) else { return }
        let existing = BoxArms(glyph: self[x: x, y: y].grapheme)?.rawValue ?? 0
        put(BoxArms(rawValue: existing | arms.rawValue).glyph, x: x, y: y, style: style)
    }

    /// Draws a horizontal line on row `y` from column `x0` through `x1`, joining lines it meets.
    ///
    /// An end that lands on another line joins it (`├`, `┬`…); a free end is drawn straight.
    public mutating func drawHorizontalLine(y: Int, from x0: Int, through x1: Int, style: Style = .plain) {
        drawLine(from: x0, through: x1, arms: .horizontal, start: .right, end: .left, style: style) { (x: $0, y: y) }
    }

    /// Draws a vertical line in column `x` from row `y0` through `y1`, joining lines it meets.
    ///
    /// An end that lands on another line joins it (`┬`, `┴`…); a free end is drawn straight.
    public mutating func drawVerticalLine(x: Int, from y0: Int, through y1: Int, style: Style = .plain) {
        drawLine(from: y0, through: y1, arms: .vertical, start: .down, end: .up, style: style) { (x: x, y: $0) }
    }

    /// Draws a straight line through the cells `cell(first)` … `cell(last)`; an end of a line longer than
    /// one cell that lands on another line gets only the arm toward the line (`start`, `end`), so it joins it.
    private mutating func drawLine(
        from first: Int, through last: Int, arms: BoxArms, start: BoxArms, end: BoxArms, style: Style,
        cell: (Int) -> (x: Int, y: Int)
    ) {
        guard first <= last else { return }
        for index in first...last {
            let (x, y) = cell(index)
            var cellArms = arms
            if index == first, first != last, isLine(x: x, y: y) { cellArms = start }
            if index == last, first != last, isLine(x: x, y: y) { cellArms = end }
            addArms(cellArms, x: x, y: y, style: style)
        }
    }

    /// Whether a cell holds a box-drawing line.
    func isLine(x: Int, y: Int) -> Bool {
        BoxArms(glyph: self[x: x, y: y].grapheme) != nil
    }

    /// Draws the border of a rectangle, with an optional title in the top edge.
    ///
    /// The title is drawn as ` title ` after the corner and clipped with "…" to fit the edge.
    public mutating func drawBox(_ rect: Rect, style: Style = .plain, title: StyledLine? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let (left, top, right, bottom) = (rect.x, rect.y, rect.maxX - 1, rect.maxY - 1)
        addArms([.down, .right], x: left, y: top, style: style)
        addArms([.down, .left], x: right, y: top, style: style)
        addArms([.up, .right], x: left, y: bottom, style: style)
        addArms([.up, .left], x: right, y: bottom, style: style)
        for x in (left + 1)..<right {
            addArms(.horizontal, x: x, y: top, style: style)
            addArms(.horizontal, x: x, y: bottom, style: style)
        }
        for y in (top + 1)..<bottom {
            addArms(.vertical, x: left, y: y, style: style)
            addArms(.vertical, x: right, y: y, style: style)
        }
        if let title {
            drawBorderLabel(title, x: rect.x + 1, y: rect.y, width: rect.width - 2)
        }
    }

    /// Draws a label into a border line, framed by one blank on each side.
    public mutating func drawBorderLabel(_ label: StyledLine, x: Int, y: Int, width: Int) {
        guard width >= 3, !label.spans.isEmpty else { return }
        var framed = StyledLine(" ")
        framed.spans += label.spans
        let inner = draw(framed, x: x, y: y, width: width - 1, ellipsis: true)
        put(" ", x: x + inner, y: y)
    }

    /// Splits a boxed rectangle with a vertical divider in column `x`, joining its border.
    public mutating func drawVerticalDivider(x: Int, in rect: Rect, style: Style = .plain) {
        drawVerticalLine(x: x, from: rect.y, through: rect.maxY - 1, style: style)
    }

    /// Splits a boxed rectangle with a horizontal divider on row `y`, joining its border.
    public mutating func drawHorizontalDivider(y: Int, in rect: Rect, style: Style = .plain) {
        drawHorizontalLine(y: y, from: rect.x, through: rect.maxX - 1, style: style)
    }
}
