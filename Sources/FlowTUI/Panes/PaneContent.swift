/// What a pane shows: a title with a short status, and its lines laid out for its width.
public struct PaneContent: Equatable, Sendable {
    /// The pane's name, such as "Request".
    public var title: String
    /// A few words after the title, such as "being built" or "← 1 Authorize".
    public var subtitle: String
    /// The lines, already wrapped to the pane's width.
    public var lines: [StyledLine]

    public init(title: String, subtitle: String = "", lines: [StyledLine]) {
        self.title = title
        self.subtitle = subtitle
        self.lines = lines
    }
}

/// Collects a pane's lines, wrapping each to the pane's width as it is added.
struct PaneBuilder {
    let width: Int
    private(set) var lines: [StyledLine] = []

    init(width: Int) {
        self.width = max(1, width)
    }

    /// Adds a line; a long one wraps with a hanging indent.
    mutating func add(_ line: StyledLine, indent: Int = 2) {
        lines += line.wrapped(width: width, indent: indent)
    }

    /// Adds lines already laid out for this width.
    mutating func append(laidOut lines: [StyledLine]) {
        self.lines += lines
    }

    /// Adds a line of one style.
    mutating func add(_ text: String, style: Style = .plain, indent: Int = 2) {
        add(StyledLine(text, style: style), indent: indent)
    }

    /// Adds a table laid out in the pane's width.
    mutating func add(_ table: KeyValueTable) {
        lines += table.lines(width: width)
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

    /// A status code's style: green for 2xx, yellow for 3xx, red for 4xx and 5xx.
    static func status(_ code: Int) -> Style {
        switch code {
        case 200..<300: success.bold()
        case 300..<400: warning.bold()
        default: failure
        }
    }
}
