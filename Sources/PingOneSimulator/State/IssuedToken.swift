import Foundation

/// The server's record of an access or refresh token it issued.
struct IssuedToken: Sendable, Equatable {
    enum Kind: String, Sendable {
        case access
        case refresh
    }

    var kind: Kind
    var clientID: String
    var userID: String
    var sessionID: String
    var sessionToken: String
    var scope: String
    var issuedAt: Date
    var expiresAt: Date
    var authTime: Date
    /// The code or refresh family this token descends from; revoking the grant revokes them all.
    var grantID: String
    var jti: String
    var revoked = false
    /// A refresh token that has been exchanged once (RFC 6749 §10.4 rotation).
    var rotated = false
}
