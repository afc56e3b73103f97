import FlowEngine
import Foundation

/// The one way text reaches the panes: secrets masked, then made terminal-safe.
///
/// Everything a server sent (status reason, headers, bodies, claims, error messages) and
/// everything derived from it goes through here, so ESC, other controls and bidi overrides only
/// ever appear as visible escapes (`\x1b`, `\u202e`).
struct SafeText: Sendable {
    var redactor: Redactor

    /// One line: secrets masked, every control shown as an escape (newlines too).
    func line(_ text: String) -> String {
        TerminalSafe.line(redactor.redact(text))
    }

    /// Multi-line text: split at newlines, then each line made safe.
    func lines(_ text: String) -> [String] {
        // "\r\n" is one Character in Swift, so split on it before the sanitizer splits on "\n".
        TerminalSafe.lines(redactor.redact(text).replacingOccurrences(of: "\r\n", with: "\n"))
    }

    /// A body: JSON pretty-printed, anything else decoded as UTF-8 with bad bytes shown as `\xNN`.
    func body(_ bytes: [UInt8]) -> [String] {
        guard !bytes.isEmpty else { return [] }
        if let json = try? JSONValue.parse(bytes) {
            return lines(json.prettyText())
        }
        return lines(TerminalSafe.decode(bytes))
    }
}
