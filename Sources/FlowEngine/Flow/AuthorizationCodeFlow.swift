import Foundation

/// The OAuth 2.0 / OIDC authorization code flow on PingOne as a value-type state machine.
///
/// Each input goes through ``handle(_:)``, which updates the flow and returns what to do next as
/// an `Equatable` ``FlowAction``. The flow performs no I/O: a runner sends the requests it asks
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
    /// What sign-on does next: read the flow, or check the username and password.
    public internal(set) var signOnAction: SignOnAction = .readFlow

    public internal(set) var flowID: String?
    public internal(set) var resumeURL: String?
    public internal(set) var code: String?
    public internal(set) var tokens: TokenSet?
    /// The `request_uri` PAR returned (RFC 9126 §2.2).
    public internal(set) var requestURI: String?
    /// The JWKS fetched at the inspect step.
    public internal(set) var keySet: JSONValue?
    var credentialsURL: String?

    /// The two requests of the sign-on step.
    public enum SignOnAction: Equatable, Sendable {
        case readFlow
        case checkCredentials
    }

    /// The PingOne Flow API media type that checks a username and password (reference §2.2).
    public static let usernamePasswordCheck = "application/vnd.pingidentity.usernamePassword.check+json"
    static let userAgent = "authflow/0.1"

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

    /// Whether sign-on happens in a browser rather than through PingOne's Flow API.
    public var signsOnInBrowser: Bool { configuration.signsOnInBrowser }

    /// The flow's secrets (client secret, password, PKCE verifier, tokens, cookie values), for masking.
    public var secrets: [String] {
        var secrets = [configuration.clientSecret, configuration.password, pkce?.verifier].compactMap { $0 }
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

    /// Takes one input and returns what to do next.
    public mutating func handle(_ event: FlowEvent) -> FlowAction {
        switch event {
        case .sendRequested(let now):
            guard case .ready(let step) = phase else { return .none }
            let request: HTTPRequest
            do {
                request = try buildRequest(for: step, at: now)
            } catch {
                return enter(.failure(error), step: step)
            }
            var entry = StepRecord(step: step, action: action(for: step), request: request, sentAt: now)
            entry.decoded.cookiesSent = request.header("Cookie").map(Self.cookieNames) ?? []
            if let origin = configuration.originPolicy.foreignOrigin(of: request.url) {
                // Sent only because it carries no credential (a JWKS, a browser's authorize): still shown.
                entry.decoded.foreignURLs.append(ForeignURL(field: "request URL", url: request.url, origin: origin))
            }
            record.append(entry)
            if step == .authorize, signsOnInBrowser {
                // The browser sends this one and signs on; authflow waits for the callback.
                phase = .needsBrowserCallback(authorizeURL: request.url)
                return .awaitBrowserSignOn(URL: request.url)
            }
            phase = .waitingForResponse(step)
            return .send(request, step)

        case .responseReceived(let response, let now, let elapsed):
            guard case .waitingForResponse(let step) = phase, !record.isEmpty else { return .none }
            record[record.count - 1].response = response
            record[record.count - 1].elapsed = elapsed
            decodeCommon(response, at: now)
            let outcome: Result<FlowPhase, FlowFailure>
            switch step {
            case .par: outcome = handlePushedAuthorization(response)
            case .authorize: outcome = handleAuthorize(response)
            case .signOn: outcome = handleSignOn(response)
            case .resume: outcome = handleResume(response)
            case .token: outcome = handleToken(response)
            case .inspect: outcome = handleKeySet(response, at: now)
            case .userInfo, .introspect, .refresh, .revoke, .signOff: outcome = handleFollowUp(step, response)
            }
            return enter(outcome, step: step)

        case .transportFailed(let error, _, let elapsed):
            guard case .waitingForResponse(let step) = phase, !record.isEmpty else { return .none }
            record[record.count - 1].transportError = error
            if let partial = error.partialResponse { record[record.count - 1].response = partial }
            record[record.count - 1].elapsed = elapsed
            return enter(.failure(.transport(error)), step: step)

        case .credentialsEntered(let username, let password):
            guard phase == .needsCredentials || phase == .ready(.signOn) else { return .none }
            configuration.username = username
            configuration.password = password
            signOnAction = .checkCredentials
            return enter(.success(.ready(.signOn)), step: .signOn)

        case .callbackReceived(let url, let now):
            guard case .needsBrowserCallback = phase, !record.isEmpty else { return .none }
            // The redirect the browser followed is this step's response, as far as authflow saw it.
            var entry = StepRecord(
                step: .signOn, action: .callbackFromBrowser,
                request: HTTPRequest(method: "GET", url: url), sentAt: now)
            entry.decoded.location = url
            record.append(entry)
            return enter(readCallback(url), step: .signOn)

        case .parameterEdited(let name, let value):
            guard case .ready = phase else { return .none }
            if let index = draft.firstIndex(where: { $0.name == name }) {
                draft[index].value = value
            } else {
                draft.append(FormParameter(name, value))
            }
            return .none

        case .cookiesCleared:
            cookieJar.removeAll()
            return .none

        case .followUpChosen(let step):
            // The step is built even when its endpoint is missing: building it then says why.
            guard FlowStep.followUps.contains(step), acceptsFollowUps else { return .none }
            return enter(.success(.ready(step)), step: step)

        case .retryRequested:
            if phase == .completed {
                // Sending the token request again shows what the server does with a used code.
                return enter(.success(.ready(.token)), step: .token)
            }
            guard case .failed(let step, let failure) = phase else { return .none }
            if step == .signOn, signsOnInBrowser,
                let authorizeURL = record.last(where: { $0.step == .authorize })?.request.url
            {
                // A callback that failed (wrong state, an error): wait for another from the browser.
                phase = .needsBrowserCallback(authorizeURL: authorizeURL)
                return .awaitBrowserSignOn(URL: authorizeURL)
            }
            if step == .signOn, signOnAction == .checkCredentials, case .pingOneError = failure {
                phase = .needsCredentials
                return .awaitCredentials
            }
            return enter(.success(.ready(step)), step: step)
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

    /// Moves to a new phase; a ready phase gets its parameters drafted.
    private mutating func enter(_ outcome: Result<FlowPhase, FlowFailure>, step: FlowStep) -> FlowAction {
        switch outcome {
        case .failure(let failure):
            if !record.isEmpty, record[record.count - 1].step == step { record[record.count - 1].failure = failure }
            phase = .failed(step, failure)
            return .failed(failure)
        case .success(let next):
            phase = next
            switch next {
            case .ready(let nextStep):
                draft = parameters(for: nextStep)
                return .awaitSend(nextStep)
            case .needsCredentials:
                draft = []
                return .awaitCredentials
            case .needsBrowserCallback(let url):
                draft = []
                return .awaitBrowserSignOn(URL: url)
            case .completed:
                draft = []
                return .finished
            case .waitingForResponse, .failed:
                return .none
            }
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
