import CNcursesw
import FlowTUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CursesTerminal {
    /// Copies a canvas to the screen in one update.
    ///
    /// Each grapheme is written once; continuation cells are skipped, since curses advances over
    /// a wide character itself. Where the C library's idea of a character's width disagrees with
    /// the canvas, the cell is drawn so the columns still line up (a blank after a glyph curses
    /// thinks narrow, U+FFFD for a glyph curses thinks wide), so borders never shift.
    ///
    /// Only the cells that differ from the previous frame are written (a key usually changes a
    /// few rows of a 200×60 screen); the whole frame after a resize or a change of size.
    public func draw(_ canvas: Canvas) {
        guard select() else { return }
        // A terminal without UTF-8 gets the same frame in ASCII.
        let canvas = asciiOnly ? canvas.asASCII() : canvas
        let stdscr = authflow_stdscr()
        if canvas.size != size {
            werase(stdscr)
            shown = nil
        }
        let previous = shown?.size == canvas.size ? shown : nil
        let rows = min(canvas.size.rows, size.rows)
        let columns = min(canvas.size.columns, size.columns)
        for y in 0..<max(0, rows) {
            for x in 0..<max(0, columns) {
                let cell = canvas[x: x, y: y]
                if cell.isContinuation { continue }
                // Unchanged: stdscr holds it already. (A wide grapheme and its continuation
                // change together, so a cell written next to a skipped one never halves it.)
                if let previous, previous[x: x, y: y] == cell { continue }
                put(cell, x: x, y: y, columns: columns)
            }
        }
        shown = canvas.size == size ? canvas : nil
        wnoutrefresh(stdscr)
        doupdate()
    }

    private func put(_ cell: Cell, x: Int, y: Int, columns: Int) {
        let attributes = attributes(for: cell.style)
        let pair = usesColor ? Int16(cell.style.foreground?.rawValue ?? 0) : 0
        // Most cells are one scalar: no array for them.
        let scalars = cell.grapheme.unicodeScalars
        if cell.width == 1, let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex {
            var character = wchar_t(bitPattern: first.value)
            let libraryWidth = Int(authflow_wcwidth(character))
            if libraryWidth == 1 {
                _ = authflow_put_cell(Int32(y), Int32(x), &character, 1, attributes, pair)
                return
            }
        }
        var characters = Self.cellCharacters(cell.grapheme)
        let libraryWidth = characters.first.map { Int(authflow_wcwidth($0)) } ?? 1
        if libraryWidth < 0 || (cell.width == 1 && libraryWidth == 2) || (cell.width == 2 && x + 1 >= columns) {
            characters = [wchar_t(0xFFFD)]
        }
        if cell.width == 2 && x + 1 >= columns {
            characters = [wchar_t(0x20)]
        }
        var written = characters.withUnsafeBufferPointer {
            authflow_put_cell(Int32(y), Int32(x), $0.baseAddress, Int32($0.count), attributes, pair)
        }
        if written == -2, let first = characters.first {
            // Not one cell for curses (two spacing characters): draw the base character alone.
            var base = [first]
            written = authflow_put_cell(Int32(y), Int32(x), &base, 1, attributes, pair)
        }
        if cell.width == 2 && libraryWidth == 1 && x + 1 < columns {
            var blank: [wchar_t] = [0x20]
            _ = authflow_put_cell(Int32(y), Int32(x + 1), &blank, 1, attributes, pair)
        }
    }

    /// A grapheme as curses cell characters: the base scalar and the zero-width ones after it.
    static func cellCharacters(_ grapheme: String) -> [wchar_t] {
        var characters: [wchar_t] = []
        for scalar in grapheme.unicodeScalars {
            let character = wchar_t(bitPattern: scalar.value)
            if characters.isEmpty {
                characters.append(character)
            } else if authflow_wcwidth(character) == 0, characters.count < Int(authflow_cell_capacity()) {
                characters.append(character)
            }
        }
        return characters.isEmpty ? [0x20] : characters
    }

    /// The curses attributes for a style; colour is a separate pair number.
    func attributes(for style: Style) -> attr_t {
        var attributes = authflow_a_normal()
        if style.isBold { attributes |= authflow_a_bold() }
        if style.isDim { attributes |= authflow_a_dim() }
        if style.isReverse { attributes |= authflow_a_reverse() }
        if style.isUnderline { attributes |= authflow_a_underline() }
        return attributes
    }
}
