extension Rect {
    /// How much of a split one part takes.
    public enum Constraint: Equatable, Hashable, Sendable {
        /// Exactly this many cells (less if the rectangle is too small).
        case fixed(Int)
        /// This percentage of the whole length, rounded down.
        case percent(Int)
        /// A share of what the fixed and percentage parts leave, by weight.
        case fill(Int)
    }

    /// The direction a split cuts along.
    public enum Axis: Equatable, Hashable, Sendable {
        /// Parts side by side, left to right.
        case horizontal
        /// Parts stacked, top to bottom.
        case vertical
    }

    /// Splits the rectangle into parts along an axis; the parts always tile it exactly.
    ///
    /// Fixed and percentage parts are served first, in order, as far as room allows; fill parts
    /// share the rest by weight, and the last fill part takes any rounding remainder.
    public func split(_ axis: Axis, _ constraints: [Constraint]) -> [Rect] {
        let total = axis == .horizontal ? width : height
        var lengths = Array(repeating: 0, count: constraints.count)
        var remaining = total
        for (index, constraint) in constraints.enumerated() {
            switch constraint {
            case .fixed(let length):
                lengths[index] = min(max(0, length), remaining)
            case .percent(let percent):
                lengths[index] = min(total * max(0, percent) / 100, remaining)
            case .fill:
                continue
            }
            remaining -= lengths[index]
        }
        let weights = constraints.map { if case .fill(let weight) = $0 { max(0, weight) } else { 0 } }
        let weightSum = weights.reduce(0, +)
        if weightSum > 0 {
            var shared = 0
            let lastFill = weights.lastIndex(where: { $0 > 0 })
            for index in weights.indices where weights[index] > 0 {
                lengths[index] = index == lastFill ? remaining - shared : remaining * weights[index] / weightSum
                shared += lengths[index]
            }
        }
        var parts: [Rect] = []
        var offset = 0
        for length in lengths {
            switch axis {
            case .horizontal:
                parts.append(Rect(x: x + offset, y: y, width: length, height: height))
            case .vertical:
                parts.append(Rect(x: x, y: y + offset, width: width, height: length))
            }
            offset += length
        }
        return parts
    }
}
