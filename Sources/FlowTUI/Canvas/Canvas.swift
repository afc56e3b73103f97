/// An immediate-mode grid of cells that a frame is rendered into.
///
/// The whole screen is drawn from the model into a fresh canvas every frame (ratatui's buffer);
/// the terminal copies it to the screen, and tests compare `text` with committed snapshots.
/// Drawing outside the canvas is clipped, never an error.
public struct Canvas: Equatable, Sendable {
    /// The size of the grid.
    public let size: Size
    private var cells: [Cell]

    /// A blank canvas of the given size (negative sizes are treated as zero).
    public init(size: Size) {
        self.size = Size(columns: max(0, size.columns), rows: max(0, size.rows))
        cells = Array(repeating: .blank, count: self.size.columns * self.size.rows)
    }

    /// A blank canvas of the given size.
    public init(columns: Int, rows: Int) {
        self.init(size: Size(columns: columns, rows: rows))
    }

    /// The whole canvas as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: size.columns, height: size.rows) }

    /// The cell at a column and row; a blank cell outside the canvas.
    public subscript(x x: Int, y y: Int) -> Cell {
        guard contains(x: x, y: y) else { return .blank }
        return cells[y * size.columns + x]
    }

    /// Whether a column and row lie on the canvas.
    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < size.columns && y < size.rows
    }

    // MARK: - Writing cells

    /// Puts one grapheme at a position and returns the columns it took (0 when clipped).
    ///
    /// A wide grapheme that would overhang `limitX` (or the right edge) is not drawn; a blank
    /// fills its first column so the layout stays put. Overwriting half of an existing wide
    /// grapheme blanks the other half, so no orphan half is ever left on the grid.
    @discardableResult
    public mutating func put(
        _ character: Character, x: Int, y: Int, style: Style = .plain,
        limitX: Int? = nil
    ) -> Int {
        let limit = min(limitX ?? size.columns, size.columns)
        guard y >= 0, y < size.rows, x >= 0, x < limit else { return 0 }
        let (grapheme, width) = Cell.drawable(character)
        if width == 0 { return 0 }
        if width == 2 && x + 1 >= limit {
            setCell(Cell(grapheme: " ", width: 1, style: style), x: x, y: y)
            return 1
        }
        setCell(Cell(grapheme: grapheme, width: width, style: style), x: x, y: y)
        return width
    }

    /// Changes the style of the cells in a rectangle, keeping their graphemes.
    public mutating func applyStyle(_ transform: (Style) -> Style, in rect: Rect) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                cells[y * size.columns + x].style = transform(cells[y * size.columns + x].style)
            }
        }
    }

    /// Fills a rectangle with one grapheme (a blank by default).
    ///
    /// The grapheme is checked once, not once per cell; only a wide one goes cell by cell.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let (grapheme, width) = Cell.drawable(character)
        if width == 1 {
            let cell = Cell(grapheme: grapheme, width: 1, style: style)
            for y in area.y..<area.maxY {
                let row = y * size.columns
                // Wide graphemes cut at the edges lose their other half, as `put` would do.
                if cells[row + area.x].isContinuation, area.x > 0 {
                    cells[row + area.x - 1] = Cell(grapheme: " ", width: 1, style: cells[row + area.x - 1].style)
                }
                if cells[row + area.maxX - 1].width == 2, area.maxX < size.columns {
                    cells[row + area.maxX] = Cell(grapheme: " ", width: 1, style: cells[row + area.maxX].style)
                }
                for x in area.x..<area.maxX { cells[row + x] = cell }
            }
            return
        }
        if width == 0 { return }
        for y in area.y..<area.maxY {
            var x = area.x
            while x < area.maxX {
                let taken = put(character, x: x, y: y, style: style, limitX: area.maxX)
                x += max(1, taken)
            }
        }
    }

    /// Puts a cell as it is, with no wide-grapheme bookkeeping (for a same-width copy of the grid).
    mutating func replaceCell(_ cell: Cell, x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        cells[y * size.columns + x] = cell
    }

    private mutating func setCell(_ cell: Cell, x: Int, y: Int) {
        let row = y * size.columns
        let right = x + max(1, cell.width) - 1
        // Do not leave half of a wide grapheme behind on either side.
        if cells[row + x].isContinuation, x > 0 {
            cells[row + x - 1] = Cell(grapheme: " ", width: 1, style: cells[row + x - 1].style)
        }
        if cells[row + right].width == 2, right + 1 < size.columns {
            cells[row + right + 1] = Cell(grapheme: " ", width: 1, style: cells[row + right + 1].style)
        }
        cells[row + x] = cell
        if cell.width == 2 {
            cells[row + x + 1] = .continuation(cell.style)
        }
    }

    // MARK: - Reading back

    /// One row as text: every grapheme once, continuation cells skipped, trailing blanks kept.
    public func row(_ y: Int) -> String {
        guard y >= 0, y < size.rows else { return "" }
        var line = ""
        for x in 0..<size.columns {
            let cell = cells[y * size.columns + x]
            if !cell.isContinuation { line += cell.grapheme }
        }
        return line
    }

    /// The canvas as rows of text, trailing blanks trimmed, for snapshot tests.
    public var text: String {
        (0..<size.rows).map { y in
            var line = row(y)
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
