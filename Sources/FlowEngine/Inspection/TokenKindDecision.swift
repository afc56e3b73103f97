/// The kind a token is inspected as, and why.
public struct TokenKindDecision: Equatable, Sendable {
    public var kind: TokenKind
    /// Why: `given`, or which header or claims decided it.
    public var reason: String

    /// A kind and the reason for it.
    public init(kind: TokenKind, reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// Decides from the header and claims when the caller did not say.
    ///
    /// In order: `typ: at+jwt` (RFC 9068 §2.1) means an access token; `nonce`, `at_hash` or `c_hash`
    /// (claims only ID tokens carry, OIDC Core §2, §3.3.2.11) mean an ID token; a `client_id` means an
    /// ID token when `aud` names that client (OIDC Core §2) and an access token when it does not (its
    /// `aud` is a resource, RFC 9068 §2.2); `scope` means an access token. Only then does `auth_time`
    /// mean an ID token: PingOne's access tokens carry `auth_time` and `sid` too.
    public static func detect(header: JSONValue, claims: JSONValue) -> TokenKindDecision {
        if let typ = header["typ"]?.stringValue, TokenChecks.isAccessTokenType(typ) {
            return TokenKindDecision(kind: .accessToken, reason: "header typ is \(typ)")
        }
        let idOnly = ["nonce", "at_hash", "c_hash"].filter { claims[$0] != nil }
        if !idOnly.isEmpty {
            return TokenKindDecision(kind: .idToken, reason: "it has " + idOnly.joined(separator: ", "))
        }
        let audiences = audiences(claims["aud"])
        if let clientID = claims["client_id"]?.stringValue {
            if audiences.contains(clientID) {
                return TokenKindDecision(kind: .idToken, reason: "its aud is its client_id")
            }
            let scope = claims["scope"] != nil ? ", scope" : ""
            let aud = audiences.isEmpty ? "no aud" : "its aud (\(audiences.joined(separator: ", "))) is not that client"
            return TokenKindDecision(kind: .accessToken, reason: "it has client_id\(scope), and \(aud)")
        }
        if claims["scope"] != nil {
            return TokenKindDecision(kind: .accessToken, reason: "it has scope")
        }
        if claims["auth_time"] != nil {
            return TokenKindDecision(kind: .idToken, reason: "it has auth_time and no client_id or scope")
        }
        return TokenKindDecision(kind: .other, reason: "no ID-token or access-token claims")
    }

    /// `aud` as a list: a string is one audience (RFC 7519 §4.1.3).
    private static func audiences(_ value: JSONValue?) -> [String] {
        if let one = value?.stringValue { return [one] }
        return value?.elements?.compactMap(\.stringValue) ?? []
    }
}
