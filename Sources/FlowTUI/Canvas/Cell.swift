/// One column of the canvas: a grapheme, the columns it takes, and its style.
///
/// A wide grapheme (CJK, most emoji) sits in its first column with `width == 2`; the column to
/// its right holds a continuation cell (`width == 0`, empty grapheme) that the terminal skips.
public struct Cell: Equatable, Hashable, Sendable {
    /// The grapheme drawn here; empty for a continuation cell.
    public private(set) var grapheme: String
    /// Columns taken: 1 or 2 for a grapheme, 0 for a continuation cell.
    public private(set) var width: Int
    /// How the grapheme is drawn.
    public var style: Style

    /// A blank column.
    public static let blank = Cell(grapheme: " ", width: 1, style: .plain)

    /// What a grapheme that must not reach a terminal is drawn as.
    public static let replacement: Character = "\u{FFFD}"

    init(grapheme: String, width: Int, style: Style) {
        self.grapheme = grapheme
        self.width = width
        self.style = style
    }

    /// A continuation cell, right of a wide grapheme.
    static func continuation(_ style: Style) -> Cell {
        Cell(grapheme: "", width: 0, style: style)
    }

    /// Whether this column is the right half of a wide grapheme.
    public var isContinuation: Bool { width == 0 }

    /// The grapheme as it may be drawn, with its width.
    ///
    /// Control characters (C0, C1, DEL) and bidi overrides are replaced with U+FFFD: the
    /// sanitizer upstream already shows server bytes as visible escapes, and this is the last
    /// guard that nothing drives the terminal. A lone combining mark is drawn on a dotted
    /// circle, as Unicode recommends; a lone zero-width format character takes no column.
    static func drawable(_ character: Character) -> (grapheme: String, width: Int) {
        // Printable ASCII, most of what is drawn, needs no lookup.
        if let ascii = character.asciiValue, (0x20...0x7E).contains(ascii) { return (String(character), 1) }
        if character.unicodeScalars.contains(where: isUnsafe) {
            return (String(replacement), 1)
        }
        let width = DisplayWidth.of(character)
        if width > 0 { return (String(character), width) }
        if let first = character.unicodeScalars.first,
            first.properties.generalCategory == .nonspacingMark
                || first.properties.generalCategory == .enclosingMark
        {
            return ("\u{25CC}" + String(character), 1)
        }
        return ("", 0)
    }

    /// Whether a scalar could change the terminal's state or the text direction.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F:
            return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            return true
        default:
            return false
        }
    }
}
