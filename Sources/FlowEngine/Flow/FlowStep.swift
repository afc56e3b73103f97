/// The steps of the authorization code flow, in the order the user walks them.
public enum FlowStep: String, Equatable, Sendable, CaseIterable, Codable {
    case authorize
    case signOn
    case resume
    case token

    /// The step's number on screen, from 1.
    public var number: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }

    /// The step's name on screen.
    public var title: String {
        switch self {
        case .authorize: "Authorize"
        case .signOn: "Sign on"
        case .resume: "Resume"
        case .token: "Token"
        }
    }
}

/// Where the flow is: which request is ready, awaited, or what ended it.
public enum FlowPhase: Equatable, Sendable {
    /// A request for this step is built and waits for the user to send it (it may be edited).
    case ready(FlowStep)
    /// The request was sent; the response has not come yet.
    case waitingForResponse(FlowStep)
    /// The sign-on step needs a username and password.
    case needsCredentials
    /// Tokens were received.
    case completed
    /// The step failed; ``FlowEvent/retryRequested`` builds its request again.
    case failed(FlowStep, FlowFailure)

    /// The step this phase belongs to.
    public var step: FlowStep? {
        switch self {
        case .ready(let step), .waitingForResponse(let step), .failed(let step, _): step
        case .needsCredentials: .signOn
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
}

/// What the engine asks its runner to do next.
public enum FlowAction: Equatable, Sendable {
    /// Send this request for this step, then report the response.
    case send(HTTPRequest, FlowStep)
    /// A request is built for this step; send it when the user says so.
    case awaitSend(FlowStep)
    /// Ask the user for a username and password.
    case awaitCredentials
    /// The flow is over: tokens were received.
    case finished
    /// The step failed for this reason.
    case failed(FlowFailure)
    /// Nothing to do (an input that does not apply now).
    case none
}

import struct Foundation.Date
