import Foundation

/// An issued authorization code and everything it is bound to (RFC 6749 §4.1.2).
struct AuthorizationCode: Sendable, Equatable {
    var value: String
    /// The client, user, session, scope and nonce the code is issued for; its grant ID is `value`.
    var grant: TokenGrant
    /// The `redirect_uri` sent on authorize, which the token request must repeat (RFC 6749 §4.1.3).
    var redirectURI: String?
    var codeChallenge: String?
    var codeChallengeMethod: String?
    var expiresAt: Date
    var used = false
}
