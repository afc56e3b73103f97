import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CursesTerminal {
    /// Asks the terminal to put text on the system clipboard (OSC 52); returns whether it was sent.
    ///
    /// The text travels base64-encoded, so whatever it holds cannot act on the terminal. Terminals
    /// that do not support OSC 52 ignore the sequence (tmux needs `set-clipboard on`).
    public func copyToClipboard(_ text: String) -> Bool {
        guard isActive else { return false }
        let sequence = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
        guard fputs(sequence, outputStream) >= 0 else { return false }
        return fflush(outputStream) == 0
    }
}
