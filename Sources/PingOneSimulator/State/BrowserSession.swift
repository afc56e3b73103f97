import Foundation

/// A browser session, identified by the `ST` cookie set at authorize.
struct BrowserSession: Sendable, Equatable {
    /// The `ST` cookie value.
    var token: String
    /// The session id sent as `sid` and `session.id`.
    var id: String
    /// Set once the user has signed on.
    var userID: String?
    var authTime: Date?
    /// How the user last authenticated, as `amr` values (RFC 8176 §2).
    var methods: [String] = []
    /// The sign-on policy the last sign-on satisfied, for the tokens' `acr`.
    var policy: String?
    /// Set by sign-off; an ended session's cookie is no longer accepted.
    var ended = false
}
