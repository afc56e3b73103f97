/// A key the user pressed, or a change of the terminal's size.
///
/// The terminal driver turns curses' codes into these; everything above it (the model, the
/// widgets, the tests) sees only this type.
public enum Key: Equatable, Hashable, Sendable {
    /// A printable character.
    case character(Character)
    case enter
    case tab
    /// Shift-Tab.
    case backTab
    case up, down, left, right
    case pageUp, pageDown
    case home, end
    case escape
    case backspace
    case delete
    case insert
    /// Ctrl and a letter, given in lower case (`control("c")`).
    case control(Character)
    /// A function key, F1 is `function(1)`.
    case function(Int)
    /// The terminal now has this size.
    case resize(Size)
    /// A mouse click or wheel turn (only when the mouse is on).
    case mouse(MouseEvent)

    /// The key for a character the terminal delivered as text, not as a function-key code.
    ///
    /// Control bytes become the keys they stand for (CR/LF Enter, HT Tab, ESC, DEL/BS Backspace,
    /// 0x01–0x1A ctrl+letter); other control and bidi scalars are not keys and give nil.
    public init?(typed scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x0A, 0x0D: self = .enter
        case 0x09: self = .tab
        case 0x1B: self = .escape
        case 0x08, 0x7F: self = .backspace
        case 0x01...0x1A:
            guard let letter = Unicode.Scalar(scalar.value - 1 + 0x61) else { return nil }
            self = .control(Character(letter))
        case 0x00...0x1F, 0x80...0x9F:
            return nil
        default:
            if Cell.isUnsafe(scalar) { return nil }
            self = .character(Character(scalar))
        }
    }

    /// How the key is written in help and in the key bar.
    public var label: String {
        switch self {
        case .character(" "): "space"
        case .character(let character): String(character)
        case .enter: "enter"
        case .tab: "tab"
        case .backTab: "shift-tab"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "pgup"
        case .pageDown: "pgdn"
        case .home: "home"
        case .end: "end"
        case .escape: "esc"
        case .backspace: "backspace"
        case .delete: "del"
        case .insert: "ins"
        case .control(let letter): "ctrl-\(letter)"
        case .function(let number): "F\(number)"
        case .resize(let size): "resize \(size)"
        case .mouse(let event): "mouse \(event.kind) at \(event.x),\(event.y)"
        }
    }
}
