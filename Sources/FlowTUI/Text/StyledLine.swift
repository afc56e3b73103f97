/// A run of text in one style.
public struct Span: Equatable, Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// One line of styled text: spans drawn left to right.
public struct StyledLine: Equatable, Hashable, Sendable, ExpressibleByStringLiteral {
    public var spans: [Span]

    public init(_ spans: [Span] = []) {
        self.spans = spans
    }

    /// A line of one span.
    public init(_ text: String, style: Style = .plain) {
        spans = [Span(text, style: style)]
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The text without styles.
    public var plainText: String { spans.map(\.text).joined() }

    /// The columns the line takes.
    public var width: Int { spans.reduce(0) { $0 + DisplayWidth.of($1.text) } }

    /// The line with a span appended.
    public func appending(_ text: String, style: Style = .plain) -> StyledLine {
        var copy = self
        copy.spans.append(Span(text, style: style))
        return copy
    }

    /// The line cut into pieces of at most `width` columns; later pieces start with `indent` blanks.
    ///
    /// Pieces break after a blank or after `/ & ? , ;` (so URLs break at their parts) when such
    /// a place is in the last two thirds of the piece, else between any two graphemes; never
    /// inside a grapheme, so a wide one moves whole. Blanks at a break are dropped. An empty line
    /// stays one empty line.
    public func wrapped(width: Int, indent: Int = 0) -> [StyledLine] {
        guard width > 0 else { return [self] }
        let indent = indent < width ? max(0, indent) : 0
        let cells = self.cells
        guard cells.reduce(0, { $0 + $1.width }) > width else { return [self] }
        var lines: [StyledLine] = []
        var start = 0
        while start < cells.count {
            let room = lines.isEmpty ? width : width - indent
            var used = 0
            var end = start
            while end < cells.count, end == start || used + cells[end].width <= room {
                used += cells[end].width
                end += 1
            }
            if end < cells.count {
                var candidate = end
                while candidate > start + 1, !Self.breaksAfter(cells[candidate - 1].character) {
                    candidate -= 1
                }
                // The columns up to the candidate: those counted, less the ones after it.
                var candidateWidth = used
                for index in candidate..<end { candidateWidth -= cells[index].width }
                if candidate > start + 1, candidateWidth * 3 >= room { end = candidate }
            }
            var piece = Array(cells[start..<end])
            while piece.count > 1, piece.last?.character == " " { piece.removeLast() }
            let blanks = lines.isEmpty ? 0 : indent
            lines.append(StyledLine(joining: [Cell](repeating: (" ", .plain, 1), count: blanks) + piece))
            start = end
            while start < cells.count, cells[start].character == " " { start += 1 }
        }
        return lines.isEmpty ? [self] : lines
    }

    /// One grapheme of a line, with its style and the columns it takes.
    typealias Cell = (character: Character, style: Style, width: Int)

    /// The line's graphemes, in order.
    var cells: [Cell] {
        spans.flatMap { span in span.text.map { (character: $0, style: span.style, width: DisplayWidth.of($0)) } }
    }

    /// A line of cells, those of one style joined into one span, unless a character would fuse
    /// with the one before it into a single grapheme (a variation selector or joiner that began a
    /// span of its own): that grapheme could be wider than the two cells counted.
    init(joining cells: [Cell]) {
        var spans: [Span] = []
        var previous: Character?
        for cell in cells {
            if let last = spans.indices.last, spans[last].style == cell.style,
                let before = previous, !Self.fuses(before, cell.character)
            {
                spans[last].text.append(cell.character)
            } else {
                spans.append(Span(String(cell.character), style: cell.style))
            }
            previous = cell.character
        }
        self.init(spans)
    }

    /// Whether two graphemes become one when written next to each other.
    static func fuses(_ first: Character, _ second: Character) -> Bool {
        // Two printable ASCII characters never join (only CR LF does, and neither is printable).
        if let a = first.asciiValue, let b = second.asciiValue, (0x20...0x7E).contains(a), (0x20...0x7E).contains(b) {
            return false
        }
        var pair = String(first)
        pair.append(second)
        return pair.count == 1
    }

    /// Whether a line may break after this character.
    static func breaksAfter(_ character: Character) -> Bool {
        character == " " || character == "/" || character == "&" || character == "?" || character == ","
            || character == ";"
    }
}
