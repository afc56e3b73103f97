/// A sign-on through PingOne's Flow API (reference §2): what exists only once authorize opened a flow.
///
/// The flow's id, what the flow asks for next (and so what the sign-on step's request does), and
/// where the flow said to go. A browser sign-on, or a flow not yet authorized, has none.
public struct SignOn: Equatable, Sendable {
    /// The flow's id: the authorize redirect's `flowId`, or the flow object's `id`.
    public var flowID: String?
    /// What the sign-on step's next request does.
    public var stage: Stage
    /// The flow's `resumeUrl`, once it gave one: where the resume step goes.
    public var resumeURL: String?

    public init(flowID: String?, stage: Stage = .readFlow, resumeURL: String? = nil) {
        self.flowID = flowID
        self.stage = stage
        self.resumeURL = resumeURL
    }

    /// The requests of the sign-on step: read the flow, then answer what its status asks for.
    ///
    /// Each Flow API status that asks the user for something is one case here, carrying what its
    /// request needs (the link to post to). Multi-factor and password statuses (DEVICE_SELECTION_REQUIRED,
    /// OTP_REQUIRED, PUSH_CONFIRMATION_REQUIRED, PASSWORD_EXPIRED, MUST_CHANGE_PASSWORD) become
    /// further cases the same way.
    public enum Stage: Equatable, Sendable {
        /// Read the flow: its status says what it needs (reference §2.1).
        case readFlow
        /// Post the username and password (USERNAME_PASSWORD_REQUIRED, reference §2.2), to the
        /// flow's `usernamePassword.check` link when it gave one.
        case checkCredentials(URL: String?)
    }

    /// The `usernamePassword.check` link, when the sign-on is at that stage and the flow gave one.
    public var credentialsURL: String? {
        guard case .checkCredentials(let url) = stage else { return nil }
        return url
    }

    /// Moves on to checking a username and password; a link the flow gave earlier is kept.
    mutating func checkCredentials(at link: String? = nil) {
        stage = .checkCredentials(URL: link ?? credentialsURL)
    }
}
