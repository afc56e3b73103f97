/// A mouse event the terminal reported: where, and what happened there.
public struct MouseEvent: Equatable, Hashable, Sendable {
    public enum Kind: Equatable, Hashable, Sendable {
        /// A button was pressed (a click).
        case press
        case wheelUp
        case wheelDown
    }

    /// The cell's column, from 0.
    public var x: Int
    /// The cell's row, from 0.
    public var y: Int
    public var kind: Kind

    public init(x: Int, y: Int, kind: Kind) {
        self.x = x
        self.y = y
        self.kind = kind
    }
}
