import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// The demo users `expired` (PASSWORD_EXPIRED) and `locked` (PASSWORD_LOCKED_OUT from the start).
@Suite("Flow API expired and locked passwords")
struct PasswordStateTests {
    @Test func theExpiredPasswordMustBeChangedWithPasswordReset() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let checked = try await harness.checkPassword(
                flowID: flowID, sessionToken: st, username: "expired", password: "Expired-1234")
            let flow = try checked.json()
            #expect(flow["status"] as? String == "PASSWORD_EXPIRED")
            #expect((flow["_links"] as? [String: Any])?["password.reset"] != nil)
            #expect((flow["_embedded"] as? [String: Any])?["passwordPolicy"] != nil)
            let body = #"{"currentPassword":"Expired-1234","newPassword":"Renewed-5678"}"#
            let changed = try await harness.postJSON(
                "/flows/\(flowID)", body, contentType: "application/vnd.pingidentity.password.reset+json",
                headers: [("Cookie", "ST=\(st)")])
            #expect(try changed.json()["status"] as? String == "COMPLETED")
            // The new password is the user's from now on, and no longer expired.
            let (again, st2) = try await harness.startFlow()
            let next = try await harness.checkPassword(
                flowID: again, sessionToken: st2, username: "expired", password: "Renewed-5678")
            #expect(try next.json()["status"] as? String == "COMPLETED")
        }
    }

    @Test func theLockedUserIsRefusedEvenWithTheRightPassword() async throws {
        let clock = ManualClock()
        try await SimulatorHarness.run(clock: clock) { harness in
            let (flowID, st) = try await harness.startFlow()
            let refused = try await harness.checkPassword(
                flowID: flowID, sessionToken: st, username: "locked", password: "2Federate!")
            #expect(refused.status == 400)
            #expect(try refused.pingOneDetailCode() == "PASSWORD_LOCKED_OUT")
            let detail = try #require((try refused.json()["details"] as? [[String: Any]])?.first)
            let seconds = try #require((detail["innerError"] as? [String: Any])?["secondsUntilUnlock"] as? Int)
            #expect((3500...3600).contains(seconds))
            // The lock ends an hour after the simulator started.
            clock.advance(by: 3600)
            let (later, st2) = try await harness.startFlow()
            let unlocked = try await harness.checkPassword(
                flowID: later, sessionToken: st2, username: "locked", password: "2Federate!")
            #expect(try unlocked.json()["status"] as? String == "COMPLETED")
        }
    }
}
