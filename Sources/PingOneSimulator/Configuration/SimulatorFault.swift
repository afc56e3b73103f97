/// A failure the simulator injects on purpose, for demos and for authflow's failure tests.
public enum SimulatorFault: String, Codable, Sendable, CaseIterable {
    /// The token endpoint waits 3 s before answering.
    case slowToken
    /// The token endpoint never answers until the simulator shuts down.
    case hangToken
    /// The token endpoint answers 500 with a PingOne error body.
    case tokenServerError
    /// Every flow is created already expired, so the Flow API answers 404 `NOT_FOUND`.
    case expiredFlows
    /// Tokens are signed with a second key that is not in the JWKS, under the same `kid`.
    case badSignature
    /// The ID token's `nonce` differs from the one sent on authorize.
    case wrongNonce
    /// The ID token's `aud` names another client.
    case wrongAudience
    /// The `Date` header and all token times run 10 minutes ahead.
    case clockSkew
    /// Responses carry ESC sequences, a bidi override and a BEL in a header, the flow JSON and an ID-token claim.
    case hostileBytes
    /// Authorize answers 302 without a `Location` header.
    case missingLocation
    /// Resume returns a different `state` from the one sent.
    case stateTampered
    /// The Flow API answers 429 `REQUEST_LIMITED` with `Retry-After`, as PingOne does over its rate limits.
    case requestLimited
    /// The Flow API answers 500 `UNEXPECTED_ERROR`.
    case unexpectedError
    /// The password check refuses the right password, as for a mistyped one (400 `INVALID_DATA`).
    case wrongPassword
    /// The password check answers as for a user locked out after too many failures.
    case lockedOut
    /// The sign-on asks for an MFA device and OTP, even for a user who has no device of their own.
    case mfaRequired
    /// Authorize refuses the `redirect_uri` as not registered for the application.
    case redirectURIMismatch
    /// The token endpoint finds the authorization code expired, as after its 60 s.
    case expiredCode
    /// The token endpoint finds the `code_verifier` does not match the `code_challenge`.
    case pkceMismatch
    /// The `ST` cookie is set with `SameSite=Lax` instead of PingOne's `None`: a sign-on page on another
    /// site then calls the Flow API without it.
    case sameSiteLax
}
