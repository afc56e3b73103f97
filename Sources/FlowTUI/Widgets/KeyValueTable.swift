/// Rows of a label and a value, the labels in one column, long values wrapped under their value.
///
/// Used for query and form parameters, headers and decoded fields. The table yields lines, so a
/// pane can scroll it with a `TextView`.
public struct KeyValueTable: Equatable, Hashable, Sendable {
    /// One row.
    public struct Row: Equatable, Hashable, Sendable {
        public var key: String
        public var value: StyledLine
        public var keyStyle: Style
        /// The raw value behind a shortened one (a JWT shown as its first characters), which `y`
        /// copies, masked as the screen is; nil when the value shown is the value.
        public var raw: String?

        public init(_ key: String, _ value: StyledLine, keyStyle: Style = .dim, raw: String? = nil) {
            self.key = key
            self.value = value
            self.keyStyle = keyStyle
            self.raw = raw
        }

        public init(_ key: String, _ value: String, style: Style = .plain, keyStyle: Style = .dim) {
            self.init(key, StyledLine(value, style: style), keyStyle: keyStyle)
        }
    }

    public var rows: [Row]
    /// The widest the label column gets; longer labels end in "…".
    public var maxKeyWidth: Int
    /// Blanks before each row.
    public var indent: Int

    public init(_ rows: [Row], maxKeyWidth: Int = 18, indent: Int = 0) {
        self.rows = rows
        self.maxKeyWidth = maxKeyWidth
        self.indent = indent
    }

    /// The table laid out in `width` columns.
    ///
    /// The label column is as wide as the widest label (up to `maxKeyWidth`, and never more than
    /// half the width); values wrap beneath themselves at separators, never inside a UUID or a
    /// token: a run too long for the column is cut with "…", unless `whole` (the zoomed pane).
    public func lines(width: Int, whole: Bool = false) -> [StyledLine] {
        laidOut(width: width, whole: whole).lines
    }

    /// The table laid out, with the range of lines each row took (for copying a row's value).
    func laidOut(width: Int, whole: Bool) -> (lines: [StyledLine], rows: [Range<Int>]) {
        guard !rows.isEmpty else { return ([], []) }
        let widest = rows.map { DisplayWidth.of($0.key) }.max() ?? 0
        let keyWidth = max(1, min(widest, maxKeyWidth, max(4, (width - indent) / 2)))
        let valueX = indent + keyWidth + 2
        let valueWidth = max(1, width - valueX)
        var lines: [StyledLine] = []
        var ranges: [Range<Int>] = []
        for row in rows {
            let key = Self.fit(row.key, width: keyWidth)
            let pieces = row.value.wrappedAtSeparators(width: valueWidth, whole: whole)
            let first = lines.count
            for (index, piece) in pieces.enumerated() {
                var line = StyledLine(String(repeating: " ", count: indent))
                if index == 0 {
                    line.spans.append(Span(key, style: row.keyStyle))
                    line.spans.append(Span(String(repeating: " ", count: keyWidth - DisplayWidth.of(key) + 2)))
                } else {
                    line.spans.append(Span(String(repeating: " ", count: keyWidth + 2)))
                }
                line.spans += piece.spans
                lines.append(line)
            }
            ranges.append(first..<lines.count)
        }
        return (lines, ranges)
    }

    /// Text cut to a width, ending in "…" when it was longer.
    static func fit(_ text: String, width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let columns = DisplayWidth.of(character)
            if used + columns > width - 1 { break }
            result.append(character)
            used += columns
        }
        return result + "…"
    }
}
