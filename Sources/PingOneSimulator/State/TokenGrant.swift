import Foundation

/// What a token response is issued for: the client, user, session and scope of one grant.
struct TokenGrant: Sendable, Equatable {
    var clientID: String
    var userID: String
    var sessionID: String
    var sessionToken: String
    var scope: String
    var authTime: Date
    /// The `amr` of the sign-on the grant came from (RFC 8176 §2).
    var methods: [String] = ["pwd"]
    var nonce: String?
    /// The code value, or the refresh family, that revocation follows.
    var grantID: String

    var scopes: Set<String> { Set(scope.split(separator: " ").map(String.init)) }
}
