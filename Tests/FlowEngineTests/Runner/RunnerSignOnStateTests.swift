import FlowEngine
import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// The Flow API's MFA and password states, run against the simulator's demo users `mfa` and `temp`.
@Suite(.serialized) struct RunnerSignOnStateTests {
    static let emailDevice = "3d9dd925-6b1c-4e2a-9f8d-7c6b5a4e3d2c"

    /// What the runner is asked, and what it answers.
    final class Answers: @unchecked Sendable {
        private let lock = NSLock()
        private var _asked: [SignOn.Input] = []
        private var _signOns: [SignOn] = []
        let values: [SignOn.Input: String]

        init(_ values: [SignOn.Input: String]) { self.values = values }

        var asked: [SignOn.Input] { lock.withLock { _asked } }
        var signOns: [SignOn] { lock.withLock { _signOns } }

        func answer(_ input: SignOn.Input, _ signOn: SignOn) throws -> String {
            lock.withLock {
                _asked.append(input)
                _signOns.append(signOn)
            }
            guard let value = values[input] else { throw CancellationError() }
            return value
        }
    }

    func run(_ harness: SimulatorHarness, user: String, password: String, answers: Answers) async -> (
        AuthorizationCodeFlow, FlowOutcome
    ) {
        var flow = AuthorizationCodeFlow(
            configuration: harness.configuration(.web) {
                $0.username = user
                $0.password = password
            }, randomness: .system)
        let runner = FlowRunner(transport: harness.transport, signOnAnswer: { try answers.answer($0, $1) })
        let outcome = await runner.run(&flow)
        return (flow, outcome)
    }

    @Test func theMFAUserSelectsTheEmailDeviceAndChecksItsOTP() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let answers = Answers([.device: Self.emailDevice, .otp: "428913"])
        let (flow, outcome) = await run(harness, user: "mfa", password: "2Federate!", answers: answers)
        #expect(outcome == .completed)
        #expect(answers.asked == [.device, .otp])
        let devices = try #require(answers.signOns.first?.devices)
        #expect(devices.map(\.summary) == ["EMAIL m**@example.com", "TOTP"])
        #expect(answers.signOns.last?.selectedDevice?.type == "EMAIL")
        #expect(
            flow.record.map(\.action) == [
                .authorize(sentBy: .authflow(.get)), .readFlow, .checkCredentials, .selectDevice, .checkOTP, .resume,
                .redeemCode, .fetchKeys,
            ])
        #expect(
            flow.record.map(\.decoded.flowStatus).compactMap { $0 } == [
                "USERNAME_PASSWORD_REQUIRED", "DEVICE_SELECTION_REQUIRED", "OTP_REQUIRED", "COMPLETED",
            ])
        let select = flow.record[3].request
        #expect(select.header("Content-Type") == AuthorizationCodeFlow.deviceSelect)
        #expect(String(decoding: select.body, as: UTF8.self) == #"{"device":{"id":"\#(Self.emailDevice)"}}"#)
        let check = flow.record[4].request
        #expect(check.header("Content-Type") == AuthorizationCodeFlow.otpCheck)
        #expect(String(decoding: check.body, as: UTF8.self) == #"{"otp":"428913"}"#)
        // The OTP is a credential: masked wherever the record is shown.
        #expect(check.credentials == ["428913"])
        #expect(flow.secrets.contains("428913"))
        #expect(!Redactor(secrets: flow.secrets).redact(check).body.contains(Data("428913".utf8)))
    }

    @Test func aWrongOTPSaysHowManyAttemptsAreLeftAndIsAskedAgain() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let answers = Answers([.device: Self.emailDevice, .otp: "000000"])
        var (flow, outcome) = await run(harness, user: "mfa", password: "2Federate!", answers: answers)
        guard case .failed(.signOn, .pingOneError(400, let error)) = outcome else {
            Issue.record("expected INVALID_OTP, got \(outcome)")
            return
        }
        #expect(error.details.first?.code == "INVALID_OTP")
        let cause = try #require(flow.record.last?.failure?.likelyCause)
        #expect(cause.contains("2 attempts left"))
        // Retrying asks for the OTP again rather than sending the wrong one.
        #expect(flow.retry() == .awaitCredentials)
        #expect(flow.signOnInput == .otp)
        #expect(flow.enterOTP("428913") == .awaitSend(.signOn))
        outcome = await FlowRunner(transport: harness.transport).run(&flow)
        #expect(outcome == .completed)
    }

    @Test func theTemporaryPasswordIsChangedWithinThePolicy() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let weak = Answers([.newPassword: "short"])
        var (flow, outcome) = await run(harness, user: "temp", password: "Temp-1234", answers: weak)
        #expect(weak.asked == [.newPassword])
        let rules = try #require(weak.signOns.first?.passwordRules)
        #expect(rules.first == "at least 8 characters (at most 255)")
        #expect(rules.contains("at least 1 of 0123456789"))
        guard case .failed(.signOn, .pingOneError(400, _)) = outcome else {
            Issue.record("expected the policy to refuse the new password, got \(outcome)")
            return
        }
        let cause = try #require(flow.record.last?.failure?.likelyCause)
        #expect(cause.contains("password policy"))
        #expect(cause.contains("length: The password must have at least 8 characters."))
        let reset = flow.record.last?.request
        #expect(reset?.header("Content-Type") == AuthorizationCodeFlow.passwordReset)
        #expect(Set(reset?.credentials ?? []) == ["Temp-1234", "short"])

        #expect(flow.retry() == .awaitCredentials)
        #expect(flow.signOnInput == .newPassword)
        _ = flow.enterNewPassword("Changed-5678")
        #expect(flow.draft.map(\.name) == ["currentPassword", "newPassword"])
        #expect(flow.draft.allSatisfy { $0.isSecret })
        outcome = await FlowRunner(transport: harness.transport).run(&flow)
        #expect(outcome == .completed)
        #expect(flow.record.map(\.decoded.flowStatus).compactMap { $0 }.last == "COMPLETED")
    }

    @Test func withoutAnAnswerTheRunSaysWhatTheSignOnNeeds() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        var flow = AuthorizationCodeFlow(
            configuration: harness.configuration(.web) { $0.username = "mfa" }, randomness: .system)
        let outcome = await harness.runner.run(&flow)
        #expect(
            outcome
                == .failed(.signOn, .invalidRequest("the sign-on needs an MFA device; nothing is set up to give it")))
    }
}
