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
    /// The Flow API is at a status authflow does not answer itself (an agreement, profile data, a
    /// DaVinci interaction…): its name for people, and the `_links` it offers.
    case signOnNeedsBrowser(status: String, links: [String])
    case missingCredentials
    case invalidRequest(String)
    /// Tokens arrived, but these checks failed (token name and check name, such as `id_token nonce`).
    case tokenChecksFailed([String])
    /// A request carrying these credentials would go to a URL outside the trusted origins.
    case foreignOrigin(url: String, origin: String, trusted: [String], credentials: [String])
    /// A redirect that should come back to `redirect_uri` goes elsewhere (scheme, host, port or path).
    case redirectMismatch(expected: String, received: String)
    /// Authorize was refused before sign-on and sent to the sign-on page with `?error=` (an unknown client, a
    /// redirect URI that is not registered): PingOne cannot redirect such an error to the client. `error` is
    /// the PingOne error when the parameter holds its JSON; `text` is the parameter as received.
    case authorizeRefused(sentRedirectURI: String, error: PingOneError?, text: String)
    /// A push to the user's phone was not approved: PingOne timed it out (PUSH_CONFIRMATION_TIMED_OUT,
    /// `waitedSeconds` nil), or authflow's own deadline passed after `waitedSeconds` of polling.
    case pushNotApproved(device: String?, polls: Int, waitedSeconds: Int?, canChooseDevice: Bool)
    /// Password recovery was asked for (`run --forgot-password`), but USERNAME_PASSWORD_REQUIRED offers
    /// no `password.forgot`: the sign-on policy allows no recovery. `links` are the links it offers.
    case recoveryNotOffered(links: [String])
    /// UserInfo answered for another subject than the ID token's (OIDC Core §5.3.2).
    case subjectMismatch(idToken: String, userInfo: String?)
}
