import Foundation

/// What a pane shows: a title with a short status, and its lines laid out for its width.
public struct PaneContent: Equatable, Sendable {
    /// The pane's name, such as "Request".
    public var title: String
    /// A few words after the title, such as "being built" or "← 1 Authorize".
    public var subtitle: String
    /// The lines, already wrapped to the pane's width.
    public var lines: [StyledLine]
    /// The whole value behind runs of lines (a table row's value, a line before it was wrapped,
    /// or a value given outright such as a token or a URL), in line order: what `y` copies.
    public var values: [LineValue]

    public init(title: String, subtitle: String = "", lines: [StyledLine], values: [LineValue] = []) {
        self.title = title
        self.subtitle = subtitle
        self.lines = lines
        self.values = values
    }

    /// The value shown on line `index`, or nil when the line shows none (a blank, a hint).
    public func value(atLine index: Int) -> LineValue? {
        // Binary search: the values are in line order and do not overlap.
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle].lines.upperBound <= index { low = middle + 1 } else { high = middle }
        }
        guard low < values.count, values[low].lines.contains(index) else { return nil }
        return values[low]
    }
}

/// The whole value behind some lines of a pane, and what it is called.
public struct LineValue: Equatable, Sendable {
    /// The lines it takes.
    public var lines: Range<Int>
    /// What it is, for the notice ("flowId", "access_token", "the URL").
    public var name: String
    /// The value as shown on screen before it was wrapped or cut (masked when the screen is);
    /// for a value given outright, the raw value, which the copy masks as the screen is masked.
    public var text: String
    /// Whether `text` is the raw value, to be masked at copy time.
    public var isRaw: Bool

    public init(lines: Range<Int>, name: String, text: String, isRaw: Bool = false) {
        self.lines = lines
        self.name = name
        self.text = text
        self.isRaw = isRaw
    }
}

/// Collects a pane's lines, wrapping each to the pane's width as it is added.
struct PaneBuilder {
    let width: Int
    /// Whether table values are shown whole (the zoomed pane) rather than cut with "…".
    var wholeValues: Bool
    private(set) var lines: [StyledLine] = []
    private(set) var values: [LineValue] = []

    init(width: Int, wholeValues: Bool = false) {
        self.width = max(1, width)
        self.wholeValues = wholeValues
    }

    /// Adds a line; a long one wraps with a hanging indent. Its text is the value `y` copies.
    mutating func add(_ line: StyledLine, indent: Int = 2) {
        let first = lines.count
        lines += line.wrapped(width: width, indent: indent)
        let text = line.plainText.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty { values.append(LineValue(lines: first..<lines.count, name: "the line", text: text)) }
    }

    /// Adds a line wrapped to at most `maxLines` lines, the last cut with "…", unless values are
    /// shown whole (the zoomed pane).
    mutating func add(_ line: StyledLine, indent: Int = 2, maxLines: Int) {
        var wrapped = line.wrapped(width: width, indent: indent)
        if !wholeValues, wrapped.count > maxLines {
            wrapped = Array(wrapped.prefix(maxLines))
            var last = wrapped[maxLines - 1]
            while last.width > width - 1, var span = last.spans.popLast() {
                if !span.text.isEmpty { span.text.removeLast() }
                if !span.text.isEmpty { last.spans.append(span) }
            }
            wrapped[maxLines - 1] = last.appending("…", style: last.spans.last?.style ?? .plain)
        }
        let first = lines.count
        lines += wrapped
        values.append(
            LineValue(
                lines: first..<lines.count, name: "the line", text: line.plainText.trimmingCharacters(in: .whitespaces))
        )
    }

    /// Adds a line whose copy is a raw value (masked at copy time as the screen is masked).
    mutating func add(_ line: StyledLine, indent: Int = 2, value: String, named name: String) {
        let first = lines.count
        lines += line.wrapped(width: width, indent: indent)
        values.append(LineValue(lines: first..<lines.count, name: name, text: value, isRaw: true))
    }

    /// Adds lines already laid out for this width, with the values behind them (lines counted
    /// from the first added).
    mutating func append(laidOut lines: [StyledLine], values: [LineValue] = []) {
        let offset = self.lines.count
        self.lines += lines
        self.values += values.map { value in
            var moved = value
            moved.lines = (value.lines.lowerBound + offset)..<(value.lines.upperBound + offset)
            return moved
        }
    }

    /// Adds a line of one style.
    mutating func add(_ text: String, style: Style = .plain, indent: Int = 2) {
        add(StyledLine(text, style: style), indent: indent)
    }

    /// Adds a table laid out in the pane's width; each row's value is what `y` copies on its lines.
    mutating func add(_ table: KeyValueTable) {
        let (tableLines, ranges) = table.laidOut(width: width, whole: wholeValues)
        let offset = lines.count
        lines += tableLines
        for (row, range) in zip(table.rows, ranges) {
            values.append(
                LineValue(
                    lines: (range.lowerBound + offset)..<(range.upperBound + offset), name: row.key,
                    text: row.raw ?? row.value.plainText, isRaw: row.raw != nil))
        }
    }

    /// Adds a section heading, after a blank line unless it is the first line.
    mutating func heading(_ text: String, hint: String? = nil) {
        if !lines.isEmpty { lines.append(StyledLine()) }
        var line = StyledLine(text, style: PaneStyle.heading)
        if let hint { line = line.appending("  " + hint, style: PaneStyle.hint) }
        add(line)
    }
}

/// Styles the panes share, so the screen reads the same everywhere (and without colour).
enum PaneStyle {
    static let heading = Style.bold
    static let label = Style.dim
    static let success = Style.color(.green)
    static let failure = Style.color(.red).bold()
    static let warning = Style.color(.yellow)
    static let hint = Style.dim
    static let method = Style.bold.foreground(.cyan)
    /// A search match, and the match `n`/`N` went to.
    static let match = Style.reverse.foreground(.yellow)
    static let currentMatch = Style.reverse.bold().foreground(.magenta)
    /// The focused pane's selected line (its top line): what `y` copies.
    static let selected = Style.underline

    /// A status code's style: green for 2xx, yellow for 3xx, red for 4xx and 5xx.
    static func status(_ code: Int) -> Style {
        switch code {
        case 200..<300: success.bold()
        case 300..<400: warning.bold()
        default: failure
        }
    }
}
