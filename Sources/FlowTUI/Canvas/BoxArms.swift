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
        switch self {
        case [.up, .down, .left, .right]: "┼"
        case [.up, .down, .right]: "├"
        case [.up, .down, .left]: "┤"
        case [.left, .right, .down]: "┬"
        case [.left, .right, .up]: "┴"
        case [.down, .right]: "┌"
        case [.down, .left]: "┐"
        case [.up, .right]: "└"
        case [.up, .left]: "┘"
        case [.up, .down], .up, .down: "│"
        default: "─"
        }
    }

    /// The arms of a light box-drawing glyph, or nil for any other grapheme.
    public init?(glyph: String) {
        guard let arms = Self.byGlyph[glyph] else { return nil }
        self = arms
    }

    private static let byGlyph: [String: BoxArms] = [
        "─": [.left, .right], "│": [.up, .down], "┌": [.down, .right], "┐": [.down, .left],
        "└": [.up, .right], "┘": [.up, .left], "├": [.up, .down, .right], "┤": [.up, .down, .left],
        "┬": [.left, .right, .down], "┴": [.left, .right, .up], "┼": [.up, .down, .left, .right],
    ]
}
