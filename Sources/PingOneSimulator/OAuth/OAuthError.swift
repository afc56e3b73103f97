import Foundation

/// An RFC 6749 §5.2 error: `{"error","error_description"}`, 400 (401 for `invalid_client`).
struct OAuthError: Error, Sendable, Equatable {
    var error: String
    var description: String
    var status: Int = 400
    /// Set when the client tried HTTP Basic and failed (RFC 6749 §5.2).
    var wwwAuthenticate: String?

    var response: SimulatorResponse {
        var response = SimulatorResponse.json(
            status,
            .object([JSONMember("error", .string(error)), JSONMember("error_description", .string(description))]))
        response.add("Cache-Control", "no-store")
        response.add("Pragma", "no-cache")
        if let wwwAuthenticate { response.add("WWW-Authenticate", wwwAuthenticate) }
        return response
    }

    static func invalidRequest(_ description: String) -> OAuthError {
        OAuthError(error: "invalid_request", description: description)
    }

    static func invalidGrant(_ description: String) -> OAuthError {
        OAuthError(error: "invalid_grant", description: description)
    }

    static func invalidClient(_ description: String, basicAttempted: Bool = false) -> OAuthError {
        OAuthError(
            error: "invalid_client", description: description, status: 401,
            wwwAuthenticate: basicAttempted ? "Basic realm=\"PingOne\"" : nil)
    }
}
