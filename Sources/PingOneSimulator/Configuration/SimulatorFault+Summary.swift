extension SimulatorFault {
    /// One line saying what the fault does, for `authflow simulate --help` and the demo's fault menu.
    public var summary: String {
        switch self {
        case .slowToken: "the token endpoint waits 3 s before answering"
        case .hangToken: "the token endpoint never answers (until the simulator stops)"
        case .tokenServerError: "the token endpoint answers 500 with a PingOne error"
        case .expiredFlows: "every flow is already expired: the Flow API answers 404 NOT_FOUND"
        case .badSignature: "tokens are signed with a key that is not in the JWKS (same kid)"
        case .wrongNonce: "the ID token's nonce differs from the one sent"
        case .wrongAudience: "the ID token's aud names another client"
        case .clockSkew: "the Date header and token times run 10 minutes ahead"
        case .hostileBytes: "responses carry ESC sequences, a bidi override and BEL"
        case .missingLocation: "authorize answers 302 without a Location header"
        case .stateTampered: "resume returns a different state from the one sent"
        case .requestLimited: "the Flow API answers 429 REQUEST_LIMITED with Retry-After"
        case .unexpectedError: "the Flow API answers 500 UNEXPECTED_ERROR"
        case .wrongPassword: "the password check refuses even the right password"
        case .lockedOut: "the password check answers that the user is locked out"
        case .mfaRequired: "sign-on asks for an MFA device and OTP, for every user"
        case .redirectURIMismatch: "authorize refuses the redirect_uri as not registered"
        case .expiredCode: "the token endpoint finds the authorization code expired"
        case .pkceMismatch: "the token endpoint finds the code_verifier does not match"
        case .sameSiteLax: "the ST cookie is SameSite=Lax, not None: another site's page calls without it"
        }
    }
}
