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
    /// Breaks fall between graphemes, never inside one, so a wide grapheme moves whole to the next
    /// piece. An empty line stays one empty line.
    public func wrapped(width: Int, indent: Int = 0) -> [StyledLine] {
        guard width > 0 else { return [self] }
        let indent = indent < width ? max(0, indent) : 0
        var lines: [StyledLine] = []
        var current = StyledLine()
        var used = 0
        for span in spans {
            var run = ""
            for character in span.text {
                let columns = DisplayWidth.of(character)
                if used + columns > width, used > (lines.isEmpty ? 0 : indent) {
                    if !run.isEmpty { current.spans.append(Span(run, style: span.style)) }
                    lines.append(current)
                    current = StyledLine(String(repeating: " ", count: indent))
                    used = indent
                    run = ""
                }
                run.append(character)
                used += columns
            }
            if !run.isEmpty { current.spans.append(Span(run, style: span.style)) }
        }
        lines.append(current)
        return lines
    }
}
