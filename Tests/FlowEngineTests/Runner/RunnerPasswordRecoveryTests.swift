import FlowEngine
import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// Password recovery run against the simulator: `password.forgot`, RECOVERY_CODE_REQUIRED,
/// `password.recover`, then resume and tokens; the code and the new password masked in every export.
@Suite(.serialized) struct RunnerPasswordRecoveryTests {
    typealias Answers = RunnerSignOnStateTests.Answers
    static let code = SimulatorConfiguration.demoRecoveryCode

    func recover(_ harness: SimulatorHarness, user: String, answers: Answers) async -> (
        AuthorizationCodeFlow, FlowOutcome
    ) {
        var flow = AuthorizationCodeFlow(
            configuration: harness.configuration(.web) {
                $0.username = user
                $0.password = nil
                $0.recoversPassword = true
            }, randomness: .system)
        let runner = FlowRunner(transport: harness.transport, signOnAnswer: { try answers.answer($0, $1) })
        let outcome = await runner.run(&flow)
        return (flow, outcome)
    }

    @Test func theDemoUserRecoversThePasswordAndGetsTokens() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let answers = Answers([.recoveryCode: Self.code, .newPassword: "Recovered-9876"])
        let (flow, outcome) = await recover(harness, user: "demo", answers: answers)
        #expect(outcome == .completed)
        #expect(answers.asked == [.recoveryCode, .newPassword])
        #expect(answers.signOns.first?.passwordRules.first == "at least 8 characters (at most 255)")
        #expect(
            flow.record.map(\.action) == [
                .authorize(sentBy: .authflow(.get)), .readFlow, .forgotPassword, .recoverPassword, .resume,
                .redeemCode, .fetchKeys,
            ])
        #expect(
            flow.record.map(\.decoded.flowStatus).compactMap { $0 } == [
                "USERNAME_PASSWORD_REQUIRED", "RECOVERY_CODE_REQUIRED", "COMPLETED",
            ])
        #expect(flow.tokens?.idToken != nil)
        let recover = flow.record[3].request
        #expect(recover.header("Content-Type") == AuthorizationCodeFlow.passwordRecover)
        #expect(Set(recover.credentials) == [Self.code, "Recovered-9876"])

        // Masked in every export: HAR, Markdown, the curl script and JSON.
        let export = SessionExport(flow: flow, outcome: outcome, connection: nil)
        for format in ExportFormat.allCases {
            let text = export.text(format, redactor: flow.exportRedactor)
            #expect(!text.contains(Self.code), "the recovery code in \(format)")
            #expect(!text.contains("Recovered-9876"), "the new password in \(format)")
            #expect(text.contains("recoveryCode"), "\(format) names the recoveryCode member")
        }

        // The new password is the user's: a fresh sign-in with it succeeds, the old one is refused.
        var again = AuthorizationCodeFlow(
            configuration: harness.configuration(.web) {
                $0.username = "demo"
                $0.password = "Recovered-9876"
            }, randomness: .system)
        #expect(await harness.runner.run(&again) == .completed)
    }

    @Test func aWrongCodeIsRefusedWithItsCauseThenTheRightOneWorks() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let answers = Answers([.recoveryCode: "000000", .newPassword: "Recovered-9876"])
        var (flow, outcome) = await recover(harness, user: "demo", answers: answers)
        guard case .failed(.signOn, .pingOneError(400, let error)) = outcome else {
            Issue.record("expected the wrong code to be refused, got \(outcome)")
            return
        }
        #expect(error.details.first?.target == "recoveryCode")
        let cause = try #require(flow.record.last?.failure?.likelyCause)
        #expect(cause.contains("recovery code is wrong or expired"))
        #expect(flow.retry() == .awaitCredentials)
        #expect(flow.signOnInput == .recoveryCode)
        #expect(flow.enterRecovery(code: Self.code, newPassword: "Recovered-9876") == .awaitSend(.signOn))
        outcome = await harness.runner.run(&flow)
        #expect(outcome == .completed)
    }

    @Test func afterAWrongPasswordTheUserRecoversInTheSameFlow() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        var flow = AuthorizationCodeFlow(
            configuration: harness.configuration(.web) {
                $0.username = "demo"
                $0.password = "wrong-password"
            }, randomness: .system)
        let answers = Answers([.recoveryCode: Self.code, .newPassword: "Recovered-9876"])
        let runner = FlowRunner(transport: harness.transport, signOnAnswer: { try answers.answer($0, $1) })
        guard case .failed(.signOn, .pingOneError(400, let error)) = await runner.run(&flow) else {
            Issue.record("expected the wrong password to be refused")
            return
        }
        #expect(error.details.first?.code == "INVALID_CREDENTIALS")
        #expect(flow.canRecoverPassword)
        #expect(flow.forgotPassword() == .awaitSend(.signOn))
        #expect(await runner.run(&flow) == .completed)
        #expect(flow.record.map(\.action).contains(.recoverPassword))
    }

    @Test func theMFAUserGoesOnToTheSecondFactorAfterRecovery() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let answers = Answers([
            .recoveryCode: Self.code, .newPassword: "Recovered-9876", .device: RunnerSignOnStateTests.emailDevice,
            .otp: "428913",
        ])
        let (flow, outcome) = await recover(harness, user: "mfa", answers: answers)
        #expect(outcome == .completed)
        #expect(answers.asked == [.recoveryCode, .newPassword, .device, .otp])
    }
}
