import FlowEngine
import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// `acr_values` sent on authorize changes what the simulator asks, and the inspector's `acr` check
/// says what was asked against what the ID token says.
@Suite(.serialized) struct RunnerAcrValuesTests {
    typealias Answers = RunnerSignOnStateTests.Answers

    func run(_ harness: SimulatorHarness, acr: String?, answers: Answers) async -> (
        AuthorizationCodeFlow, FlowOutcome
    ) {
        var flow = AuthorizationCodeFlow(
            configuration: harness.configuration(.web) { configuration in
                if let acr { configuration.extraAuthorizeParameters = [FormParameter("acr_values", acr)] }
            }, randomness: .system)
        let runner = FlowRunner(transport: harness.transport, signOnAnswer: { try answers.answer($0, $1) })
        let outcome = await runner.run(&flow)
        return (flow, outcome)
    }

    func acrCheck(_ flow: AuthorizationCodeFlow) -> TokenCheck? {
        flow.record.last?.decoded.inspections.first { $0.name == "id_token" }?.inspection.checks.first {
            $0.name == "acr"
        }
    }

    @Test func multiFactorAsksThePasswordOnlyUserForAnOTPAndTheAcrCheckPasses() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let answers = Answers([.device: RunnerSignOnStateTests.emailDevice, .otp: "428913"])
        let (flow, outcome) = await run(harness, acr: "Multi_Factor", answers: answers)
        #expect(outcome == .completed)
        #expect(answers.asked == [.device, .otp])
        let check = try #require(acrCheck(flow))
        #expect(check.outcome == .pass)
        #expect(check.reason.contains("\"Multi_Factor\""))
        let claims = flow.tokens?.decoded.first { $0.name == "id_token" }?.jwt?.claims
        #expect(claims?["amr"]?.elements?.compactMap(\.stringValue) == ["pwd", "otp", "mfa"])
    }

    @Test func withoutAcrValuesTheSameUserSignsOnWithThePasswordAlone() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let answers = Answers([:])
        let (flow, outcome) = await run(harness, acr: nil, answers: answers)
        #expect(outcome == .completed)
        #expect(answers.asked.isEmpty)
        let check = try #require(acrCheck(flow))
        #expect(check.outcome == .notApplicable)
        #expect(check.reason.contains("\"Single_Factor\""))
    }

    @Test func anUnknownPolicyFailsAtAuthorize() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let (_, outcome) = await run(harness, acr: "Gold_Policy", answers: Answers([:]))
        guard case .failed(_, .oauthError(let error)) = outcome else {
            Issue.record("expected invalid_request, got \(outcome)")
            return
        }
        #expect(error.error == "invalid_request")
        #expect(error.description?.contains("Gold_Policy") == true)
    }
}
