import CNcursesw
import FlowTUI

/// Turns what `wget_wch` returned into a `Key`.
///
/// Pure apart from reading curses' key-code constants, so the mapping is tested without a screen.
enum CursesKeyMap {
    /// A function-key code (`wget_wch` returned `KEY_CODE_YES`), or nil for a key we do not use.
    ///
    /// `KEY_RESIZE` is not a key; the terminal turns it into `.resize` with the new size.
    static func key(forFunctionKey code: Int32) -> Key? {
        switch code {
        case authflow_key_up(): .up
        case authflow_key_down(): .down
        case authflow_key_left(): .left
        case authflow_key_right(): .right
        case authflow_key_home(): .home
        case authflow_key_end(): .end
        case authflow_key_ppage(): .pageUp
        case authflow_key_npage(): .pageDown
        case authflow_key_backspace(): .backspace
        case authflow_key_dc(): .delete
        case authflow_key_ic(): .insert
        case authflow_key_enter(): .enter
        case authflow_key_btab(): .backTab
        default:
            functionNumber(code).map(Key.function)
        }
    }

    /// F1…F24 from `KEY_F(n)`.
    private static func functionNumber(_ code: Int32) -> Int? {
        let number = Int(code) - Int(authflow_key_f0())
        return (1...24).contains(number) ? number : nil
    }

    /// A character `wget_wch` returned as text (`OK`), or nil for a value that is not a key.
    static func key(forCharacter value: UInt32) -> Key? {
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return Key(typed: scalar)
    }
}
