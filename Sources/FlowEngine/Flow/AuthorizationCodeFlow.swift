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
    var credentialsURL: String?

    /// The two requests of the sign-on step.
    public enum SignOnAction: Equatable, Sendable {
        case readFlow
        case checkCredentials
    }

    /// The PingOne Flow API media type that checks a username and password (reference §2.2).
    public static let usernamePasswordCheck = "application/vnd.pingidentity.usernamePassword.check+json"
    static let userAgent = "authflow/0.1"

    /// Starts a flow: draws `state`, `nonce` and the PKCE verifier, and builds the authorize request.
    public init(configuration: FlowConfiguration, randomness: FlowRandomness) {
        self.configuration = configuration
        self.state = randomness.token()
        self.nonce = configuration.scopes.contains("openid") ? randomness.token() : nil
        self.pkce = configuration.pkceMethod.map { PKCE(randomOctets: randomness.octets(32), method: $0) }
        self.phase = .ready(.authorize)
        self.draft = authorizeParameters()
    }

    /// The flow's secrets (client secret, password, PKCE verifier, tokens, cookie values), for masking.
    public var secrets: [String] {
        var secrets = [configuration.clientSecret, configuration.password, pkce?.verifier].compactMap { $0 }
        secrets += tokens?.secrets ?? []
        secrets += cookieJar.cookies.map(\.value)
        secrets += record.flatMap { $0.decoded.cookiesSet.map(\.value) }
        if let basic = basicCredentials { secrets.append(basic) }
        if case .checkCredentials = signOnAction, let password = draft.value("password") { secrets.append(password) }
        return secrets.filter { $0.count >= 4 }
    }

    // MARK: - Inputs

    /// Takes one input and returns what to do next.
    public mutating func handle(_ event: FlowEvent) -> FlowAction {
        switch event {
        case .sendRequested(let now):
            guard case .ready(let step) = phase else { return .none }
            let request = buildRequest(for: step, at: now)
            var entry = StepRecord(step: step, action: actionTitle(for: step), request: request, sentAt: now)
            entry.decoded.cookiesSent = request.header("Cookie").map(Self.cookieNames) ?? []
            record.append(entry)
            phase = .waitingForResponse(step)
            return .send(request, step)

        case .responseReceived(let response, let now, let elapsed):
            guard case .waitingForResponse(let step) = phase, !record.isEmpty else { return .none }
            record[record.count - 1].response = response
            record[record.count - 1].elapsed = elapsed
            decodeCommon(response, at: now)
            let outcome: Result<FlowPhase, FlowFailure>
            switch step {
            case .authorize: outcome = handleAuthorize(response)
            case .signOn: outcome = handleSignOn(response)
            case .resume: outcome = handleResume(response)
            case .token: outcome = handleToken(response)
            }
            return enter(outcome, step: step)

        case .transportFailed(let error, _, let elapsed):
            guard case .waitingForResponse(let step) = phase, !record.isEmpty else { return .none }
            record[record.count - 1].transportError = error
            record[record.count - 1].elapsed = elapsed
            return enter(.failure(.transport(error)), step: step)

        case .credentialsEntered(let username, let password):
            guard phase == .needsCredentials || phase == .ready(.signOn) else { return .none }
            configuration.username = username
            configuration.password = password
            signOnAction = .checkCredentials
            return enter(.success(.ready(.signOn)), step: .signOn)

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

        case .retryRequested:
            if phase == .completed {
                // Sending the token request again shows what the server does with a used code.
                return enter(.success(.ready(.token)), step: .token)
            }
            guard case .failed(let step, let failure) = phase else { return .none }
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
        return buildRequest(for: step, at: now)
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

    private var basicCredentials: String? {
        guard configuration.clientAuthentication == .clientSecretBasic, let secret = configuration.clientSecret else { return nil }
        // RFC 6749 §2.3.1: the id and secret are form-encoded before Basic encoding.
        let pair = "\(FormURLEncoding.escape(configuration.clientID)):\(FormURLEncoding.escape(secret))"
        return Data(pair.utf8).base64EncodedString()
    }
}

// MARK: - Building requests

extension AuthorizationCodeFlow {
    /// What a step's request does, for the record.
    func actionTitle(for step: FlowStep) -> String {
        switch step {
        case .authorize: "Authorize (\(configuration.authorizeMethod.rawValue))"
        case .signOn: signOnAction == .readFlow ? "Read flow" : "Check username and password"
        case .resume: "Resume"
        case .token: "Token (authorization_code)"
        }
    }

    /// The authorize parameters (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, RFC 7636 §4.3).
    func authorizeParameters() -> [FormParameter] {
        var parameters = [
            FormParameter("response_type", "code"),
            FormParameter("client_id", configuration.clientID),
            FormParameter("redirect_uri", configuration.redirectURI),
            FormParameter("scope", configuration.scopes.joined(separator: " ")),
            FormParameter("state", state),
        ]
        if let nonce { parameters.append(FormParameter("nonce", nonce)) }
        if let pkce {
            parameters.append(FormParameter("code_challenge", pkce.challenge))
            parameters.append(FormParameter("code_challenge_method", pkce.method.rawValue))
        }
        if let responseMode = configuration.responseMode { parameters.append(FormParameter("response_mode", responseMode)) }
        for extra in configuration.extraAuthorizeParameters {
            if let index = parameters.firstIndex(where: { $0.name == extra.name }) {
                parameters[index].value = extra.value
            } else {
                parameters.append(extra)
            }
        }
        return parameters
    }

    /// The editable parameters of a step's request.
    func parameters(for step: FlowStep) -> [FormParameter] {
        switch step {
        case .authorize:
            return authorizeParameters()
        case .signOn:
            switch signOnAction {
            case .readFlow: return [FormParameter("flowId", flowID ?? "")]
            case .checkCredentials:
                return [FormParameter("username", configuration.username ?? ""), FormParameter("password", configuration.password ?? "")]
            }
        case .resume:
            return [FormParameter("flowId", flowID ?? "")]
        case .token:
            var parameters = [
                FormParameter("grant_type", "authorization_code"),
                FormParameter("code", code ?? ""),
                FormParameter("redirect_uri", configuration.redirectURI),
            ]
            if let pkce { parameters.append(FormParameter("code_verifier", pkce.verifier)) }
            switch configuration.clientAuthentication {
            case .none:
                parameters.append(FormParameter("client_id", configuration.clientID))
            case .clientSecretPost:
                parameters.append(FormParameter("client_id", configuration.clientID))
                parameters.append(FormParameter("client_secret", configuration.clientSecret ?? ""))
            case .clientSecretBasic:
                break
            }
            return parameters
        }
    }

    /// Builds the request of a step from its draft parameters, the configuration and the cookie jar.
    func buildRequest(for step: FlowStep, at now: Date) -> HTTPRequest {
        var method = "GET"
        var url: String
        var contentType: String?
        var body: [UInt8] = []
        var authorization: String?
        var accept = "application/json"
        switch step {
        case .authorize:
            url = configuration.authorizeEndpoint
            accept = "text/html,application/json"
            if configuration.authorizeMethod == .post {
                method = "POST"
                contentType = "application/x-www-form-urlencoded"
                body = Array(FormURLEncoding.encode(draft).utf8)
            } else {
                url += "?" + FormURLEncoding.encode(draft)
            }
        case .signOn:
            switch signOnAction {
            case .readFlow:
                url = configuration.flowEndpoint(draft.value("flowId") ?? "")
            case .checkCredentials:
                method = "POST"
                url = credentialsURL ?? configuration.flowEndpoint(flowID ?? "")
                contentType = Self.usernamePasswordCheck
                let json = JSONValue.object([
                    JSONMember("username", .string(draft.value("username") ?? "")),
                    JSONMember("password", .string(draft.value("password") ?? "")),
                ])
                body = Array(json.compactText.utf8)
            }
        case .resume:
            let draftedFlowID = draft.value("flowId") ?? ""
            if let resumeURL, draftedFlowID == flowID {
                url = resumeURL
            } else {
                url = configuration.resumeEndpoint(draftedFlowID)
            }
            accept = "text/html,application/json"
        case .token:
            method = "POST"
            url = configuration.tokenEndpoint
            contentType = "application/x-www-form-urlencoded"
            body = Array(FormURLEncoding.encode(draft).utf8)
            if let basicCredentials { authorization = "Basic \(basicCredentials)" }
        }
        let parts = URLParts(url)
        var headers: [HTTPHeader] = []
        if let parts { headers.append(HTTPHeader("Host", parts.origin.replacingOccurrences(of: "\(parts.scheme)://", with: ""))) }
        headers.append(HTTPHeader("User-Agent", Self.userAgent))
        headers.append(HTTPHeader("Accept", accept))
        if let contentType { headers.append(HTTPHeader("Content-Type", contentType)) }
        if let authorization { headers.append(HTTPHeader("Authorization", authorization)) }
        // The jar stands for the browser; the token request is back-channel and carries no browser cookies.
        if step != .token, let parts, let cookie = cookieJar.cookieHeader(for: parts, at: now) {
            headers.append(HTTPHeader("Cookie", cookie))
        }
        if method == "POST" { headers.append(HTTPHeader("Content-Length", String(body.count))) }
        return HTTPRequest(method: method, url: url, headers: headers, body: body)
    }
}
