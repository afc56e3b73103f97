extension FollowUpUnavailability: CustomStringConvertible {
    /// One sentence that says why, and what would make the step possible.
    public var description: String {
        switch self {
        case .notAFollowUp(let step): "\(step.title) is not a follow-up step."
        case .noTokensYet(let step): "\(step.title) comes after the tokens: finish the flow first (n)."
        case .flowBusy(let step):
            "Send \(step.map { "\($0.number) \($0.title)" } ?? "the current step") first; then choose a follow-up."
        case .noEndpoint(.userInfo): "The server offers no UserInfo endpoint (none in its discovery document)."
        case .noEndpoint(.introspect):
            "The server offers no introspection endpoint (none in its discovery document)."
        case .noEndpoint(.revoke): "The server offers no revocation endpoint (none in its discovery document)."
        case .noEndpoint(.signOff): "The server offers no sign-off endpoint (no end_session_endpoint)."
        case .noEndpoint(let step): "The server offers no endpoint for \(step.title)."
        case .noRefreshToken:
            "No refresh token came with the tokens: the app needs the refresh_token grant (or offline_access)."
        case .noIDTokenForSignOff: "Sign-off sends the ID token as id_token_hint, and none came with the tokens."
        }
    }
}
