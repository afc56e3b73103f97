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

    public init(
        transport: any HTTPTransport, now: @escaping @Sendable () -> Date = { Date() },
        browserSignOn: (@Sendable (_ authorizeURL: String) async throws -> String)? = nil
    ) {
        self.transport = transport
        self.now = now
        self.browserSignOn = browserSignOn
    }

    /// Sends the ready step's request and feeds the outcome back; returns the flow's next action.
    public func advance(_ flow: inout AuthorizationCodeFlow) async -> FlowAction {
        let action = flow.handle(.sendRequested(at: now()))
        guard case .send(let request, _) = action else { return action }
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let response = try await transport.send(request, timeout: flow.configuration.requestTimeout)
            return flow.handle(.responseReceived(response, at: now(), elapsed: clock.now - start))
        } catch {
            return flow.handle(.transportFailed(error, at: now(), elapsed: clock.now - start))
        }
    }

    /// Runs the flow until it completes or fails, answering the sign-on step with the configured credentials.
    ///
    /// `beforeEachStep` runs before every request, so a caller can change the flow in between;
    /// `afterEachStep` after every response, failure or callback, so a caller can show each step
    /// as it completes.
    public func run(
        _ flow: inout AuthorizationCodeFlow,
        beforeEachStep: (inout AuthorizationCodeFlow) -> Void = { _ in },
        afterEachStep: (AuthorizationCodeFlow) -> Void = { _ in }
    ) async -> FlowOutcome {
        while true {
            switch flow.phase {
            case .ready:
                beforeEachStep(&flow)
                _ = await advance(&flow)
                afterEachStep(flow)
            case .needsCredentials:
                guard let username = flow.configuration.username, let password = flow.configuration.password else {
                    return .failed(.signOn, .missingCredentials)
                }
                _ = flow.handle(.credentialsEntered(username: username, password: password))
            case .needsBrowserCallback(let url):
                guard let browserSignOn else {
                    return .failed(.signOn, .invalidRequest("sign-on needs a browser; none is set up"))
                }
                do {
                    let callback = try await browserSignOn(url)
                    _ = flow.handle(.callbackReceived(callback, at: now()))
                    afterEachStep(flow)
                } catch {
                    return .failed(.signOn, .invalidRequest("the browser sign-on did not finish: \(error)"))
                }
            case .completed:
                return .completed
            case .failed(let step, let failure):
                return .failed(step, failure)
            case .waitingForResponse:
                return .failed(flow.phase.step ?? .authorize, .invalidRequest("a request is already in flight"))
            }
        }
    }
}

/// How a run ended.
public enum FlowOutcome: Equatable, Sendable {
    case completed
    case failed(FlowStep, FlowFailure)
}
