import CursesTerminal
import FlowEngine
import FlowTUI
import Foundation

/// The interactive session: wires FlowTUI's ``Program`` to curses, the live transport, the
/// system clock and the loopback listener.
///
/// The terminal is restored on every way out: `q` and an error (the program stops it), and
/// SIGINT / SIGTERM / SIGHUP (the terminal's own handlers).
@MainActor
enum InteractiveSession {
    /// Runs the TUI on the process's terminal until the user quits; returns the exit status.
    ///
    /// - Parameters:
    ///   - flow: the flow to step through, not started.
    ///   - transport: what sends the requests (the live one, or the simulator's loopback).
    ///   - presentation: header extras, demo credentials, whether secrets start masked.
    ///   - listener: catches the browser's redirect on a loopback redirect URI, when sign-on is in
    ///     a browser; the caller keeps owning it (and stops it afterwards).
    ///   - setFaults: arms the demo simulator's faults by name (`F`); nil against a real server.
    ///   - environment: read for `TERM` and `NO_COLOR`.
    /// - Returns: 0 after `q`; 1 when the terminal cannot be used (the reason goes to stderr).
    static func run(
        flow: AuthorizationCodeFlow, transport: any HTTPTransport, presentation: Presentation,
        listener: CallbackListener? = nil, setFaults: (@Sendable ([String]) async -> Void)? = nil,
        mouse: Bool = true,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async -> Int32 {
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(environment: environment, mouse: mouse)
        } catch {
            FileHandle.standardError.write(Data("authflow: \(error)\n".utf8))
            return 1
        }
        let dependencies = Program.Dependencies(
            transport: transport, now: { Date() }, randomness: .system,
            startListener: { (redirectURI: String) throws(CallbackListenerError) -> any CallbackWaiting in
                try await CallbackListener.start(redirectURI: redirectURI)
            }, setFaults: setFaults,
            clipboardProgram: ClipboardProgram.detect(environment: environment))
        let program = Program(
            terminal: terminal, flow: flow, presentation: presentation, listener: listener,
            dependencies: dependencies)
        return await program.run()
    }
}
