import Foundation
import TestSupport
import Testing

/// The real binary in tmux: `authflow demo` stepped to the tokens with keys, as a new user would.
@Suite(.serialized) struct DemoTUITests {
    /// A shell line that runs authflow and then shows how it exited and whether the terminal is sane.
    func command(_ arguments: String) -> String {
        "\(AuthflowProcess.binary.path) \(arguments); echo AUTHFLOW_EXIT=$?; stty -a | tr ' ' '\\n' | grep -x -e echo -e icanon | tr '\\n' ' '; sleep 120"
    }

    @Test func theDemoIsSteppedFromAuthorizeToDecodedTokens() async throws {
        let tmux = try await TmuxSession.start(command: command("demo"))
        defer { tmux.kill() }
        var step = try await tmux.waitFor("1 Authorize", "n send", "pass \(Demo.password)")
        #expect(step.found, "start screen:\n\(step.screen)")

        try await tmux.send("n")
        step = try await tmux.waitFor("✓ 1 Authorize", "flowId", "Set-Cookie: ST=••••••")
        #expect(step.found, "after authorize:\n\(step.screen)")

        try await tmux.send("n")
        step = try await tmux.waitFor("USERNAME_PASSWORD_REQUIRED")
        #expect(step.found, "after reading the flow:\n\(step.screen)")

        try await tmux.send("n")
        step = try await tmux.waitFor("assword")
        #expect(step.found, "the password prompt:\n\(step.screen)")
        try await tmux.send(Demo.password, literal: true)
        try await tmux.send("Enter")
        step = try await tmux.waitFor("Credentials set", "password  ••••••")
        #expect(step.found, "the credentials, masked, ready to send:\n\(step.screen)")
        try await tmux.send("n")
        step = try await tmux.waitFor("✓ 2 Sign on", "COMPLETED")
        #expect(step.found, "after sign-on:\n\(step.screen)")

        try await tmux.send("n")
        step = try await tmux.waitFor("✓ 3 Resume", "state", "✓")
        #expect(step.found, "after resume:\n\(step.screen)")
        #expect(step.screen.contains("code"))

        try await tmux.send("n")
        step = try await tmux.waitFor("✓ 4 Token")
        #expect(step.found, "after token:\n\(step.screen)")
        try await tmux.send("n")
        step = try await tmux.waitFor("✓ 5 Inspect", "✓ signature", "iss", "sub", "exp")
        #expect(step.found, "after inspect:\n\(step.screen)")

        // Step 3 again: the code with the state check and the ST cookie.
        try await tmux.send("3")
        step = try await tmux.waitFor("← 3 Resume", "ST", "code")
        #expect(step.found, "looking back at resume:\n\(step.screen)")
        #expect(step.screen.contains("✓"))

        // A resize relayouts at once, and the footer still fits.
        try await tmux.resize(width: 80, height: 24)
        step = try await tmux.waitFor("Resume", "q quit")
        #expect(step.found, "at 80x24:\n\(step.screen)")
        let lines = step.screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 80 })

        try await tmux.send("q")
        step = try await tmux.waitFor("AUTHFLOW_EXIT=0", "echo", "icanon")
        #expect(step.found, "after q:\n\(step.screen)")
        #expect(!step.screen.contains("-echo") && !step.screen.contains("-icanon"))
    }

    @Test func helpExplainsTheKeysAndTooSmallSaysSo() async throws {
        let tmux = try await TmuxSession.start(command: command("demo"))
        defer { tmux.kill() }
        #expect(try await tmux.waitFor("1 Authorize").found)
        try await tmux.send("?")
        let help = try await tmux.waitFor("tab", "restart", "cookies", "mask", "quit")
        #expect(help.found, "help:\n\(help.screen)")
        try await tmux.send("Escape")
        try await tmux.resize(width: 50, height: 12)
        let small = try await tmux.waitFor("too small")
        #expect(small.found, "at 50x12:\n\(small.screen)")
        try await tmux.resize(width: 120, height: 40)
        #expect(try await tmux.waitFor("1 Authorize").found)
        try await tmux.send("C-c")
        let interrupted = try await tmux.waitFor("AUTHFLOW_EXIT=130", "echo", "icanon")
        #expect(interrupted.found, "after Ctrl-C:\n\(interrupted.screen)")
    }
}
