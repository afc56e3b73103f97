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
    ///   - mouse: whether the mouse is asked for (`--no-mouse` turns it off).
    ///   - environment: read for `TERM` and `NO_COLOR`, and `XDG_STATE_HOME` for the kept session.
    ///   - clock: the time the screen is at (a reopened session stays at the time it was recorded).
    /// - Returns: 0 after `q`; 1 when the terminal cannot be used (the reason goes to stderr).
    static func run(
        flow: AuthorizationCodeFlow, transport: any HTTPTransport, presentation: Presentation,
        listener: CallbackListener? = nil, setFaults: (@Sendable ([String]) async -> Void)? = nil,
        mouse: Bool = true,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) async -> Int32 {
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(environment: environment, mouse: mouse)
        } catch {
            FileHandle.standardError.write(Data("authflow: \(error)\n".utf8))
            return 1
        }
        let dependencies = Program.Dependencies(
            transport: transport, now: clock, randomness: .system,
            startListener: { (redirectURI: String) throws(CallbackListenerError) -> any CallbackWaiting in
                try await CallbackListener.start(redirectURI: redirectURI)
            }, setFaults: setFaults,
            clipboardProgram: ClipboardProgram.detect(environment: environment))
        let program = Program(
            terminal: terminal, flow: flow, presentation: presentation, listener: listener,
            dependencies: dependencies)
        let keepsSession = presentation.readOnlySource == nil
        if keepsSession {
            // Kept as attempts happen, so a crash loses little; a failure here is not the user's problem now.
            program.recordChanged = { flow in _ = try? LastSession.keep(flow, environment: environment) }
        }
        let status = await program.run()
        // The terminal is restored: what was kept can be said on stderr.
        if keepsSession, !program.model.flow.record.isEmpty {
            do {
                let path = try LastSession.keep(program.model.flow, environment: environment)
                if program.model.savedAttempts < program.model.flow.record.count {
                    FileHandle.standardError.write(
                        Data(
                            "authflow: the session (secrets masked) is kept in \(path); authflow open --last reopens it\n"
                                .utf8))
                }
            } catch {
                FileHandle.standardError.write(Data("authflow: could not keep the session: \(error)\n".utf8))
            }
        }
        return status
    }
}
