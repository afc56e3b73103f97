/// The arms of a box-drawing glyph: which sides of the cell a line leaves from.
///
/// Lines are drawn by adding arms to what is already there, so a divider that meets a border
/// turns `─` into `┬` and two crossing dividers make `┼`, without any special cases.
public struct BoxArms: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let up = BoxArms(rawValue: 1)
    public static let down = BoxArms(rawValue: 2)
    public static let left = BoxArms(rawValue: 4)
    public static let right = BoxArms(rawValue: 8)

    /// The light box-drawing glyph with these arms.
    public var glyph: Character {
        Self.glyphs[Int(rawValue & 0x0F)]
    }

    /// The glyph for each set of arms, by raw value (up 1, down 2, left 4, right 8): a table, so
    /// that drawing a border does no set algebra per cell. One arm is drawn as a whole line.
    private static let glyphs: [Character] = [
        "─", "│", "│", "│", "─", "┘", "┐", "┤", "─", "└", "┌", "├", "─", "┴", "┬", "┼",
    ]

    /// The arms of a light box-drawing glyph, or nil for any other grapheme.
    public init?(glyph: String) {
        var scalars = glyph.unicodeScalars.makeIterator()
        guard let scalar = scalars.next(), scalars.next() == nil else { return nil }
        switch scalar.value {
        case 0x2500: self = [.left, .right]  // ─
        case 0x2502: self = [.up, .down]  // │
        case 0x250C: self = [.down, .right]  // ┌
        case 0x2510: self = [.down, .left]  // ┐
        case 0x2514: self = [.up, .right]  // └
        case 0x2518: self = [.up, .left]  // ┘
        case 0x251C: self = [.up, .down, .right]  // ├
        case 0x2524: self = [.up, .down, .left]  // ┤
        case 0x252C: self = [.left, .right, .down]  // ┬
        case 0x2534: self = [.left, .right, .up]  // ┴
        case 0x253C: self = [.up, .down, .left, .right]  // ┼
        default: return nil
        }
    }
}
