import Foundation

/// The OAuth 2.0 / OIDC authorization code flow on PingOne as a value-type state machine.
///
/// Each input is one method (``send(at:)``, ``receive(_:at:elapsed:)``, ``retry()``…) that updates
/// the flow and returns what to do next as an `Equatable` ``FlowAction``; ``handle(_:)`` takes the
/// same inputs as ``FlowEvent`` values. The flow performs no I/O: a runner sends the requests it asks
/// for and feeds the responses back. Every request and response is kept in ``record``.
///
/// The steps follow PingOne's redirect mode (RFC 6749 §4.1 with PingOne's Flow API):
/// authorize → sign on (read the flow, check the password) → resume → token.
public struct AuthorizationCodeFlow: Equatable, Sendable {
    public internal(set) var configuration: FlowConfiguration
    public internal(set) var phase: FlowPhase
    public internal(set) var record: [StepRecord] = []
    public internal(set) var cookieJar = CookieJar()
    /// The `state` sent on authorize.
    public internal(set) var state: String
    /// The `nonce` sent on authorize, when `openid` is in scope.
    public internal(set) var nonce: String?
    public internal(set) var pkce: PKCE?
    /// The parameters of the request being built, editable before it is sent.
    public internal(set) var draft: [FormParameter] = []
    /// The Flow API sign-on authorize opened (its flow id, stage and links); `nil` before that, and
    /// when the sign-on happens in a browser.
    public internal(set) var signOn: SignOn?
    /// What the user changed since the last request was sent; the next request's record keeps it.
    public internal(set) var pendingChanges: [AttemptChange] = []

    // What the steps received, kept for the steps after them (and for a retry).
    /// The `request_uri` PAR returned (RFC 9126 §2.2), for the authorize request.
    public internal(set) var requestURI: String?
    /// The authorization code, for the token request.
    public internal(set) var code: String?
    /// The tokens received last, for inspection and the follow-up steps.
    public internal(set) var tokens: TokenSet?
    /// The JWKS fetched at the inspect step.
    public internal(set) var keySet: JSONValue?

    /// The sign-on's flow id, once authorize opened a flow.
    public var flowID: String? { signOn?.flowID }
    /// The sign-on's `resumeUrl`, once the flow gave one.
    public var resumeURL: String? { signOn?.resumeURL }
    /// What the sign-on step's request does: read the flow until one asks for more.
    public var signOnAction: SignOn.Stage { signOn?.stage ?? .readFlow }

    /// The PingOne Flow API media type that checks a username and password (reference §2.2).
    public static let usernamePasswordCheck = "application/vnd.pingidentity.usernamePassword.check+json"
    /// The Flow API media types of the MFA and password-change actions (reference §2.2).
    public static let deviceSelect = "application/vnd.pingidentity.device.select+json"
    public static let otpCheck = "application/vnd.pingidentity.otp.check+json"
    public static let passwordReset = "application/vnd.pingidentity.password.reset+json"
    public static let cancelPushAuthentication = "application/vnd.pingidentity.cancel.push.authentication+json"
    /// The Flow API media types of password recovery (reference §2.2).
    public static let passwordForgot = "application/vnd.pingidentity.password.forgot+json"
    public static let passwordRecover = "application/vnd.pingidentity.password.recover+json"
    static let userAgent = "authflow/0.1"
    /// authflow's version, as exports name their creator.
    public static let toolVersion = "0.1.0"

    /// Starts a flow: draws `state`, `nonce` and the PKCE verifier, and builds the first request.
    public init(configuration: FlowConfiguration, randomness: FlowRandomness) {
        self.configuration = configuration
        self.state = randomness.token()
        self.nonce = configuration.scopes.contains("openid") ? randomness.token() : nil
        self.pkce = configuration.pkceMethod.map { PKCE(randomOctets: randomness.octets(32), method: $0) }
        let first: FlowStep = configuration.usesPushedAuthorization ? .par : .authorize
        self.phase = .ready(first)
        self.draft = parameters(for: first)
    }

    /// Takes over the cookies of an earlier flow, as a browser keeps them from one sign-in to the next:
    /// a live `ST` then lets PingOne sign the user on again without credentials (single sign-on).
    public mutating func keepBrowserCookies(of earlier: AuthorizationCodeFlow) {
        cookieJar = earlier.cookieJar
    }

    /// Whether sign-on happens in a browser rather than through PingOne's Flow API.
    public var signsOnInBrowser: Bool { configuration.signsOnInBrowser }

    /// The flow's secrets (client secret, password, PKCE verifier, tokens, cookie values), for masking.
    public var secrets: [String] {
        var secrets = [
            configuration.clientSecret, configuration.password, configuration.otp, configuration.newPassword,
            configuration.recoveryCode, pkce?.verifier,
        ].compactMap { $0 }
        secrets += tokens?.secrets ?? []
        secrets += record.compactMap { $0.decoded.tokens }.flatMap(\.secrets)
        secrets += cookieJar.cookies.map(\.value)
        secrets += record.flatMap { $0.decoded.cookiesSet.map(\.value) }
        // What each sent request carried: its Authorization credentials and secret parameters; a
        // sent client assertion is a credential until it expires.
        secrets += record.flatMap(\.request.credentials)
        secrets += draft.filter(\.isSecret).map(\.value)
        // The Basic credentials of the request being built, before any was sent.
        if let basic = basicCredentials { secrets.append(basic) }
        return secrets.filter { !$0.isEmpty }
    }

    // MARK: - Inputs

    /// Takes one input as a value and returns what to do next; each case is one of the methods in
    /// `AuthorizationCodeFlow+Inputs.swift`.
    public mutating func handle(_ event: FlowEvent) -> FlowAction {
        switch event {
        case .sendRequested(let now): return send(at: now)
        case .responseReceived(let response, let now, let elapsed): return receive(response, at: now, elapsed: elapsed)
        case .transportFailed(let error, let now, let elapsed): return transportFailed(error, at: now, elapsed: elapsed)
        case .credentialsEntered(let username, let password):
            return enterCredentials(username: username, password: password)
        case .callbackReceived(let url, let now): return receiveCallback(url, at: now)
        case .followUpChosen(let step): return chooseFollowUp(step)
        case .retryRequested: return retry()
        case .parameterEdited(let name, let value):
            editParameter(name, to: value)
            return .none
        case .cookiesCleared:
            clearCookies()
            return .none
        }
    }

    /// The request the ready step would send now, for the request pane.
    public func pendingRequest(at now: Date) -> HTTPRequest? {
        guard case .ready(let step) = phase else { return nil }
        return try? buildRequest(for: step, at: now)
    }

    /// Why the ready step's request cannot be built (a refused origin, a missing endpoint), if so.
    public func pendingRequestFailure(at now: Date) -> FlowFailure? {
        guard case .ready(let step) = phase else { return nil }
        do {
            _ = try buildRequest(for: step, at: now)
            return nil
        } catch {
            return error
        }
    }

    /// The names in a `Cookie` header value.
    static func cookieNames(_ header: String) -> [String] {
        header.split(separator: ";").compactMap { pair in
            pair.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    var basicCredentials: String? {
        guard configuration.clientAuthentication == .clientSecretBasic, let secret = configuration.clientSecret else {
            return nil
        }
        // RFC 6749 §2.3.1: the id and secret are form-encoded before Basic encoding.
        let pair = "\(FormURLEncoding.escape(configuration.clientID)):\(FormURLEncoding.escape(secret))"
        return Data(pair.utf8).base64EncodedString()
    }
}
