import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// PUSH_CONFIRMATION_REQUIRED with the demo users `push` (approved on the third poll) and
/// `pushtimeout` (never approved; times out after 3 s of the simulator's clock).
@Suite("Flow API push confirmation")
struct PushStateTests {
    static let pushDevice = "6e8a0c2e-4b6d-4f8a-9c1e-3a5b7d9f1c3e"
    static let emailDevice = "0f2b4d6f-8a1c-4e3a-b5c7-9d1f3b5d7f9a"

    func poll(_ harness: SimulatorHarness, _ flowID: String, _ st: String) async throws -> HTTPResult {
        try await harness.get("/flows/\(flowID)", headers: [("Cookie", "ST=\(st)")])
    }

    func post(
        _ harness: SimulatorHarness, _ flowID: String, _ st: String, _ json: [String: Any], action: String
    ) async throws -> HTTPResult {
        let body = try JSONSerialization.data(withJSONObject: json)
        return try await harness.postJSON(
            "/flows/\(flowID)", String(decoding: body, as: UTF8.self),
            contentType: "application/vnd.pingidentity.\(action)+json", headers: [("Cookie", "ST=\(st)")])
    }

    @Test func theDefaultMobileDeviceGetsAPushApprovedOnTheThirdPoll() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let checked = try await harness.checkPassword(
                flowID: flowID, sessionToken: st, username: "push", password: "2Federate!")
            let waiting = try checked.json()
            #expect(waiting["status"] as? String == "PUSH_CONFIRMATION_REQUIRED")
            #expect((waiting["selectedDevice"] as? [String: Any])?["id"] as? String == Self.pushDevice)
            let links = try #require(waiting["_links"] as? [String: Any])
            #expect(links["cancel.push.authentication"] != nil)
            #expect(links["device.select"] != nil)
            #expect(checked.header("Set-Cookie") == nil)

            for _ in 1...2 {
                let read = try await poll(harness, flowID, st)
                #expect(try read.json()["status"] as? String == "PUSH_CONFIRMATION_REQUIRED")
                #expect(read.header("Set-Cookie") == nil)
            }
            let approved = try await poll(harness, flowID, st)
            #expect(try approved.json()["status"] as? String == "COMPLETED")
            let renewed = try #require(
                approved.header("Set-Cookie").flatMap { SimulatorHarness.cookieValue($0, name: "ST") })
            #expect(renewed != st)
            let resumed = try await harness.resume(flowID: flowID, sessionToken: renewed)
            #expect(resumed.locationParameters()["code"] != nil)
        }
    }

    @Test func anUnapprovedPushTimesOutAndADeviceCanBeChosenAgain() async throws {
        let clock = ManualClock()
        try await SimulatorHarness.run(clock: clock) { harness in
            let (flowID, st) = try await harness.startFlow()
            let checked = try await harness.checkPassword(
                flowID: flowID, sessionToken: st, username: "pushtimeout", password: "2Federate!")
            #expect(try checked.json()["status"] as? String == "PUSH_CONFIRMATION_REQUIRED")
            let early = try await poll(harness, flowID, st)
            #expect(try early.json()["status"] as? String == "PUSH_CONFIRMATION_REQUIRED")
            clock.advance(by: 3)
            let late = try await poll(harness, flowID, st)
            let timedOut = try late.json()
            #expect(timedOut["status"] as? String == "PUSH_CONFIRMATION_TIMED_OUT")
            #expect((timedOut["_links"] as? [String: Any])?["device.select"] != nil)
            // Choosing the device again sends a new push, which waits again.
            let device = try #require(
                ((timedOut["_embedded"] as? [String: Any])?["devices"] as? [[String: Any]])?.first?["id"] as? String)
            let again = try await post(harness, flowID, st, ["device": ["id": device]], action: "device.select")
            #expect(try again.json()["status"] as? String == "PUSH_CONFIRMATION_REQUIRED")
        }
    }

    @Test func cancellingThePushGoesBackToDeviceSelection() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            _ = try await harness.checkPassword(
                flowID: flowID, sessionToken: st, username: "push", password: "2Federate!")
            let noReason = try await post(harness, flowID, st, [:], action: "cancel.push.authentication")
            #expect(noReason.status == 400)
            #expect(try noReason.pingOneDetailCode() == "REQUIRED_VALUE")
            let cancelled = try await post(
                harness, flowID, st, ["reason": "CHANGE_DEVICE"], action: "cancel.push.authentication")
            #expect(cancelled.status == 200)
            #expect(try cancelled.json()["status"] as? String == "DEVICE_SELECTION_REQUIRED")
            // A cancel is refused once no push waits.
            let twice = try await post(
                harness, flowID, st, ["reason": "CHANGE_DEVICE"], action: "cancel.push.authentication")
            #expect(twice.status == 400)
            let selected = try await post(
                harness, flowID, st, ["device": ["id": Self.emailDevice]], action: "device.select")
            #expect(try selected.json()["status"] as? String == "OTP_REQUIRED")
            let right = try await post(harness, flowID, st, ["otp": "615047"], action: "otp.check")
            #expect(try right.json()["status"] as? String == "COMPLETED")
        }
    }
}
