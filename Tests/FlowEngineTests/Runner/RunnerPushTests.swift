import FlowEngine
import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// PUSH_CONFIRMATION_REQUIRED run against the simulator: the runner polls the flow until the push is
/// approved, PingOne times it out, or authflow's own deadline passes.
@Suite(.serialized) struct RunnerPushTests {
    func run(
        _ harness: SimulatorHarness, user: String, change: (inout FlowConfiguration) -> Void = { _ in }
    ) async -> (AuthorizationCodeFlow, FlowOutcome) {
        var flow = AuthorizationCodeFlow(
            configuration: harness.configuration(.web) {
                $0.username = user
                $0.password = "2Federate!"
                $0.pushPollInterval = .milliseconds(20)
                change(&$0)
            }, randomness: .system)
        let runner = FlowRunner(
            transport: harness.transport,
            signOnAnswer: { input, _ in
                throw CancellationError()
            })
        let outcome = await runner.run(&flow)
        return (flow, outcome)
    }

    @Test func thePushUserIsSignedOnAfterThreePolls() async throws {
        try await SimulatorHarness.run { harness in
            let (flow, outcome) = await run(harness, user: "push")
            #expect(outcome == .completed)
            #expect(
                flow.record.map(\.action) == [
                    .authorize(sentBy: .authflow(.get)), .readFlow, .checkCredentials, .pollPush, .pollPush, .pollPush,
                    .resume, .redeemCode, .fetchKeys,
                ])
            #expect(
                flow.record.compactMap(\.decoded.flowStatus) == [
                    "USERNAME_PASSWORD_REQUIRED", "PUSH_CONFIRMATION_REQUIRED", "PUSH_CONFIRMATION_REQUIRED",
                    "PUSH_CONFIRMATION_REQUIRED", "COMPLETED",
                ])
            #expect(flow.record[3].action.kind == "flow.poll_push")
            #expect(flow.record[3].request.method == "GET")
            // The approving poll carries the new ST, and the resume sends it.
            #expect(flow.record[5].decoded.cookiesSet.map(\.name) == ["ST"])
        }
    }

    @Test func aPushPingOneTimesOutFailsWithTheWayOn() async throws {
        var configuration = SimulatorConfiguration.demo
        let index = try #require(configuration.users.firstIndex { $0.username == "pushtimeout" })
        configuration.users[index].devices?[0].pushTimeoutSeconds = 0
        try await SimulatorHarness.run(configuration) { harness in
            let (flow, outcome) = await run(harness, user: "pushtimeout")
            guard case .failed(.signOn, .pushNotApproved(_, let polls, nil, true)) = outcome else {
                Issue.record("expected PingOne's push timeout, got \(outcome)")
                return
            }
            #expect(polls == 1)
            #expect(flow.record.last?.decoded.flowStatus == "PUSH_CONFIRMATION_TIMED_OUT")
            let failure = try #require(flow.record.last?.failure)
            #expect(failure.description.contains("PUSH_CONFIRMATION_TIMED_OUT"))
            #expect(failure.likelyCause?.contains("choose the device again") == true)
            // Retrying asks for a device: choosing it again sends a new push.
            var retried = flow
            #expect(retried.retry() == .awaitCredentials)
            #expect(retried.signOnInput == .device)
        }
    }

    @Test func authflowStopsPollingAtItsDeadlineAndCanCancelThePush() async throws {
        try await SimulatorHarness.run { harness in
            let (flow, outcome) = await run(harness, user: "pushtimeout") { $0.pushDeadline = .milliseconds(100) }
            guard case .failed(.signOn, .pushNotApproved(_, _, .some, _)) = outcome else {
                Issue.record("expected authflow's deadline, got \(outcome)")
                return
            }
            #expect(flow.record.last?.failure?.description.contains("authflow stopped polling") == true)
            // pushtimeout has one device; PingOne still offers the cancel.
            var cancelling = flow
            #expect(cancelling.canCancelPush)
            #expect(cancelling.cancelPush() == .awaitSend(.signOn))
            #expect(cancelling.draft == [FormParameter("reason", "CHANGE_DEVICE")])
            let response = await FlowRunner(transport: harness.transport).advance(&cancelling)
            #expect(response == .awaitCredentials)
            #expect(cancelling.record.last?.action == .cancelPush)
            #expect(
                cancelling.record.last?.request.header("Content-Type")
                    == AuthorizationCodeFlow.cancelPushAuthentication)
            #expect(cancelling.record.last?.decoded.flowStatus == "DEVICE_SELECTION_REQUIRED")
            #expect(cancelling.signOnInput == .device)
        }
    }
}
