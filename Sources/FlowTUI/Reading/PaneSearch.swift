import Foundation

/// A search in one pane (`/`): the query being typed, then its matches highlighted and `n` / `N`
/// moving between them until `esc` ends it.
///
/// It searches the pane's lines as laid out, so a secret masked on screen is found only as `•`,
/// never by its hidden value; a match is within one screen line. Case is ignored; the query is
/// plain text, not a pattern.
public struct PaneSearch: Equatable, Sendable {
    /// A match: the line it is on and the characters it takes there.
    public struct Match: Equatable, Hashable, Sendable {
        public var line: Int
        public var characters: Range<Int>
    }

    /// The pane searched.
    public var pane: Pane
    /// The query, as typed.
    public var field: TextField
    /// Whether the prompt is still open (the query being typed).
    public var isEditing: Bool
    /// The match `n` / `N` went to last, if any.
    public var current: Match?
    /// The current match's place among the matches (from 0), when last counted.
    public var matchIndex: Int?
    /// How many matches there were when last counted.
    public var matchCount = 0

    public init(pane: Pane) {
        self.pane = pane
        field = TextField(label: "/")
        isEditing = true
    }

    /// The query.
    public var query: String { field.text }

    /// Every match of `query` in `lines`, in order.
    public static func matches(of query: String, in lines: [StyledLine]) -> [Match] {
        guard !query.isEmpty else { return [] }
        var found: [Match] = []
        for (index, line) in lines.enumerated() {
            found += matches(of: query, inLine: line.plainText).map { Match(line: index, characters: $0) }
        }
        return found
    }

    /// The character ranges of `query` in one line's text, case ignored.
    static func matches(of query: String, inLine text: String) -> [Range<Int>] {
        guard !query.isEmpty, !text.isEmpty else { return [] }
        var ranges: [Range<Int>] = []
        var searchStart = text.startIndex
        var offset = 0
        while searchStart < text.endIndex,
            let range = text.range(of: query, options: [.caseInsensitive], range: searchStart..<text.endIndex)
        {
            let start = offset + text.distance(from: searchStart, to: range.lowerBound)
            let length = text.distance(from: range.lowerBound, to: range.upperBound)
            ranges.append(start..<(start + length))
            offset = start + length
            searchStart = range.upperBound
        }
        return ranges
    }

    /// A line with its matches of the query in the match style (the current one stands out).
    func highlighted(_ line: StyledLine, lineIndex: Int) -> StyledLine {
        let ranges = Self.matches(of: query, inLine: line.plainText)
        guard !ranges.isEmpty else { return line }
        var spans: [Span] = []
        var position = 0
        for span in line.spans {
            for character in span.text {
                var style = span.style
                if let range = ranges.first(where: { $0.contains(position) }) {
                    let isCurrent = current == Match(line: lineIndex, characters: range)
                    style = isCurrent ? PaneStyle.currentMatch : PaneStyle.match
                }
                if let last = spans.indices.last, spans[last].style == style {
                    spans[last].text.append(character)
                } else {
                    spans.append(Span(String(character), style: style))
                }
                position += 1
            }
        }
        return StyledLine(spans)
    }
}
