/// Why a step of the flow failed: shown in the pane where it happened, never a crash.
public enum FlowFailure: Error, Equatable, Sendable {
    case transport(TransportError)
    case unexpectedStatus(got: Int, expected: String)
    case missingLocation
    case missingFlowID(location: String)
    case pingOneError(status: Int, PingOneError)
    case oauthError(OAuthError)
    case stateMismatch(sent: String?, received: String?)
    case missingCode(location: String)
    case malformedResponse(String)
    case unsupportedFlowStatus(String)
    case missingCredentials
    case invalidRequest(String)
    /// Tokens arrived, but these checks failed (token name and check name, such as `id_token nonce`).
    case tokenChecksFailed([String])
}
