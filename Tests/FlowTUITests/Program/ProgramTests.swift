import FlowEngine
import Foundation
import TestSupport
import Testing

@testable import FlowTUI

/// The run loop with a fake terminal, a scripted transport, a test clock and fake listeners.
@MainActor
@Suite("Program loop")
struct ProgramTests {
    static let size = Size(columns: 120, rows: 40)

    static func dependencies(
        _ transport: ScriptedTransport, clock: TestClock,
        startListener: @escaping @Sendable (String) async throws(CallbackListenerError) -> any CallbackWaiting = {
            (uri: String) throws(CallbackListenerError) -> any CallbackWaiting in throw .notLoopback(uri)
        }
    ) -> Program.Dependencies {
        Program.Dependencies(
            transport: transport, now: { clock.now() }, randomness: .fixed(seed: 2), startListener: startListener)
    }

    static func authorizeExchange(_ reply: ScriptedTransport.Reply) -> ScriptedTransport.Exchange {
        .init(expectMethod: "GET", expectURLPrefix: "\(DemoFlow.base)/as/authorize", reply: reply)
    }

    @Test func aKeySendsTheRequestAndItsResponseIsDrawn() async {
        let clock = TestClock(DemoFlow.start)
        let transport = ScriptedTransport([Self.authorizeExchange(.answer(.success(DemoFlow.authorizeRedirect())))])
        let terminal = FakeTerminal(
            size: Self.size, clock: clock,
            script: [
                .key(.character("n")),
                .until("the authorize step done") { $0.text.contains("✓ 1 Authorize") },
            ])
        let program = Program(
            terminal: terminal, flow: DemoFlow.flow(), presentation: DemoFlow.presentation,
            dependencies: Self.dependencies(transport, clock: clock))
        #expect(await program.run() == 0)
        #expect(terminal.unmet.isEmpty)
        #expect(transport.received.map(\.method) == ["GET"])
        #expect(transport.remaining == 0)
        #expect(program.model.flow.record.count == 1)
        #expect(program.model.flow.phase == .ready(.signOn))
        #expect(terminal.lastFrame?.text.contains("302 Found") == true)
        #expect(terminal.stopCount == 1, "the terminal is given back once")
    }

    @Test func theClockTicksTheWaitingIndicatorAndEscCancels() async {
        let clock = TestClock(DemoFlow.start)
        let transport = ScriptedTransport([Self.authorizeExchange(.hang)])
        let terminal = FakeTerminal(
            size: Self.size, clock: clock,
            script: [
                .key(.character("n")),
                .until("the wait shown at 0.2 s or later") { frame in
                    frame.text.contains("waiting") && !frame.text.contains(" 0.0 s") && !frame.text.contains(" 0.1 s")
                },
                .until("the request on the wire") { _ in transport.received.count == 1 },
                .key(.escape),
                .until("the cancel noticed") { $0.text.contains("Cancelled.") },
                .until("the transport's wait cancelled") { _ in transport.cancelled == 1 },
            ])
        let program = Program(
            terminal: terminal, flow: DemoFlow.flow(), presentation: DemoFlow.presentation,
            dependencies: Self.dependencies(transport, clock: clock))
        #expect(await program.run() == 0)
        #expect(terminal.unmet.isEmpty)
        #expect(program.model.inFlight == nil)
        #expect(program.model.now > DemoFlow.start, "ticks moved the model's clock")
        #expect(program.model.flow.record.last?.transportError == .cancelled)
        // Every frame drawn differs from the one before: an unchanged model is not drawn again.
        #expect(zip(terminal.frames, terminal.frames.dropFirst()).allSatisfy { $0 != $1 })
    }

    @Test func aResizeRedrawsAtTheNewSize() async {
        let clock = TestClock(DemoFlow.start)
        let terminal = FakeTerminal(
            size: Self.size, clock: clock,
            script: [
                .until("the first frame") { $0.size == Self.size },
                .resize(Size(columns: 80, rows: 24)),
                .until("a frame at 80x24") { $0.size == Size(columns: 80, rows: 24) },
                .resize(Size(columns: 50, rows: 10)),
                .until("the too-small message") { $0.text.contains("Terminal too small") },
            ])
        let program = Program(
            terminal: terminal, flow: DemoFlow.flow(), presentation: DemoFlow.presentation,
            dependencies: Self.dependencies(ScriptedTransport([]), clock: clock))
        #expect(await program.run() == 0)
        #expect(terminal.unmet.isEmpty)
        #expect(program.model.size == Size(columns: 50, rows: 10))
    }

    /// A browser flow on a loopback redirect URI, caught by the listener; then a restart needs a
    /// fresh listener, which the factory starts (the spent one is stopped first).
    @Test func theListenerCatchesTheRedirectAndARestartStartsAFreshOne() async {
        let listenerURL = "http://127.0.0.1:8765/callback"
        var configuration = DemoFlow.configuration
        configuration.signOnInBrowser = true
        configuration.redirectURI = listenerURL
        var presentation = DemoFlow.presentation
        presentation.callbackListenerURL = listenerURL
        let clock = TestClock(DemoFlow.start)
        let transport = ScriptedTransport([
            .init(
                expectMethod: "POST", expectURLPrefix: "\(DemoFlow.base)/as/token",
                reply: .answer(.failure(.other("token endpoint down"))))
        ])
        let states = StateBox()
        let given = FakeListener { "\(listenerURL)?code=\(DemoFlow.code)&state=\(await states.current())" }
        let fresh = FakeListener { "\(listenerURL)?code=\(DemoFlow.code)&state=\(await states.current())" }
        let started = Counter()
        let terminal = FakeTerminal(
            size: Self.size, clock: clock,
            script: [
                .key(.character("n")),
                .until("the redirect caught") { $0.text.contains("▸ 4 Token") },
                .key(.character("n")),
                .until("the token request failed") { $0.text.contains("✗ 4 Token") },
                .key(.character("r")),
                .until("a restart") { $0.text.contains("Restarted") },
                .key(.character("n")),
                .until("the second redirect caught") { $0.text.contains("▸ 4 Token") },
            ])
        let program = Program(
            terminal: terminal, flow: AuthorizationCodeFlow(configuration: configuration, randomness: .fixed(seed: 1)),
            presentation: presentation, listener: given,
            dependencies: Self.dependencies(
                transport, clock: clock,
                startListener: { (uri: String) throws(CallbackListenerError) -> any CallbackWaiting in
                    #expect(uri == listenerURL)
                    started.increment()
                    return fresh
                }))
        states.program = program
        #expect(await program.run() == 0)
        #expect(terminal.unmet.isEmpty)
        #expect(given.waitCount == 1)
        #expect(given.stopCount == 1, "the spent listener is stopped to free its port")
        #expect(fresh.waitCount == 1)
        #expect(fresh.stopCount == 1, "a listener the program started is stopped when it ends")
        #expect(started.value == 1)
        #expect(program.model.flow.phase == .ready(.token))
        #expect(transport.received.count == 1)
    }

    /// When the factory cannot start a fresh listener (the port is taken), the reason is shown,
    /// the program keeps running, and the spent listener was still stopped.
    @Test func aListenerThatCannotStartIsReportedAndTheProgramGoesOn() async {
        let listenerURL = "http://127.0.0.1:8765/callback"
        var configuration = DemoFlow.configuration
        configuration.signOnInBrowser = true
        configuration.redirectURI = listenerURL
        var presentation = DemoFlow.presentation
        presentation.callbackListenerURL = listenerURL
        let clock = TestClock(DemoFlow.start)
        let states = StateBox()
        let given = FakeListener { "\(listenerURL)?code=\(DemoFlow.code)&state=\(await states.current())" }
        let started = Counter()
        let terminal = FakeTerminal(
            size: Self.size, clock: clock,
            script: [
                .key(.character("n")),
                .until("the redirect caught") { $0.text.contains("▸ 4 Token") },
                .key(.character("r")),
                .until("a restart") { $0.text.contains("Restarted") },
                .key(.character("n")),
                .until("the failure shown") { frame in
                    states.program?.model.notice?.hasPrefix("No redirect caught") == true
                        && frame.text.contains("No redirect")
                },
            ])
        let program = Program(
            terminal: terminal, flow: AuthorizationCodeFlow(configuration: configuration, randomness: .fixed(seed: 1)),
            presentation: presentation, listener: given,
            dependencies: Self.dependencies(
                ScriptedTransport([]), clock: clock,
                startListener: { (_: String) throws(CallbackListenerError) -> any CallbackWaiting in
                    started.increment()
                    throw .cannotListen(host: "127.0.0.1", port: 8765, reason: "address already in use")
                }))
        states.program = program
        #expect(await program.run() == 0)
        #expect(terminal.unmet.isEmpty)
        #expect(started.value == 1)
        #expect(given.waitCount == 1)
        #expect(given.stopCount == 1, "the spent listener is stopped before a fresh one is asked for")
        #expect(program.model.listening == nil)
        #expect(
            program.model.notice
                == "No redirect caught: cannot listen on 127.0.0.1:8765: address already in use. n pastes the callback URL, l listens again."
        )
    }
}

/// Reads the running flow's `state` for a fake listener, on the main actor.
@MainActor
final class StateBox: Sendable {
    var program: Program?

    nonisolated func current() async -> String {
        await MainActor.run { program?.model.flow.state ?? "" }
    }
}

/// A count that a sendable closure can bump.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
