import Foundation

/// Hides secrets in text shown or exported: client secret, password, PKCE verifier, tokens, cookies.
///
/// Matching is by value, so a secret is hidden wherever it appears: a header, a form body, a URL,
/// a JSON field. Form-encoded spellings of each secret are hidden too.
public struct Redactor: Equatable, Sendable {
    /// What a hidden secret looks like.
    public static let mask = "••••••"

    public private(set) var secrets: [String]

    /// A redactor for these secrets; pass `[]` to show everything.
    public init(secrets: [String]) {
        var all = Set<String>()
        for secret in secrets where !secret.isEmpty {
            all.insert(secret)
            all.insert(FormURLEncoding.escape(secret))
        }
        // Longest first, so a secret that contains another is hidden whole.
        self.secrets = all.sorted { $0.count > $1.count }
    }

    /// A redactor that hides nothing.
    public static let none = Redactor(secrets: [])

    /// The text with every secret replaced by ``mask``.
    public func redact(_ text: String) -> String {
        guard !secrets.isEmpty else { return text }
        var output = text
        for secret in secrets where output.contains(secret) {
            output = output.replacingOccurrences(of: secret, with: Self.mask)
        }
        return output
    }
}
