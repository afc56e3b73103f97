import Crypto

/// Proof Key for Code Exchange (RFC 7636): a verifier and the challenge derived from it.
public struct PKCE: Equatable, Sendable, Codable {
    /// How the challenge is derived (RFC 7636 §4.2).
    public enum Method: String, Equatable, Sendable, Codable, CaseIterable {
        case s256 = "S256"
        case plain
    }

    public var method: Method
    public var verifier: String
    public var challenge: String

    /// Derives the challenge for a verifier.
    public init(verifier: String, method: Method) {
        self.method = method
        self.verifier = verifier
        switch method {
        case .s256: challenge = Base64URL.encode(SHA256.hash(data: Array(verifier.utf8)))
        case .plain: challenge = verifier
        }
    }

    /// A verifier from 32 random octets, base64url-encoded to 43 characters (RFC 7636 §4.1).
    public init(randomOctets: [UInt8], method: Method) {
        self.init(verifier: Base64URL.encode(randomOctets), method: method)
    }
}
