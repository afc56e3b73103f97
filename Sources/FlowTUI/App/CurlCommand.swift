import FlowEngine
import Foundation

/// A request as a `curl` command line, for pasting into a terminal or a ticket.
///
/// Every argument is single-quoted for POSIX shells; secrets are masked unless the redactor
/// shows everything, and control characters become visible escapes (a pasted command must not
/// drive the terminal either). `--max-redirs 0` keeps curl from following redirects, as
/// authflow does.
public struct CurlCommand: Equatable, Sendable {
    public var text: String

    public init(request: HTTPRequest, redactor: Redactor) {
        // Masked as values first, so no encoding (form, JSON, Basic) lets a secret through.
        let request = redactor.redact(request)
        var arguments = ["curl", "-sS", "-i", "--max-redirs", "0", "-X", request.method]
        for header in request.headers where !["host", "content-length"].contains(header.name.lowercased()) {
            arguments += ["-H", redactor.redact("\(header.name): \(header.value)")]
        }
        if !request.body.isEmpty {
            arguments += ["--data-binary", redactor.redact(String(decoding: request.body, as: UTF8.self))]
        }
        arguments.append(redactor.redact(request.url))
        text = arguments.map { Self.quote(TerminalSafe.line($0)) }.joined(separator: " ")
    }

    /// A shell word: bare when it is plainly safe, else single-quoted.
    static func quote(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "-_./:=".unicodeScalars.contains($0)
        }
        if plain, !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
