import struct Foundation.Date

/// The steps of the authorization code flow, in the order the user walks them.
///
/// The core steps (authorize to inspect) make up every run; PAR comes first when it is asked
/// for, and the follow-up steps (UserInfo to sign-off) are the user's choice once tokens are in.
public enum FlowStep: String, Equatable, Sendable, CaseIterable, Codable {
    case par
    case authorize
    case signOn
    case resume
    case token
    case inspect
    case userInfo
    case introspect
    case refresh
    case revoke
    case signOff

    /// The steps every run walks, in order.
    public static let core: [FlowStep] = [.authorize, .signOn, .resume, .token, .inspect]

    /// The steps the user may choose once tokens were received.
    public static let followUps: [FlowStep] = [.userInfo, .introspect, .refresh, .revoke, .signOff]

    /// The step's number on screen: 1 to 5 for the core steps, 0 for PAR, 6 on for follow-ups.
    public var number: Int {
        switch self {
        case .par: 0
        case .authorize: 1
        case .signOn: 2
        case .resume: 3
        case .token: 4
        case .inspect: 5
        case .userInfo: 6
        case .introspect: 7
        case .refresh: 8
        case .revoke: 9
        case .signOff: 10
        }
    }

    /// The step's name on screen.
    public var title: String {
        switch self {
        case .par: "PAR"
        case .authorize: "Authorize"
        case .signOn: "Sign on"
        case .resume: "Resume"
        case .token: "Token"
        case .inspect: "Inspect"
        case .userInfo: "UserInfo"
        case .introspect: "Introspect"
        case .refresh: "Refresh"
        case .revoke: "Revoke"
        case .signOff: "Sign off"
        }
    }
}

/// Where the flow is: which request is ready, awaited, or what ended it.
public enum FlowPhase: Equatable, Sendable {
    /// A request for this step is built and waits for the user to send it (it may be edited).
    case ready(FlowStep)
    /// The request was sent; the response has not come yet.
    case waitingForResponse(FlowStep)
    /// The sign-on step needs the user's input: a username and password, or (Flow API MFA and password
    /// states) an MFA device, a one-time password or a new password; ``AuthorizationCodeFlow/signOnInput`` says which.
    case needsCredentials
    /// The sign-on happens in a browser (a provider without PingOne's Flow API); the callback URL is awaited.
    case needsBrowserCallback(authorizeURL: String)
    /// Tokens were received and inspected; follow-up steps may be chosen.
    case completed
    /// The step failed; ``AuthorizationCodeFlow/retry()`` builds its request again.
    case failed(FlowStep, FlowFailure)

    /// The step this phase belongs to.
    public var step: FlowStep? {
        switch self {
        case .ready(let step), .waitingForResponse(let step), .failed(let step, _): step
        case .needsCredentials, .needsBrowserCallback: .signOn
        case .completed: nil
        }
    }
}

/// What happened to the flow: the engine's inputs.
public enum FlowEvent: Equatable, Sendable {
    /// The user asked to send the request that is ready.
    case sendRequested(at: Date)
    /// The response to the request in flight arrived.
    case responseReceived(HTTPResponse, at: Date, elapsed: Duration)
    /// The request in flight got no response.
    case transportFailed(TransportError, at: Date, elapsed: Duration)
    /// The user typed a username and password at the sign-on step.
    case credentialsEntered(username: String, password: String)
    /// The user changed a parameter of the request being built.
    case parameterEdited(name: String, value: String)
    /// The user cleared the cookie jar (the `ST` session).
    case cookiesCleared
    /// The user asked to build the failed step's request again (after tokens: the token request).
    case retryRequested
    /// The user chose a follow-up step (UserInfo, introspection, refresh, revoke, sign-off).
    case followUpChosen(FlowStep)
    /// The sign-on happened elsewhere (a browser): this is the URL the browser was sent back to.
    case callbackReceived(String, at: Date)
}

/// What the engine asks its runner to do next.
public enum FlowAction: Equatable, Sendable {
    /// Send this request for this step, then report the response.
    case send(HTTPRequest, FlowStep)
    /// A request is built for this step; send it when the user says so.
    case awaitSend(FlowStep)
    /// Ask the user for what the sign-on needs (``AuthorizationCodeFlow/signOnInput``): a username and
    /// password, an MFA device, a one-time password or a new password.
    case awaitCredentials
    /// The user signs on in a browser: open or show this URL, then report the callback.
    case awaitBrowserSignOn(URL: String)
    /// The flow is over: tokens were received.
    case finished
    /// The step failed for this reason.
    case failed(FlowFailure)
    /// Nothing to do (an input that does not apply now).
    case none
}
