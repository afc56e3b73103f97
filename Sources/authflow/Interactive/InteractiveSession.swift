import CursesTerminal
import FlowEngine
import FlowTUI
import Foundation

/// The interactive session: the TUI's run loop over a curses terminal and an HTTP transport.
///
/// Owns the terminal for its lifetime and restores it on every way out: `q`, an error (the
/// `defer`), and SIGINT / SIGTERM / SIGHUP (the terminal's own handlers). Each turn of the loop
/// reads a key with a short timeout, feeds it and the clock to the model, performs the command
/// the model returns, takes in the results of requests that finished, and draws the frame.
/// Requests run in tasks, so the screen keeps answering keys while one is in flight.
@MainActor
public final class InteractiveSession {
    /// How long one wait for a key lasts; also the longest a finished request waits to be shown.
    static let pollMilliseconds = 40

    private let terminal: CursesTerminal
    private let transport: any HTTPTransport
    private let randomness: FlowRandomness
    /// The configuration the session started with, for `r` (restart).
    private let initialConfiguration: FlowConfiguration
    private var model: AppModel
    private var requests: [Int: Task<Void, Never>] = [:]
    /// Results of requests that finished, waiting for the loop to take them in.
    private var arrived: [AppMessage] = []
    /// The loopback listener that catches the browser's redirect, when the redirect URI allows one.
    private var listener: CallbackListener?
    /// The listener the session was given (its owner stops it); one started here is stopped here.
    private let givenListener: CallbackListener?
    /// Whether the listener has caught a redirect: it keeps the first one, so the next sign-on
    /// (after a restart) needs a fresh listener on the same address.
    private var listenerSpent = false
    /// The wait on the listener, by ticket.
    private var listenTask: (ticket: Int, task: Task<Void, Never>)?
    private var lastFrame: Canvas?
    /// The model the last frame was drawn from; an unchanged model is not drawn again.
    private var drawnModel: AppModel?

    /// Runs the TUI on the process's terminal until the user quits; returns the exit status.
    ///
    /// - Parameters:
    ///   - flow: the flow to step through, not started.
    ///   - transport: what sends the requests (the live one, or the simulator's loopback).
    ///   - presentation: header extras, demo credentials, whether secrets start masked.
    ///   - listener: catches the browser's redirect on a loopback redirect URI, when sign-on is in
    ///     a browser; the caller keeps owning it (and stops it afterwards).
    ///   - randomness: for a restarted flow's state, nonce and PKCE verifier.
    ///   - environment: read for `TERM` and `NO_COLOR`.
    /// - Returns: 0 after `q`; 1 when the terminal cannot be used (the reason goes to stderr).
    public static func run(
        flow: AuthorizationCodeFlow, transport: any HTTPTransport, presentation: Presentation,
        listener: CallbackListener? = nil, randomness: FlowRandomness = .system,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> Int32 {
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(environment: environment)
        } catch {
            FileHandle.standardError.write(Data("authflow: \(error)\n".utf8))
            return 1
        }
        defer { terminal.stop() }
        let session = InteractiveSession(
            terminal: terminal, flow: flow, transport: transport,
            presentation: presentation, listener: listener, randomness: randomness)
        let status = await session.loop()
        await session.stopOwnListener()
        return status
    }

    private init(
        terminal: CursesTerminal, flow: AuthorizationCodeFlow, transport: any HTTPTransport,
        presentation: Presentation, listener: CallbackListener?, randomness: FlowRandomness
    ) {
        self.terminal = terminal
        self.transport = transport
        self.listener = listener
        givenListener = listener
        self.randomness = randomness
        initialConfiguration = flow.configuration
        model = AppModel(flow: flow, presentation: presentation, size: terminal.size, now: Date())
    }

    private func loop() async -> Int32 {
        defer { cancelAll() }
        while true {
            draw()
            if let key = terminal.readKey(timeoutMilliseconds: Self.pollMilliseconds) {
                if perform(model.update(.keyPressed(key))) { return 0 }
            }
            if let tick = tick(), perform(model.update(.ticked(tick))) { return 0 }
            let messages = arrived
            arrived.removeAll()
            for message in messages where perform(model.update(message)) {
                return 0
            }
            // Let finished requests (and the terminal's signal handlers) run on the main actor.
            await Task.yield()
        }
    }

    /// The time to tell the model, when it should hear of it: every tenth of a second while a
    /// request is in flight (the waiting indicator), else every second (relative times).
    private func tick() -> Date? {
        let step: TimeInterval = model.inFlight == nil && model.listening == nil ? 1 : 0.1
        let now = Date()
        let quantized = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / step).rounded(.down) * step)
        return quantized > model.now ? quantized : nil
    }

    /// Draws the frame when the model or the terminal's size changed.
    private func draw() {
        guard model != drawnModel || lastFrame?.size != terminal.size else { return }
        drawnModel = model
        var canvas = Canvas(size: terminal.size)
        model.render(into: &canvas)
        guard canvas != lastFrame else { return }
        terminal.draw(canvas)
        lastFrame = canvas
    }

    /// Performs a command; returns true when the session should end.
    private func perform(_ command: AppCommand) -> Bool {
        switch command {
        case .none:
            return false
        case .quit:
            return true
        case .send(let request, let ticket, let timeout):
            send(request, ticket: ticket, timeout: timeout)
        case .cancelRequest(let ticket):
            requests.removeValue(forKey: ticket)?.cancel()
        case .restartFlow:
            cancelAll()
            let fresh = AuthorizationCodeFlow(configuration: initialConfiguration, randomness: randomness)
            return perform(model.update(.flowRestarted(fresh)))
        case .copy(let text):
            let copied = terminal.copyToClipboard(text)
            return perform(model.update(.copyFinished(succeeded: copied)))
        case .listenForCallback(let ticket, let timeout):
            listen(ticket: ticket, timeout: timeout)
        case .stopListening(let ticket):
            if listenTask?.ticket == ticket {
                listenTask?.task.cancel()
                listenTask = nil
            }
        }
        return false
    }

    /// Waits on the loopback listener in a task, and reports what came (or did not) with the ticket.
    private func listen(ticket: Int, timeout: Duration) {
        listenTask?.task.cancel()
        let redirectURI = initialConfiguration.redirectURI
        // A request with another state is answered 400 and ignored: the wait goes on.
        let expectedState = model.flow.state
        listenTask = (
            ticket,
            Task { [weak self] in
                guard let self else { return }
                let message: AppMessage
                do throws(CallbackListenerError) {
                    let listener = try await self.freshListener(redirectURI: redirectURI)
                    let url = try await listener.callback(timeout: timeout, expectedState: expectedState)
                    guard !Task.isCancelled else { return }
                    self.listenerSpent = true
                    message = .callbackCaught(ticket: ticket, url, at: Date())
                } catch {
                    guard !Task.isCancelled else { return }
                    message = .callbackListenerFailed(ticket: ticket, reason: error.description)
                }
                self.arrived.append(message)
                if self.listenTask?.ticket == ticket { self.listenTask = nil }
            }
        )
    }

    /// The listener to wait on: the one given, or, once that has caught a redirect, a new one on
    /// the same address (the port is in the redirect URI the flow sends).
    private func freshListener(redirectURI: String) async throws(CallbackListenerError) -> CallbackListener {
        if let listener, !listenerSpent { return listener }
        guard listener != nil else { throw .notLoopback(redirectURI) }
        if let spent = listener, spent !== givenListener { await spent.stop() }
        // The given one is stopped by its owner; close its socket now so the port is free again.
        if let given = givenListener, listener === given { await given.stop() }
        let started = try await CallbackListener.start(redirectURI: redirectURI)
        listener = started
        listenerSpent = false
        return started
    }

    /// Stops a listener this session started in place of the one it was given.
    private func stopOwnListener() async {
        if let listener, listener !== givenListener { await listener.stop() }
    }

    private func send(_ request: HTTPRequest, ticket: Int, timeout: Duration) {
        let transport = self.transport
        requests[ticket] = Task { [weak self] in
            let clock = ContinuousClock()
            let start = clock.now
            let message: AppMessage
            do throws(TransportError) {
                let response = try await transport.send(request, timeout: timeout)
                message = .responseReceived(ticket: ticket, response, at: Date(), elapsed: clock.now - start)
            } catch {
                message = .transportFailed(ticket: ticket, error, at: Date(), elapsed: clock.now - start)
            }
            self?.arrived.append(message)
            self?.requests.removeValue(forKey: ticket)
        }
    }

    private func cancelAll() {
        for task in requests.values { task.cancel() }
        requests.removeAll()
        listenTask?.task.cancel()
        listenTask = nil
    }
}
