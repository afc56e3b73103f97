import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// The TUI while a push waits for approval: the clock polls the flow, `d` cancels the push.
@Suite("Push confirmation in the TUI")
struct PushStageTests {
    static let flowURL = SignOnStageTests.flowURL

    /// A flow object with its own `_links`.
    static func flow(_ status: String, _ rest: String) -> HTTPResponse {
        DemoFlow.json(#"{"id":"\#(DemoFlow.flowID)","status":"\#(status)",\#(rest)}"#)
    }

    static func waiting(_ status: String = "PUSH_CONFIRMATION_REQUIRED") -> HTTPResponse {
        flow(
            status,
            #""_links":{"self":{"href":"\#(flowURL)"},"cancel.push.authentication":{"href":"\#(flowURL)"}},"_embedded":{"devices":[{"id":"d-push","type":"MOBILE"},{"id":"d-email","type":"EMAIL","email":"p**@example.com"}]},"selectedDevice":{"id":"d-push"}"#
        )
    }

    /// Answers the request a command sends with `response`.
    func answer(_ command: AppCommand, with response: HTTPResponse, _ model: inout AppModel) -> HTTPRequest? {
        guard case .send(let request, let ticket, _) = command else { return nil }
        _ = model.update(.responseReceived(ticket: ticket, response, at: model.now, elapsed: .milliseconds(5)))
        return request
    }

    @Test func theClockPollsTheFlowUntilThePushIsApproved() throws {
        var model = SignOnStageTests().signedOnModel()
        let check = answer(DemoFlow.press(.character("n"), &model), with: Self.waiting(), &model)
        #expect(model.update(.ticked(model.now.addingTimeInterval(0.5))) == .none)
        #expect(check?.header("Content-Type") == AuthorizationCodeFlow.usernamePasswordCheck)
        #expect(model.flow.phase == .ready(.signOn))
        #expect(model.notice?.contains("Push sent to MOBILE: approve it on the phone") == true)
        #expect(model.notice?.contains("d cancels it") == true)
        #expect(DemoFlow.render(model).text.contains("d cancel push"))

        // The next tick after the poll interval reads the flow again, by itself.
        let first = model.update(.ticked(model.now.addingTimeInterval(1)))
        let poll = try #require(answer(first, with: Self.waiting(), &model))
        #expect(poll.method == "GET")
        #expect(poll.url == Self.flowURL)
        #expect(model.flow.record.last?.action == .pollPush)
        #expect(model.flow.signOn?.pushPolls == 1)
        // Too early for another poll: nothing is sent.
        #expect(model.update(.ticked(model.now.addingTimeInterval(0.5))) == .none)
        let second = model.update(.ticked(model.now.addingTimeInterval(1)))
        _ = try #require(answer(second, with: DemoFlow.flowCompleted(), &model))
        #expect(model.flow.phase == .ready(.resume))
        #expect(model.flow.record.filter { $0.action == .pollPush }.count == 2)
        // Done waiting: the clock sends nothing more.
        #expect(model.update(.ticked(model.now.addingTimeInterval(5))) == .none)
    }

    @Test func dCancelsThePushAndTheFlowAsksForADeviceAgain() throws {
        var model = SignOnStageTests().signedOnModel()
        DemoFlow.press(.character("d"), &model)
        #expect(model.notice == "No push is waiting for approval.")
        _ = answer(DemoFlow.press(.character("n"), &model), with: Self.waiting(), &model)
        DemoFlow.press(.character("d"), &model)
        #expect(model.notice?.contains("cancel.push.authentication built") == true)
        #expect(model.flow.draft == [FormParameter("reason", "CHANGE_DEVICE")])
        // A built cancel is not overtaken by a poll.
        #expect(model.update(.ticked(model.now.addingTimeInterval(3))) == .none)
        let cancel = DemoFlow.send(
            &model,
            answer: SignOnStageTests.flow("DEVICE_SELECTION_REQUIRED", SignOnStageTests.devices))
        #expect(cancel?.method == "POST")
        #expect(cancel?.header("Content-Type") == AuthorizationCodeFlow.cancelPushAuthentication)
        #expect(String(decoding: cancel?.body ?? [], as: UTF8.self) == #"{"reason":"CHANGE_DEVICE"}"#)
        #expect(model.flow.record.last?.action.title == "Cancel the push")
        #expect(model.flow.signOnInput == .device)
    }

    @Test func aTimedOutPushFailsWithTheWayOnAndNChoosesTheDeviceAgain() throws {
        var model = SignOnStageTests().signedOnModel()
        _ = answer(DemoFlow.press(.character("n"), &model), with: Self.waiting(), &model)
        let first = model.update(.ticked(model.now.addingTimeInterval(1)))
        let timedOut = Self.flow(
            "PUSH_CONFIRMATION_TIMED_OUT",
            #""_links":{"self":{"href":"\#(Self.flowURL)"},"device.select":{"href":"\#(Self.flowURL)"}},"_embedded":{"devices":[{"id":"d-push","type":"MOBILE"}]},"selectedDevice":{"id":"d-push"}"#
        )
        _ = try #require(answer(first, with: timedOut, &model))
        guard case .failed(.signOn, .pushNotApproved(_, 1, nil, true)) = model.flow.phase else {
            Issue.record("expected the push to have timed out, got \(model.flow.phase)")
            return
        }
        let screen = DemoFlow.render(model).text
        #expect(screen.contains("PUSH_CONFIRMATION_TIMED_OUT"))
        DemoFlow.press(.character("n"), &model)
        #expect(model.flow.signOnInput == .device)
    }
}
