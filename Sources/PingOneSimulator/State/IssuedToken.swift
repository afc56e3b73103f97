import Foundation

/// The server's record of an access or refresh token it issued.
struct IssuedToken: Sendable, Equatable {
    enum Kind: String, Sendable {
        case access
        case refresh
    }

    var kind: Kind
    /// The client, user, session and scope it is issued for, and the code or refresh family it
    /// descends from (`grant.grantID`): revoking the grant revokes them all.
    var grant: TokenGrant
    var issuedAt: Date
    var expiresAt: Date
    var jti: String
    var revoked = false
    /// A refresh token that has been exchanged once (RFC 6749 §10.4 rotation).
    var rotated = false
}
