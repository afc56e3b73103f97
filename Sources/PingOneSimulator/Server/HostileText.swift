/// Bytes that must never reach a terminal raw, served by the `hostileBytes` fault.
enum HostileText {
    /// ESC `[2J` (clear screen), U+202E (right-to-left override) and BEL.
    static let sample = "\u{1B}[2J\u{202E}gnissecorp\u{07}"
}
