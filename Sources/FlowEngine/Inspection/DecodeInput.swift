/// The parts of `authflow decode` that read its input, kept here so they are tested without a process.
public enum DecodeInput {
    /// The environment variable read for the client secret when `--secret` is not given.
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

    /// The client secret: `--secret` first, then `AUTHFLOW_CLIENT_SECRET`; empty counts as none.
    public static func clientSecret(option: String?, environment: [String: String]) -> String? {
        if let option, !option.isEmpty { return option }
        if let value = environment[secretVariable], !value.isEmpty { return value }
        return nil
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
