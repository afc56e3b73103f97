import FlowEngine

/// The parts of `authflow decode` that read its input, kept apart so they are tested without a process.
enum DecodeInput {
    /// The environment variable read for the client secret when `--secret-file` is not given.
    static let secretVariable = "AUTHFLOW_CLIENT_SECRET"

    /// The tokens to inspect: the arguments when there are any, else one per non-empty line of
    /// standard input. A leading `Bearer ` (as copied from an `Authorization` header) is dropped.
    static func tokens(arguments: [String], standardInput: String?) -> [String] {
        let source =
            arguments.isEmpty
            ? (standardInput ?? "").split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).map(String.init)
            : arguments
        return source.map(Self.stripBearer).filter { !$0.isEmpty }
    }

    /// The client secret: the contents of `--secret-file` first (one trailing line break
    /// dropped), then `AUTHFLOW_CLIENT_SECRET`; empty counts as none. Never a command-line value:
    /// other users can read those in the process list, and shells keep them in their history.
    static func clientSecret(fileContents: String?, environment: [String: String]) -> String? {
        if var contents = fileContents?.unicodeScalars[...] {
            // Scalars, not Characters: "\r\n" is one Character.
            if contents.last == "\n" { contents = contents.dropLast() }
            if contents.last == "\r" { contents = contents.dropLast() }
            if !contents.isEmpty { return String(contents) }
        }
        if let value = environment[secretVariable], !value.isEmpty { return value }
        return nil
    }

    /// Whether any of these tokens is HMAC-signed, so that checking it needs the client secret.
    static func needsClientSecret(_ tokens: [String]) -> Bool {
        tokens.contains { token in
            guard let algorithm = try? JSONWebToken.parse(token).algorithm else { return false }
            return SignatureAlgorithm(rawValue: algorithm)?.family == .hmac
        }
    }

    private static func stripBearer(_ line: String) -> String {
        let trimmed = line.trimmingBlanks()
        if trimmed.lowercased().hasPrefix("bearer ") {
            return String(trimmed.dropFirst("bearer ".count)).trimmingBlanks()
        }
        return trimmed
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks (as `TokenInspector` trims).
    fileprivate func trimmingBlanks() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isBlank($0) }), let end = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
