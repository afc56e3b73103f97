import FlowEngine
import Foundation

/// The one way text reaches the panes: secrets masked, then made terminal-safe.
///
/// Everything a server sent (status reason, headers, bodies, claims, error messages) and
/// everything derived from it goes through here, so ESC, other controls and bidi overrides only
/// ever appear as visible escapes (`\x1b`, `\u202e`).
struct SafeText: Sendable {
    var redactor: Redactor

    /// One line: secrets masked (a line that is a secret value whole, too), every control shown
    /// as an escape (newlines too).
    func line(_ text: String) -> String {
        TerminalSafe.line(redactor.redactValue(text))
    }

    /// Multi-line text: split at newlines, then each line made safe.
    func lines(_ text: String) -> [String] {
        // The sanitizer splits on scalars, so "\r\n" (one Character in Swift) ends a line too.
        TerminalSafe.lines(redactor.redact(text))
    }

    /// The most of a body shown, in bytes and in lines; the rest is counted (y copies the pane).
    static let bodyByteLimit = 256 * 1024
    static let bodyLineLimit = 4000

    /// A body: JSON pretty-printed, anything else decoded as UTF-8 with bad bytes shown as `\xNN`.
    ///
    /// A body past the limits is cut, and says so, so that a huge response cannot make every
    /// frame slow (the panes are laid out again for each one).
    func body(_ bytes: [UInt8]) -> [String] {
        guard !bytes.isEmpty else { return [] }
        var shown: [String]
        if bytes.count <= Self.bodyByteLimit, let json = try? JSONValue.parse(bytes) {
            // Masked as values before writing (JSON escaping would hide a secret from the text
            // search), and written only up to the line limit: indented text grows with depth times size.
            shown = lines(redactor.redact(json).prettyText(lineLimit: Self.bodyLineLimit))
            let total = json.prettyLineCount
            if total > shown.count {
                shown.append("… \(total - shown.count) more lines not shown")
            }
            return shown
        } else {
            shown = lines(TerminalSafe.decode(bytes.prefix(Self.bodyByteLimit)))
            if bytes.count > Self.bodyByteLimit {
                shown.append("… \(bytes.count - Self.bodyByteLimit) more bytes not shown")
            }
        }
        if shown.count > Self.bodyLineLimit {
            let hidden = shown.count - Self.bodyLineLimit
            shown = Array(shown.prefix(Self.bodyLineLimit)) + ["… \(hidden) more lines not shown"]
        }
        return shown
    }
}
