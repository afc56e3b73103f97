/// The footer: the keys that matter now, each as a bold key and a short label.
///
/// Hints that do not fit are left out from the end, whole, so the bar never shows half a hint.
public struct KeyBar: Equatable, Hashable, Sendable {
    public var bindings: [KeyBinding]

    public init(_ bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// The bar as one line that fits in `width` columns.
    public func line(width: Int) -> StyledLine {
        var line = StyledLine()
        var used = 0
        for binding in bindings {
            let hintWidth = DisplayWidth.of(binding.keys) + 1 + DisplayWidth.of(binding.summary)
            let separator = line.spans.isEmpty ? 0 : 2
            guard used + separator + hintWidth <= width else { break }
            if separator > 0 { line.spans.append(Span("  ")) }
            line.spans.append(Span(binding.keys, style: .bold.foreground(.cyan)))
            line.spans.append(Span(" " + binding.summary))
            used += separator + hintWidth
        }
        return line
    }

    /// Draws the bar from a position, framed by one blank each side (it sits in a border line).
    public func render(into canvas: inout Canvas, x: Int, y: Int, width: Int) {
        guard width > 2 else { return }
        let bar = line(width: width - 2)
        guard !bar.spans.isEmpty else { return }
        canvas.put(" ", x: x, y: y)
        let drawn = canvas.draw(bar, x: x + 1, y: y, width: width - 2)
        canvas.put(" ", x: x + 1 + drawn, y: y)
    }
}
