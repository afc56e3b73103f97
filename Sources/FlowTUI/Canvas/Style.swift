/// How a cell is drawn: text attributes and an optional foreground colour.
///
/// Meaning never rests on colour alone (the screen must read with `NO_COLOR`): states carry a
/// glyph (✓ ✗ ▸) or an attribute as well, and the terminal drops the colour when asked to.
public struct Style: Equatable, Hashable, Sendable {
    /// A colour from the small palette every terminal has.
    public enum Color: Int, CaseIterable, Equatable, Hashable, Sendable {
        case red = 1
        case green, yellow, blue, magenta, cyan
    }

    public var foreground: Color?
    public var isBold: Bool
    public var isDim: Bool
    public var isReverse: Bool
    public var isUnderline: Bool

    public init(
        foreground: Color? = nil,
        isBold: Bool = false,
        isDim: Bool = false,
        isReverse: Bool = false,
        isUnderline: Bool = false
    ) {
        self.foreground = foreground
        self.isBold = isBold
        self.isDim = isDim
        self.isReverse = isReverse
        self.isUnderline = isUnderline
    }

    /// No attributes, the terminal's default colours.
    public static let plain = Style()
    /// Bold text.
    public static let bold = Style(isBold: true)
    /// Dim text, for labels and hints.
    public static let dim = Style(isDim: true)
    /// Reverse video, for the selection and the text cursor.
    public static let reverse = Style(isReverse: true)
    /// Underlined text.
    public static let underline = Style(isUnderline: true)

    /// The same style with a foreground colour.
    public func foreground(_ color: Color?) -> Style { setting(\.foreground, to: color) }

    /// The same style, bold.
    public func bold(_ on: Bool = true) -> Style { setting(\.isBold, to: on) }

    /// The same style, dim.
    public func dim(_ on: Bool = true) -> Style { setting(\.isDim, to: on) }

    /// The same style, in reverse video.
    public func reverse(_ on: Bool = true) -> Style { setting(\.isReverse, to: on) }

    /// The same style, underlined.
    public func underline(_ on: Bool = true) -> Style { setting(\.isUnderline, to: on) }

    /// The same style with one property changed.
    private func setting<Value>(_ property: WritableKeyPath<Style, Value>, to value: Value) -> Style {
        var copy = self
        copy[keyPath: property] = value
        return copy
    }

    /// A style in a colour, with no attributes.
    public static func color(_ color: Color) -> Style {
        Style(foreground: color)
    }
}
