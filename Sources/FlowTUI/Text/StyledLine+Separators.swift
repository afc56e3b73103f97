extension StyledLine {
    /// The line cut into pieces of at most `width` columns that break only after a separator
    /// (`.` `-` `&` `,` `;` `/` `?` `=` `:` or a blank), so a UUID, a token or a flow id is never
    /// split in the middle of a run of its characters.
    ///
    /// A run too long for the width (a JWT's payload, a long opaque token) is cut with "…" and the
    /// rest of the line left out, unless `whole` is set (the zoomed pane): then the run breaks at
    /// the width, so every character shows. Blanks at a break are dropped.
    public func wrappedAtSeparators(width: Int, whole: Bool) -> [StyledLine] {
        guard width > 1 else { return [self] }
        let cells = self.cells
        guard cells.reduce(0, { $0 + $1.width }) > width else { return [self] }
        var lines: [StyledLine] = []
        var start = 0
        while start < cells.count {
            var used = 0
            var end = start
            while end < cells.count, end == start || used + cells[end].width <= width {
                used += cells[end].width
                end += 1
            }
            var cut = false
            if end < cells.count, !Self.isSeparator(cells[end].character) {
                var candidate = end
                while candidate > start, !Self.isSeparator(cells[candidate - 1].character) { candidate -= 1 }
                if candidate > start {
                    end = candidate
                } else if !whole {
                    cut = true
                }
            }
            var piece = Array(cells[start..<end])
            if cut {
                // Room for the ellipsis: drop cells until it fits.
                var pieceWidth = piece.reduce(0) { $0 + $1.width }
                while !piece.isEmpty, pieceWidth + 1 > width {
                    pieceWidth -= piece.removeLast().width
                }
                piece.append((character: "…", style: piece.last?.style ?? .plain, width: 1))
            }
            while piece.count > 1, piece.last?.character == " " { piece.removeLast() }
            lines.append(StyledLine(joining: piece))
            if cut { break }
            start = end
            while start < cells.count, cells[start].character == " " { start += 1 }
        }
        return lines.isEmpty ? [self] : lines
    }

    /// Whether a value may break after this character.
    static func isSeparator(_ character: Character) -> Bool {
        switch character {
        case " ", ".", "-", "&", ",", ";", "/", "?", "=", ":": true
        default: false
        }
    }
}
