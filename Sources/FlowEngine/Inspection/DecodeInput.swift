/// The parts of `authflow decode` that read its input, kept here so they are tested without a process.
public enum DecodeInput {
    /// The environment variable read for the client secret when `--secret-file` is not given.
    public static let secretVariable = "AUTHFLOW_CLIENT_SECRET"

    /// The tokens to inspect: the arguments when there are any, else one per non-empty line of
    /// standard input. A leading `Bearer ` (as copied from an `Authorization` header) is dropped.
    public static func tokens(arguments: [String], standardInput: String?) -> [String] {
        let source =
            arguments.isEmpty
            ? (standardInput ?? "").split(omittingEmptySubsequences: true, whereSeparator: \.isNewline).map(String.init)
            : arguments
        return source.map(Self.stripBearer).filter { !$0.isEmpty }
    }

    /// The client secret: the contents of `--secret-file` first (one trailing line break
    /// dropped), then `AUTHFLOW_CLIENT_SECRET`; empty counts as none. Never a command-line value:
    /// other users can read those in the process list, and shells keep them in their history.
    public static func clientSecret(fileContents: String?, environment: [String: String]) -> String? {
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
    public static func needsClientSecret(_ tokens: [String]) -> Bool {
        tokens.contains { token in
            guard let algorithm = try? JSONWebToken.parse(token).algorithm else { return false }
            return SignatureAlgorithm(rawValue: algorithm)?.family == .hmac
        }
    }

    /// `acr_values` as sent: space-separated, in order of preference (OIDC Core §3.1.2.1).
    public static func acrValues(_ option: String?) -> [String] {
        (option ?? "").split(separator: " ").map(String.init)
    }

    private static func stripBearer(_ line: String) -> String {
        let trimmed = line.trimmingWhitespace()
        if trimmed.lowercased().hasPrefix("bearer ") {
            return String(trimmed.dropFirst("bearer ".count)).trimmingWhitespace()
        }
        return trimmed
    }
}
