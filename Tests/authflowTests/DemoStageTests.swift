import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// The real binary in tmux, on stage: a fault armed live with `F`, and an ASCII-only terminal.
@Suite(.serialized) struct DemoStageTests {
    func command(_ arguments: String, environment: String = "") -> String {
        "\(environment) \(AuthflowProcess.binary.path) \(arguments); echo AUTHFLOW_EXIT=$?; sleep 120"
    }

    /// Presses `j` until the picker's selection is on `fault` (the picker lists every fault in order).
    func select(_ fault: SimulatorFault, in tmux: TmuxSession) async throws {
        let index = try #require(SimulatorFault.allCases.firstIndex(of: fault))
        for _ in 0..<index { try await tmux.send("j") }
    }

    @Test func aFaultArmedWithFBreaksTheNextSignOnAndClearingItMendsIt() async throws {
        let tmux = try await TmuxSession.start(command: command("demo"))
        defer { tmux.kill() }
        var step = try await tmux.waitFor("1 Authorize", "pass \(Demo.password)")
        #expect(step.found, "start screen:\n\(step.screen)")

        try await tmux.send("F")
        step = try await tmux.waitFor("Simulator faults", "[ ] wrongPassword", "[ ] mfaRequired")
        #expect(step.found, "the fault picker:\n\(step.screen)")
        try await select(.wrongPassword, in: tmux)
        try await tmux.send("Enter")
        step = try await tmux.waitFor("FAULT wrongPassword", "armed: it applies")
        #expect(step.found, "armed:\n\(step.screen)")

        try await tmux.send("n")
        step = try await tmux.waitFor("✓ 1 Authorize")
        try await tmux.send("n")
        step = try await tmux.waitFor("USERNAME_PASSWORD_REQUIRED")
        #expect(step.found, "the flow:\n\(step.screen)")
        try await tmux.send("n")
        step = try await tmux.waitFor("assword")
        try await tmux.send(Demo.password, literal: true)
        try await tmux.send("Enter")
        step = try await tmux.waitFor("Credentials set")
        try await tmux.send("n")
        // The right password, refused: the fault fired in the running simulator.
        step = try await tmux.waitFor("✗ 2 Sign on", "INVALID_CREDENTIALS")
        #expect(step.found, "the armed fault refused the right password:\n\(step.screen)")

        // Cleared from the picker (it opens on the armed fault), the same password signs on.
        try await tmux.send("Escape")
        try await tmux.send("F")
        step = try await tmux.waitFor("[x] wrongPassword")
        #expect(step.found, "the picker with the fault armed:\n\(step.screen)")
        try await tmux.send("Enter")
        step = try await tmux.waitFor("cleared.")
        #expect(step.found, "cleared:\n\(step.screen)")
        #expect(!step.screen.contains("FAULT wrongPassword"))
        try await tmux.send("n")
        step = try await tmux.waitFor("assword")
        try await tmux.send(Demo.password, literal: true)
        try await tmux.send("Enter")
        step = try await tmux.waitFor("Credentials set")
        try await tmux.send("n")
        step = try await tmux.waitFor("✓ 2 Sign on", "COMPLETED")
        #expect(step.found, "after clearing the fault:\n\(step.screen)")

        try await tmux.send("t")
        step = try await tmux.waitFor("Timeline", "#2", "ms on the wire in total")
        #expect(step.found, "the timeline:\n\(step.screen)")
        try await tmux.send("Escape")
        try await tmux.send("q")
        #expect(try await tmux.waitFor("AUTHFLOW_EXIT=0").found)
    }

    @Test func aLaunchFaultStartsArmedAndACLocaleGetsASCII() async throws {
        let tmux = try await TmuxSession.start(
            command: command("demo --fault expiredCode", environment: "env LC_ALL=C LANG=C"), width: 80, height: 24)
        defer { tmux.kill() }
        let step = try await tmux.waitFor("FAULT expiredCode", "+-", "> 1 Authorize", "2Federate!")
        #expect(step.found, "in ASCII:\n\(step.screen)")
        #expect(!step.screen.contains("┌") && !step.screen.contains("│") && !step.screen.contains("▸"))
        try await tmux.send("q")
        #expect(try await tmux.waitFor("AUTHFLOW_EXIT=0").found)
    }
}
