import Foundation
import TestSupport
import Testing

/// The terminal is put back however authflow ends: Ctrl-\ (SIGQUIT) in the TUI, Ctrl-C at a secret prompt.
@Suite(.serialized) struct TerminalRestoreTests {
    /// Runs authflow, then shows how it exited, the terminal's echo and icanon modes, whether
    /// the cursor shows and whether the mouse is still reported; the pane stays open for the test to read.
    func command(_ arguments: String, environment: String = "") -> String {
        // The shell traps the signals (a trap, unlike an ignored signal, is not inherited) so it lives on to report.
        "trap true INT QUIT; \(environment) \(AuthflowProcess.binary.path) \(arguments); echo AUTHFLOW_EXIT=$?; "
            + "stty -a | tr ' ;' '\\n\\n' | grep -x -e echo -e -echo -e icanon -e -icanon | tr '\\n' ' '; "
            + "tmux display-message -p 'ALT=#{alternate_on} CURSOR=#{cursor_flag} MOUSE=#{mouse_any_flag}'; echo MODES_END; sleep 120"
    }

    @Test func ctrlBackslashInTheTUILeavesASaneTerminal() async throws {
        let tmux = try await TmuxSession.start(command: command("demo"))
        defer { tmux.kill() }
        let started = try await tmux.waitFor("1 Authorize", "n send", timeout: 90)
        #expect(started.found, "start screen:\n\(started.screen)")

        try await tmux.send("C-\\")
        let after = try await tmux.waitFor("AUTHFLOW_EXIT=131", "MODES_END", timeout: 60)
        #expect(after.found, "after Ctrl-\\:\n\(after.screen)")
        #expect(Self.modesAreSane(after.screen), "terminal modes:\n\(after.screen)")
        // Off the alternate screen, cursor shown, and no crash report or backtracer prompt waiting.
        #expect(after.screen.contains("ALT=0 CURSOR=1 MOUSE=0"), "\(after.screen)")
        #expect(!after.screen.contains("Press"))
    }

    @Test(arguments: [SIGSEGV, SIGABRT])
    func aCrashRestoresTheTerminalBeforeItsReport(_ signal: Int32) async throws {
        // `exec` keeps the shell's process ID, so the test knows which process to crash.
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "authflow-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: pidFile) }
        let tmux = try await TmuxSession.start(
            command: command("demo", environment: "sh -c 'echo $$ > \(pidFile.path); exec \"$0\" \"$@\"'"))
        defer { tmux.kill() }
        let started = try await tmux.waitFor("1 Authorize", "n send", timeout: 90)
        #expect(started.found, "start screen:\n\(started.screen)")
        let text = try String(contentsOf: pidFile, encoding: .utf8)
        let pid = try #require(pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)))
        kill(pid, signal)
        // The runtime's report prints on the normal screen, without waiting for a key.
        let report = try await tmux.waitFor("Backtrace took", timeout: 90)
        #expect(report.found, "the crash report:\n\(report.screen)")
        // The process lives on after a report for a signal sent with kill(2), and its other
        // threads ran on during it: a key now (Tab moves the focus, so the TUI has a new frame to
        // draw; the terminal is back in line mode, so Enter hands the key over) must not draw over
        // the report.
        try await tmux.send("Tab", "Enter")
        var budget = WaitBudget(3)
        var screen = report.screen
        repeat {
            try await Task.sleep(for: .milliseconds(200))
            screen = try await tmux.screen()
        } while budget.hasTimeLeft() && !screen.contains("│")
        #expect(!screen.contains("│") && screen.contains("Backtrace took"), "after a key:\n\(screen)")
        // A signal sent with kill(2) is not a fault that happens again once the report is done:
        // end the process the way nothing can catch, so only the crash handler restored the terminal.
        kill(pid, SIGKILL)
        let after = try await tmux.waitFor("AUTHFLOW_EXIT=137", "MODES_END", timeout: 30)
        #expect(after.found, "after the crash:\n\(after.screen)")
        #expect(Self.modesAreSane(after.screen), "terminal modes:\n\(after.screen)")
        // Mouse reporting is off too, or the shell would be sent escape sequences for every click.
        #expect(after.screen.contains("ALT=0 CURSOR=1 MOUSE=0"), "\(after.screen)")
        // An interactive backtracer would outlive the process, counting down "Press space to
        // interact, …" on this screen: authflow keeps it non-interactive without a second start.
        #expect(!after.screen.contains("Press space"), "\(after.screen)")
    }

    @Test func ctrlCAtTheSecretPromptPutsEchoBack() async throws {
        let flow =
            "run --env 4b1e3c2a-0d5f-4a7e-9c61-2f8b7d9e0a13 --client-id app --redirect-uri https://app.example.com/cb"
        let tmux = try await TmuxSession.start(command: command(flow, environment: "env -u AUTHFLOW_CLIENT_SECRET"))
        defer { tmux.kill() }
        let prompt = try await tmux.waitFor("Client secret for app:", timeout: 60)
        #expect(prompt.found, "the prompt:\n\(prompt.screen)")
        try await tmux.send("C-c")
        let after = try await tmux.waitFor("AUTHFLOW_EXIT=130", "MODES_END", timeout: 60)
        #expect(after.found, "after Ctrl-C:\n\(after.screen)")
        #expect(Self.modesAreSane(after.screen), "terminal modes:\n\(after.screen)")
    }

    /// The line of modes after the exit has `echo` and `icanon`, neither switched off.
    static func modesAreSane(_ screen: String) -> Bool {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains("icanon") && $0.contains("ALT=") })
        else { return false }
        let words = Set(line.split(separator: " ").map(String.init))
        return words.contains("echo") && words.contains("icanon") && !words.contains("-echo")
            && !words.contains("-icanon")
    }
}
