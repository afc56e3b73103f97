/// The footer: the keys that matter now, each as a bold key and a short label.
///
/// Hints come most important first. The essential ones (their keys in `essentialKeys`) show at
/// every width; the others that do not fit are left out from the end, whole, so the bar drops
/// the least important keys first and never shows half a hint.
public struct KeyBar: Equatable, Hashable, Sendable {
    public var bindings: [KeyBinding]
    /// The keys of the hints kept at every width (such as `?` and `q`).
    public var essentialKeys: Set<String>

    public init(_ bindings: [KeyBinding], essentialKeys: Set<String> = []) {
        self.bindings = bindings
        self.essentialKeys = essentialKeys
    }

    /// The bar as one line that fits in `width` columns.
    public func line(width: Int) -> StyledLine {
        func columns(_ binding: KeyBinding) -> Int {
            DisplayWidth.of(binding.keys) + 1 + DisplayWidth.of(binding.summary)
        }
        // Two blanks between hints: the total is the same whichever hint claims its room first.
        var used = 0
        var kept = Array(repeating: false, count: bindings.count)
        func keep(_ index: Int) -> Bool {
            let needed = (used == 0 ? 0 : 2) + columns(bindings[index])
            guard used + needed <= width else { return false }
            used += needed
            kept[index] = true
            return true
        }
        for index in bindings.indices where essentialKeys.contains(bindings[index].keys) {
            _ = keep(index)
        }
        for index in bindings.indices where !essentialKeys.contains(bindings[index].keys) {
            guard keep(index) else { break }
        }
        var line = StyledLine()
        for (index, binding) in bindings.enumerated() where kept[index] {
            if !line.spans.isEmpty { line.spans.append(Span("  ")) }
            line.spans.append(Span(binding.keys, style: .bold.foreground(.cyan)))
            line.spans.append(Span(" " + binding.summary))
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
