import FlowEngine
import Foundation
import TestSupport
import Testing

@testable import FlowTUI

/// `F` in the run loop: a fault armed just before `n` is in force in the simulator before the
/// request leaves.
@MainActor
@Suite("Program faults")
struct ProgramFaultTests {
    /// What the fault-setting dependency saw, in order.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String] = []
        func append(_ entry: String) { lock.withLock { entries.append(entry) } }
        var all: [String] { lock.withLock { entries } }
    }

    @Test func aFaultArmedBeforeNIsSetBeforeTheRequestIsSent() async {
        let clock = TestClock(DemoFlow.start)
        let transport = ScriptedTransport([
            ProgramTests.authorizeExchange(.answer(.success(DemoFlow.authorizeRedirect())))
        ])
        let log = Log()
        var presentation = DemoFlow.presentation
        presentation.faultCatalog = StageTests.faults
        let terminal = FakeTerminal(
            size: ProgramTests.size, clock: clock,
            script: [
                .key(.character("F")),
                .key(.enter),
                .key(.character("n")),
                .until("the authorize step done") { $0.text.contains("✓ 1 Authorize") },
            ])
        var dependencies = ProgramTests.dependencies(transport, clock: clock)
        dependencies.setFaults = { names in
            // A slow simulator: the request must still wait for the fault.
            try? await Task.sleep(for: .milliseconds(50))
            log.append("\(names) with \(transport.received.count) sent")
        }
        let program = Program(
            terminal: terminal, flow: DemoFlow.flow(), presentation: presentation, dependencies: dependencies)
        #expect(await program.run() == 0)
        #expect(terminal.unmet.isEmpty)
        #expect(log.all == ["[\"wrongPassword\"] with 0 sent"])
        #expect(transport.received.count == 1)
        #expect(terminal.lastFrame?.row(0).contains("FAULT wrongPassword") == true)
    }

    @Test func withoutASimulatorTheCommandIsDropped() async {
        let clock = TestClock(DemoFlow.start)
        let terminal = FakeTerminal(
            size: ProgramTests.size, clock: clock,
            script: [
                .key(.character("F")),
                .until("the notice") { $0.text.contains("simulator") },
            ])
        let program = Program(
            terminal: terminal, flow: DemoFlow.flow(), presentation: DemoFlow.presentation,
            dependencies: ProgramTests.dependencies(ScriptedTransport([]), clock: clock))
        #expect(await program.run() == 0)
        #expect(terminal.unmet.isEmpty)
        #expect(program.model.notice?.contains("only in authflow demo") == true)
        #expect(program.model.overlay == nil)
    }
}
