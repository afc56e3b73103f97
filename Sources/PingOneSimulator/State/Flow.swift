import Foundation

/// A sign-on flow created by authorize and driven through the Flow API (reference §2).
struct Flow: Sendable, Equatable {
    enum Status: String, Sendable {
        case usernamePasswordRequired = "USERNAME_PASSWORD_REQUIRED"
        case completed = "COMPLETED"
    }

    var id: String
    /// The `ST` cookie of the browser session that created the flow.
    var sessionToken: String
    var request: AuthorizationRequest
    var createdAt: Date
    var expiresAt: Date
    var status: Status = .usernamePasswordRequired
    var userID: String?
    /// The code issued in `pi.flow` mode when the flow completed.
    var authorizeCode: String?
}
