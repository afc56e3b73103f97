import Foundation

/// The validated parameters of an authorization request, remembered by its flow.
struct AuthorizationRequest: Sendable, Equatable {
    var clientID: String
    /// `nil` only in `pi.flow` mode, where no redirect is made.
    var redirectURI: String?
    var responseType: String
    var scope: String
    var state: String?
    var nonce: String?
    var codeChallenge: String?
    var codeChallengeMethod: String?
    /// `query`, `fragment`, `form_post` or `pi.flow`.
    var responseMode: String
    var prompt: String?
    var loginHint: String?
    /// The sign-on policy `acr_values` chose (its first name the application has), if it named one.
    var policy: String?

    var isPiFlow: Bool { responseMode == "pi.flow" }
}
