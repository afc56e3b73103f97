import Foundation

/// An issued authorization code and everything it is bound to (RFC 6749 §4.1.2).
struct AuthorizationCode: Sendable, Equatable {
    var value: String
    var clientID: String
    /// The `redirect_uri` sent on authorize, which the token request must repeat (RFC 6749 §4.1.3).
    var redirectURI: String?
    var codeChallenge: String?
    var codeChallengeMethod: String?
    var nonce: String?
    var scope: String
    var userID: String
    var sessionID: String
    var sessionToken: String
    var authTime: Date
    var expiresAt: Date
    var used = false
}
