import Foundation

/// A pushed authorization request (RFC 9126), redeemable once at authorize via its `request_uri`.
struct PushedRequest: Sendable, Equatable {
    var clientID: String
    var parameters: FormParameters
    var expiresAt: Date
    var used = false
}
