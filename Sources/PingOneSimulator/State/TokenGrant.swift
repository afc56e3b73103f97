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
    /// The sign-on policy the sign-on satisfied, sent as `acr` (reference §6.2: the policy's name).
    var acr = "Single_Factor"
    var nonce: String?
    /// The code value, or the refresh family, that revocation follows.
    var grantID: String

    var scopes: Set<String> { Set(scope.split(separator: " ").map(String.init)) }
}
