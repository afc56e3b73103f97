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
    /// `typ: at+jwt` (RFC 9068 §2.1) means an access token; `nonce`, `at_hash`, `c_hash` or
    /// `auth_time` mean an ID token; `client_id` or `scope` without those mean an access token.
    public static func detect(header: JSONValue, claims: JSONValue) -> TokenKindDecision {
        if let typ = header["typ"]?.stringValue, TokenChecks.isAccessTokenType(typ) {
            return TokenKindDecision(kind: .accessToken, reason: "header typ is \(typ)")
        }
        let idClaims = ["nonce", "at_hash", "c_hash", "auth_time"].filter { claims[$0] != nil }
        if !idClaims.isEmpty {
            return TokenKindDecision(kind: .idToken, reason: "it has " + idClaims.joined(separator: ", "))
        }
        let accessClaims = ["client_id", "scope"].filter { claims[$0] != nil }
        if !accessClaims.isEmpty {
            return TokenKindDecision(kind: .accessToken, reason: "it has " + accessClaims.joined(separator: ", "))
        }
        return TokenKindDecision(kind: .other, reason: "no ID-token or access-token claims")
    }
}
