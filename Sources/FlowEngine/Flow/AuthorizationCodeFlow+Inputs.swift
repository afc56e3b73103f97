import Foundation

// MARK: - Inputs: one method each

extension AuthorizationCodeFlow {
    /// The user asked to send the ready request: it is built, recorded and handed to the runner.
    public mutating func send(at now: Date) -> FlowAction {
        guard case .ready(let step) = phase else { return .none }
        let request: HTTPRequest
        do {
            request = try buildRequest(for: step, at: now)
        } catch {
            return enter(.failure(error), step: step)
        }
        var entry = StepRecord(step: step, action: action(for: step), request: request, sentAt: now)
        entry.attempt = record.filter { $0.step == step && $0.action == entry.action }.count + 1
        entry.changes = pendingChanges
        pendingChanges = []
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
    }

    /// The response to the request in flight arrived: it is recorded and read by its step.
    public mutating func receive(_ response: HTTPResponse, at now: Date, elapsed: Duration) -> FlowAction {
        guard case .waitingForResponse(let step) = phase, !record.isEmpty else { return .none }
        record[record.count - 1].response = response
        record[record.count - 1].elapsed = elapsed
        decodeCommon(response, at: now)
        let outcome: Result<FlowPhase, FlowFailure>
        switch step {
        case .par: outcome = handlePushedAuthorization(response)
        case .authorize: outcome = trackPush(handleAuthorize(response), at: now)
        case .signOn: outcome = trackPush(handleSignOn(response), at: now)
        case .resume: outcome = handleResume(response)
        case .token: outcome = handleToken(response)
        case .inspect: outcome = handleKeySet(response, at: now)
        case .userInfo, .introspect, .refresh, .revoke, .signOff: outcome = handleFollowUp(step, response)
        }
        return enter(outcome, step: step)
    }

    /// The request in flight got no response: its step fails with the transport's reason.
    public mutating func transportFailed(_ error: TransportError, at now: Date, elapsed: Duration) -> FlowAction {
        guard case .waitingForResponse(let step) = phase, !record.isEmpty else { return .none }
        recordTransportFailure(error, elapsed: elapsed)
        return enter(.failure(.transport(error)), step: step)
    }

    /// The user cancelled the request in flight: its step fails as ``TransportError/cancelled``.
    ///
    /// Returns nothing: the caller cancelled, so it knows what follows (the step failed, and
    /// ``retry()`` builds it again).
    public mutating func cancelRequest(at now: Date, elapsed: Duration) {
        guard case .waitingForResponse(let step) = phase, !record.isEmpty else { return }
        recordTransportFailure(.cancelled, elapsed: elapsed)
        fail(step, .transport(.cancelled))
    }

    /// The user typed a username and password at the sign-on step: the check is built with them.
    public mutating func enterCredentials(username: String, password: String) -> FlowAction {
        guard phase == .needsCredentials || phase == .ready(.signOn) else { return .none }
        // At a device, OTP or new-password stage, a username and password do not answer the flow.
        if let input = signOn?.input, input != .credentials { return .none }
        configuration.username = username
        configuration.password = password
        pendingChanges.append(.credentialsEntered(username: username))
        var signOn = self.signOn ?? SignOn(flowID: nil)
        signOn.checkCredentials()
        self.signOn = signOn
        return enter(.success(.ready(.signOn)), step: .signOn)
    }

    /// What the sign-on step waits for the user to give, while the phase is `needsCredentials`.
    public var signOnInput: SignOn.Input? {
        guard phase == .needsCredentials else { return nil }
        return signOn?.input ?? .credentials
    }

    /// The user chose an MFA device (DEVICE_SELECTION_REQUIRED): `device.select` is built with it.
    public mutating func selectDevice(id: String) -> FlowAction {
        guard phase == .needsCredentials, case .selectDevice = signOnAction else { return .none }
        signOn?.selectedDeviceID = id
        return enter(.success(.ready(.signOn)), step: .signOn)
    }

    /// The user typed the one-time password (OTP_REQUIRED): `otp.check` is built with it.
    public mutating func enterOTP(_ otp: String) -> FlowAction {
        guard phase == .needsCredentials, case .checkOTP = signOnAction else { return .none }
        configuration.otp = otp
        return enter(.success(.ready(.signOn)), step: .signOn)
    }

    /// The user typed a new password (MUST_CHANGE_PASSWORD, PASSWORD_EXPIRED): `password.reset` is built
    /// with it and the current password.
    public mutating func enterNewPassword(_ newPassword: String) -> FlowAction {
        guard phase == .needsCredentials, case .changePassword = signOnAction else { return .none }
        configuration.newPassword = newPassword
        return enter(.success(.ready(.signOn)), step: .signOn)
    }

    /// Whether the user may ask for a password recovery now: the flow asks for the username and
    /// password (or just refused them) and offered `password.forgot`.
    public var canRecoverPassword: Bool {
        guard let signOn, signOn.forgotPasswordURL != nil, case .checkCredentials = signOn.stage else { return false }
        switch phase {
        case .needsCredentials, .ready(.signOn), .failed(.signOn, _): return true
        default: return false
        }
    }

    /// The user forgot the password (USERNAME_PASSWORD_REQUIRED with `password.forgot`):
    /// `password.forgot` is built with the username, which asks PingOne to send a recovery code.
    public mutating func forgotPassword(username: String? = nil) -> FlowAction {
        guard canRecoverPassword else { return .none }
        if let username, !username.isEmpty, username != configuration.username {
            configuration.username = username
            pendingChanges.append(.credentialsEntered(username: username))
        }
        let link = signOn?.forgotPasswordURL
        signOn?.stage = .forgotPassword(URL: link)
        return enter(.success(.ready(.signOn)), step: .signOn)
    }

    /// The user typed the recovery code and a new password (RECOVERY_CODE_REQUIRED): `password.recover`
    /// is built with them.
    public mutating func enterRecovery(code: String, newPassword: String) -> FlowAction {
        guard phase == .needsCredentials, case .recoverPassword = signOnAction else { return .none }
        configuration.recoveryCode = code
        configuration.newPassword = newPassword
        return enter(.success(.ready(.signOn)), step: .signOn)
    }

    /// The sign-on happened in a browser, which was sent back to `url`: the callback is the sign-on
    /// step's response, or, when it carries an `error`, the authorize step's (RFC 6749 §4.1.2.1: the
    /// authorization request was refused, whether before or after the user signed on).
    public mutating func receiveCallback(_ url: String, at now: Date) -> FlowAction {
        guard case .needsBrowserCallback = phase, !record.isEmpty else { return .none }
        let parts = URLParts(url)
        let carriesError = ((parts?.queryParameters ?? []) + (parts?.fragmentParameters ?? [])).value("error") != nil
        let step: FlowStep = carriesError ? .authorize : .signOn
        // The redirect the browser followed is this step's response, as far as authflow saw it.
        var entry = StepRecord(
            step: step, action: .callbackFromBrowser,
            request: HTTPRequest(method: "GET", url: url), sentAt: now)
        entry.attempt = record.filter { $0.step == step && $0.action == .callbackFromBrowser }.count + 1
        entry.changes = pendingChanges
        pendingChanges = []
        entry.decoded.location = url
        record.append(entry)
        return enter(readCallback(url), step: step)
    }

    /// The last authorize request sent (or handed to the browser), not a callback recorded at that step.
    var lastAuthorizeRequest: StepRecord? {
        record.last { $0.step == .authorize && $0.action != .callbackFromBrowser }
    }

    /// The user changed (or added) a parameter of the ready request; nothing is sent until asked.
    public mutating func editParameter(_ name: String, to value: String) {
        guard case .ready = phase else { return }
        if let index = draft.firstIndex(where: { $0.name == name }) {
            guard draft[index].value != value else { return }
            pendingChanges.append(.parameterEdited(name: name, from: draft[index].value, to: value))
            draft[index].value = value
        } else {
            pendingChanges.append(.parameterEdited(name: name, from: nil, to: value))
            draft.append(FormParameter(name, value))
        }
    }

    /// The user emptied the cookie jar (the `ST` session); the next request goes without it.
    public mutating func clearCookies() {
        pendingChanges.append(.cookiesCleared(names: cookieJar.cookies.map(\.name)))
        cookieJar.removeAll()
    }

    /// The user chose a follow-up step (UserInfo, introspection, refresh, revoke, sign-off): its request is built.
    public mutating func chooseFollowUp(_ step: FlowStep) -> FlowAction {
        // The step is built even when its endpoint is missing: building it then says why.
        guard FlowStep.followUps.contains(step), acceptsFollowUps else { return .none }
        return enter(.success(.ready(step)), step: step)
    }

    /// The user asked to build the failed step's request again (after tokens: the token request).
    public mutating func retry() -> FlowAction {
        if phase == .completed {
            pendingChanges.append(.retried)
            // Sending the token request again shows what the server does with a used code.
            return enter(.success(.ready(.token)), step: .token)
        }
        guard case .failed(let step, let failure) = phase else { return .none }
        pendingChanges.append(.retried)
        if step == .signOn, signsOnInBrowser, let authorizeURL = lastAuthorizeRequest?.request.url {
            // A callback that failed (wrong state, an error): wait for another from the browser.
            phase = .needsBrowserCallback(authorizeURL: authorizeURL)
            return awaitedAction
        }
        if step == .signOn, case .pushNotApproved = failure {
            return retryPush()
        }
        if step == .signOn, signOn?.input != nil, case .pingOneError = failure {
            // A wrong password, OTP or a new password the policy refused: ask for it again rather than
            // send the same one.
            phase = .needsCredentials
            return awaitedAction
        }
        return enter(.success(.ready(step)), step: step)
    }

    // MARK: - Moving between phases

    /// What the flow waits for in its phase, as the action that led there (`none` while a request is in flight).
    public var awaitedAction: FlowAction {
        switch phase {
        case .ready(let step): .awaitSend(step)
        case .needsCredentials: .awaitCredentials
        case .needsBrowserCallback(let url): .awaitBrowserSignOn(URL: url)
        case .completed: .finished
        case .failed(_, let failure): .failed(failure)
        case .waitingForResponse: .none
        }
    }

    /// Moves to a step's outcome and returns what the flow now waits for.
    mutating func enter(_ outcome: Result<FlowPhase, FlowFailure>, step: FlowStep) -> FlowAction {
        switch outcome {
        case .failure(let failure): fail(step, failure)
        case .success(let next): moveTo(next)
        }
        return awaitedAction
    }

    /// Fails a step; its record entry, when it has one, keeps the reason.
    private mutating func fail(_ step: FlowStep, _ failure: FlowFailure) {
        if !record.isEmpty, record[record.count - 1].step == step { record[record.count - 1].failure = failure }
        phase = .failed(step, failure)
    }

    /// Moves to a new phase; a ready phase gets its parameters drafted, the others none.
    private mutating func moveTo(_ next: FlowPhase) {
        phase = next
        switch next {
        case .ready(let nextStep): draft = parameters(for: nextStep)
        case .needsCredentials, .needsBrowserCallback, .completed: draft = []
        case .waitingForResponse, .failed: break
        }
    }

    /// Keeps the transport's reason, and what came before it failed, in the request's record entry.
    private mutating func recordTransportFailure(_ error: TransportError, elapsed: Duration) {
        record[record.count - 1].transportError = error
        if let partial = error.partialResponse { record[record.count - 1].response = partial }
        record[record.count - 1].elapsed = elapsed
    }
}
