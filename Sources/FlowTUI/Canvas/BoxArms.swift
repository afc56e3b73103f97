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
        // Raw values (up 1, down 2, left 4, right 8), not set literals: this runs for every border cell.
        switch scalar.value {
        case 0x2500: self.init(rawValue: 12)  // ─
        case 0x2502: self.init(rawValue: 3)  // │
        case 0x250C: self.init(rawValue: 10)  // ┌
        case 0x2510: self.init(rawValue: 6)  // ┐
        case 0x2514: self.init(rawValue: 9)  // └
        case 0x2518: self.init(rawValue: 5)  // ┘
        case 0x251C: self.init(rawValue: 11)  // ├
        case 0x2524: self.init(rawValue: 7)  // ┤
        case 0x252C: self.init(rawValue: 14)  // ┬
        case 0x2534: self.init(rawValue: 13)  // ┴
        case 0x253C: self.init(rawValue: 15)  // ┼
        default: return nil
        }
    }

    /// A horizontal line's arms (left and right).
    public static let horizontal = BoxArms(rawValue: 12)
    /// A vertical line's arms (up and down).
    public static let vertical = BoxArms(rawValue: 3)
}
