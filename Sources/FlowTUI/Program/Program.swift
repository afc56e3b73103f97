import FlowEngine
import Foundation

/// The interactive program's run loop: keys, the clock, requests and the loopback listener in,
/// frames out.
///
/// Each turn reads a key with a short timeout, feeds it and the clock to ``AppModel``, performs
/// the command the model returns, takes in the results of requests that finished, and draws the
/// frame when it changed. Requests and waits on the listener run in tasks, so the screen keeps
/// answering keys while one is on. Everything from outside comes in through ``Dependencies``, so
/// tests run the loop with a fake terminal, a scripted transport and a fixed clock.
@MainActor
public final class Program {
    /// What the loop talks to besides the terminal.
    public struct Dependencies: Sendable {
        /// Sends the requests.
        public var transport: any HTTPTransport
        /// The clock, for the model and the requests' timing.
        public var now: @Sendable () -> Date
        /// For a restarted flow's state, nonce and PKCE verifier.
        public var randomness: FlowRandomness
        /// Starts a listener on a loopback redirect URI, for a sign-on after the first listener
        /// caught its redirect.
        public var startListener:
            @Sendable (_ redirectURI: String) async throws(CallbackListenerError) -> any CallbackWaiting
        /// Arms exactly these faults (by name) in the demo's simulator; nil against a real server.
        public var setFaults: (@Sendable (_ names: [String]) async -> Void)?
        /// A clipboard program that also gets what is copied (besides OSC 52), if one is present.
        public var clipboardProgram: ClipboardProgram?

        public init(
            transport: any HTTPTransport, now: @escaping @Sendable () -> Date, randomness: FlowRandomness,
            startListener:
                @escaping @Sendable (_ redirectURI: String) async throws(CallbackListenerError) -> any CallbackWaiting,
            setFaults: (@Sendable (_ names: [String]) async -> Void)? = nil,
            clipboardProgram: ClipboardProgram? = nil
        ) {
            self.clipboardProgram = clipboardProgram
            self.transport = transport
            self.now = now
            self.randomness = randomness
            self.startListener = startListener
            self.setFaults = setFaults
        }
    }

    /// How long one wait for a key lasts; also the longest a finished request waits to be shown.
    public static let pollMilliseconds = 40

    private let terminal: any Terminal
    private let dependencies: Dependencies
    /// The configuration the program started with, for `r` (restart).
    private let initialConfiguration: FlowConfiguration
    /// The model as of the last message.
    public private(set) var model: AppModel
    private var requests: [Int: Task<Void, Never>] = [:]
    /// Results of requests and waits that finished, for the loop to take in.
    private var arrived: [AppMessage] = []
    /// The loopback listener that catches the browser's redirect, when the redirect URI allows one.
    private var listener: (any CallbackWaiting)?
    /// The listener the program was given (its owner stops it); one started here is stopped here.
    private let givenListener: (any CallbackWaiting)?
    /// Whether the listener has caught a redirect: it keeps the first one, so the next sign-on
    /// (after a restart) needs a fresh listener on the same address.
    private var listenerSpent = false
    /// The wait on the listener, by ticket.
    private var listenTask: (ticket: Int, task: Task<Void, Never>)?
    /// The latest change of the simulator's faults; a request waits for it before it is sent.
    private var faultChange: Task<Void, Never>?
    private var lastFrame: Canvas?
    /// The model the last frame was drawn from; an unchanged model is not drawn again.
    private var drawnModel: AppModel?
    /// Called when an attempt is recorded or answered, so the session can be kept as it goes
    /// (`authflow open --last`); best effort, on the main actor.
    public var recordChanged: (@MainActor (AuthorizationCodeFlow) -> Void)?
    /// The record's shape when `recordChanged` was last called: its length and how many answered.
    private var keptShape = (count: 0, answered: 0)

    /// A program over a flow that has not started.
    ///
    /// - Parameters:
    ///   - listener: catches the browser's redirect on a loopback redirect URI, when sign-on is in
    ///     a browser; the caller keeps owning it (and stops it afterwards).
    public init(
        terminal: any Terminal, flow: AuthorizationCodeFlow, presentation: Presentation,
        listener: (any CallbackWaiting)? = nil, dependencies: Dependencies
    ) {
        self.terminal = terminal
        self.dependencies = dependencies
        self.listener = listener
        givenListener = listener
        initialConfiguration = flow.configuration
        model = AppModel(flow: flow, presentation: presentation, size: terminal.size, now: dependencies.now())
    }

    /// Runs until the user quits; stops the terminal and any listener started here. Returns 0.
    public func run() async -> Int32 {
        defer { terminal.stop() }
        await loop()
        cancelAll()
        if let listener, listener !== givenListener { await listener.stop() }
        return 0
    }

    private func loop() async {
        while true {
            draw()
            if let key = await terminal.readKey(timeoutMilliseconds: Self.pollMilliseconds) {
                if perform(model.update(.keyPressed(key))) { return }
            }
            if let tick = tick(), perform(model.update(.ticked(tick))) { return }
            let messages = arrived
            arrived.removeAll()
            for message in messages where perform(model.update(message)) {
                return
            }
            noteRecordChange()
            // Let finished requests (and the terminal's signal handlers) run on the main actor.
            await Task.yield()
        }
    }

    private func noteRecordChange() {
        guard let recordChanged else { return }
        let record = model.flow.record
        let shape = (
            count: record.count, answered: record.filter { $0.response != nil || $0.transportError != nil }.count
        )
        guard shape != keptShape else { return }
        keptShape = shape
        recordChanged(model.flow)
    }

    /// The time to tell the model, when it should hear of it: every tenth of a second while a
    /// request or a listener is on (the waiting indicator), else every second (relative times).
    private func tick() -> Date? {
        let step: TimeInterval = model.inFlight == nil && model.listening == nil ? 1 : 0.1
        let now = dependencies.now()
        let quantized = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / step).rounded(.down) * step)
        return quantized > model.now ? quantized : nil
    }

    /// Draws the frame when the model or the terminal's size changed.
    private func draw() {
        let size = terminal.size
        guard model != drawnModel || lastFrame?.size != size else { return }
        drawnModel = model
        var canvas = Canvas(size: size)
        model.render(into: &canvas)
        guard canvas != lastFrame else { return }
        terminal.draw(canvas)
        lastFrame = canvas
    }

    /// Performs a command; returns true when the program should end.
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
            let fresh = AuthorizationCodeFlow(configuration: initialConfiguration, randomness: dependencies.randomness)
            return perform(model.update(.flowRestarted(fresh)))
        case .copy(let text):
            let copied = terminal.copyToClipboard(text)
            if let program = dependencies.clipboardProgram {
                // In a task: the program gets a deadline, and the screen answers keys meanwhile.
                Task { [weak self] in
                    let error = await program.copy(text)
                    self?.arrived.append(.clipboardProgramFinished(program: program.name, error: error))
                }
            }
            return perform(model.update(.copyFinished(succeeded: copied)))
        case .save(let path, let text, let unmasked):
            var failure: String?
            do {
                try SessionFileWriter.write(text, to: path)
            } catch {
                failure = error.description
            }
            return perform(model.update(.saveFinished(path: path, unmasked: unmasked, error: failure)))
        case .listenForCallback(let ticket, let timeout):
            listen(ticket: ticket, timeout: timeout)
        case .setFaults(let names):
            guard let setFaults = dependencies.setFaults else { return false }
            let previous = faultChange
            faultChange = Task {
                await previous?.value
                await setFaults(names)
            }
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
        let now = dependencies.now
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
                    message = .callbackCaught(ticket: ticket, url, at: now())
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
    private func freshListener(redirectURI: String) async throws(CallbackListenerError) -> any CallbackWaiting {
        if let listener, !listenerSpent { return listener }
        guard let spent = listener else { throw .notLoopback(redirectURI) }
        // A given one is stopped by its owner too; close its socket now so the port is free again.
        await spent.stop()
        let started = try await dependencies.startListener(redirectURI)
        listener = started
        listenerSpent = false
        return started
    }

    private func send(_ request: HTTPRequest, ticket: Int, timeout: Duration) {
        let transport = dependencies.transport
        let now = dependencies.now
        let faultChange = faultChange
        requests[ticket] = Task { [weak self] in
            // A fault armed just before this request applies to it.
            await faultChange?.value
            let start = now()
            let message: AppMessage
            do throws(TransportError) {
                let response = try await transport.send(request, timeout: timeout)
                let end = now()
                message = .responseReceived(ticket: ticket, response, at: end, elapsed: Self.elapsed(start, end))
            } catch {
                let end = now()
                message = .transportFailed(ticket: ticket, error, at: end, elapsed: Self.elapsed(start, end))
            }
            self?.arrived.append(message)
            self?.requests.removeValue(forKey: ticket)
        }
    }

    /// The time between two readings of the clock, never negative.
    nonisolated static func elapsed(_ start: Date, _ end: Date) -> Duration {
        .milliseconds(Int64(max(0, min(end.timeIntervalSince(start), 86_400)) * 1000))
    }

    private func cancelAll() {
        for task in requests.values { task.cancel() }
        requests.removeAll()
        listenTask?.task.cancel()
        listenTask = nil
    }
}
