import Foundation

/// Performs the flow's actions: sends each request through a transport and feeds back the result.
///
/// The runner owns no state of its own; the flow value holds everything, so a caller can stop
/// between steps (to clear cookies, edit a parameter, or show the record) and go on.
public struct FlowRunner: Sendable {
    public var transport: any HTTPTransport
    /// The wall clock, for cookie expiry and the record's timestamps.
    public var now: @Sendable () -> Date

    /// Signs on in a browser: given the authorize URL, returns the URL the browser was redirected to.
    public var browserSignOn: (@Sendable (_ authorizeURL: String) async throws -> String)?

    /// Answers the Flow API's MFA and password states: given what the flow needs and the sign-on (its
    /// devices, its password rules), returns a device id, a one-time password, a new password or a
    /// recovery code.
    public var signOnAnswer: (@Sendable (_ input: SignOn.Input, _ signOn: SignOn) async throws -> String)?

    public init(
        transport: any HTTPTransport, now: @escaping @Sendable () -> Date = { Date() },
        browserSignOn: (@Sendable (_ authorizeURL: String) async throws -> String)? = nil,
        signOnAnswer: (@Sendable (_ input: SignOn.Input, _ signOn: SignOn) async throws -> String)? = nil
    ) {
        self.transport = transport
        self.now = now
        self.browserSignOn = browserSignOn
        self.signOnAnswer = signOnAnswer
    }

    /// Sends the ready step's request and feeds the outcome back; returns the flow's next action.
    public func advance(_ flow: inout AuthorizationCodeFlow) async -> FlowAction {
        let action = flow.send(at: now())
        guard case .send(let request, _) = action else { return action }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let response = try await transport.send(request, timeout: flow.configuration.requestTimeout)
            return flow.receive(response, at: now(), elapsed: clock.now - start)
        } catch {
            return flow.transportFailed(error, at: now(), elapsed: clock.now - start)
        }
    }

    /// Runs the flow until it completes or fails, answering the sign-on step with the configured credentials.
    ///
    /// Each action the flow returns says what to do next. `beforeEachStep` runs before every
    /// request, so a caller can change the flow in between; `afterEachStep` after every response,
    /// failure or callback, so a caller can show each step as it completes.
    public func run(
        _ flow: inout AuthorizationCodeFlow,
        beforeEachStep: (inout AuthorizationCodeFlow) -> Void = { _ in },
        afterEachStep: (AuthorizationCodeFlow) -> Void = { _ in }
    ) async -> FlowOutcome {
        var next = flow.awaitedAction
        while true {
            switch next {
            case .awaitSend:
                if let delay = flow.pushPollDelay(at: now()), delay > .zero {
                    // A push waits for the user's phone: read the flow again after the poll interval.
                    try? await Task.sleep(for: delay)
                }
                beforeEachStep(&flow)
                next = await advance(&flow)
                afterEachStep(flow)
            case .awaitCredentials where flow.signOnInput != .credentials:
                next = await answerSignOn(&flow)
            case .awaitCredentials:
                guard let username = flow.configuration.username, let password = flow.configuration.password else {
                    return .failed(.signOn, .missingCredentials)
                }
                next = flow.enterCredentials(username: username, password: password)
            case .awaitBrowserSignOn(let url):
                guard let browserSignOn else {
                    return .failed(.signOn, .invalidRequest("sign-on needs a browser; none is set up"))
                }
                do {
                    let callback = try await browserSignOn(url)
                    next = flow.receiveCallback(callback, at: now())
                    afterEachStep(flow)
                } catch {
                    return .failed(.signOn, .invalidRequest("the browser sign-on did not finish: \(error)"))
                }
            case .finished:
                return .completed
            case .failed(let failure):
                return .failed(flow.phase.step ?? .signOn, failure)
            case .none:
                // The input did not apply: a request is in flight, or `beforeEachStep` moved the flow on.
                if case .waitingForResponse(let step) = flow.phase {
                    return .failed(step, .invalidRequest("a request is already in flight"))
                }
                next = flow.awaitedAction
            case .send(_, let step):
                // Only `advance` sends, and it returns what came of the request instead.
                return .failed(step, .invalidRequest("a request is already in flight"))
            }
        }
    }
}

/// How a run ended.
public enum FlowOutcome: Equatable, Sendable {
    case completed
    case failed(FlowStep, FlowFailure)
}

extension FlowRunner {
    /// Answers a device, OTP, new-password or recovery-code stage with ``signOnAnswer`` (a recovery
    /// code asks it twice: the code, then the new password); without one, the flow fails
    /// naming what it needed.
    fileprivate func answerSignOn(_ flow: inout AuthorizationCodeFlow) async -> FlowAction {
        guard let input = flow.signOnInput, let signOn = flow.signOn else { return flow.awaitedAction }
        guard let signOnAnswer else {
            return .failed(.invalidRequest("the sign-on needs \(input.noun); nothing is set up to give it"))
        }
        let answer: String
        do {
            answer = try await signOnAnswer(input, signOn)
        } catch {
            return .failed(.invalidRequest("the sign-on needs \(input.noun): \(error)"))
        }
        switch input {
        case .recoveryCode:
            // The recovery code comes with a new password: both answer RECOVERY_CODE_REQUIRED.
            do {
                let newPassword = try await signOnAnswer(.newPassword, signOn)
                return flow.enterRecovery(code: answer, newPassword: newPassword)
            } catch {
                return .failed(.invalidRequest("the sign-on needs \(input.noun): \(error)"))
            }
        case .device: return flow.selectDevice(id: answer)
        case .otp: return flow.enterOTP(answer)
        case .newPassword: return flow.enterNewPassword(answer)
        case .credentials: return flow.awaitedAction
        }
    }
}
