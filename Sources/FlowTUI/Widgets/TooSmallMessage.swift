/// The message shown instead of the screen when the terminal is smaller than the layout needs.
public struct TooSmallMessage: Equatable, Hashable, Sendable {
    /// The smallest size the layout works in.
    public var required: Size
    /// The terminal's size now.
    public var actual: Size

    public init(required: Size, actual: Size) {
        self.required = required
        self.actual = actual
    }

    /// The message, one sentence per line, most important first.
    var lines: [StyledLine] {
        [
            StyledLine("Terminal too small", style: .bold),
            StyledLine("\(actual) now, \(required) needed"),
            StyledLine("Enlarge the window, or press q to quit", style: .dim),
        ]
    }

    /// Draws the message centred on a cleared canvas, wrapped to whatever width there is.
    public func render(into canvas: inout Canvas) {
        let area = canvas.bounds
        canvas.fill(area)
        guard !area.isEmpty else { return }
        let wrapped = lines.flatMap { $0.wrapped(width: area.width) }
        let shown = wrapped.prefix(area.height)
        let top = area.y + (area.height - shown.count) / 2
        for (index, line) in shown.enumerated() {
            let x = area.x + max(0, (area.width - line.width) / 2)
            canvas.draw(line, x: x, y: top + index, width: area.maxX - x, ellipsis: true)
        }
    }
}
