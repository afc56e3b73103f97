import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// `password.forgot` → RECOVERY_CODE_REQUIRED → `password.recover`, with the simulator's fixed code.
@Suite struct PasswordRecoveryTests {
    static let recoveryCode = "362918"

    func post(_ harness: SimulatorHarness, _ flowID: String, _ st: String, _ json: String, action: String)
        async throws -> HTTPResult
    {
        try await harness.postJSON(
            "/flows/\(flowID)", json, contentType: "application/vnd.pingidentity.\(action)+json",
            headers: [("Cookie", "ST=\(st)")])
    }

    @Test func forgotThenRecoverSetsTheNewPasswordAndSignsOn() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let forgot = try await post(harness, flowID, st, #"{"username":"demo"}"#, action: "password.forgot")
            #expect(forgot.status == 200)
            let flow = try forgot.json()
            #expect(flow["status"] as? String == "RECOVERY_CODE_REQUIRED")
            #expect((flow["_links"] as? [String: Any])?["password.recover"] != nil)
            #expect((flow["_embedded"] as? [String: Any])?["passwordPolicy"] != nil)

            let wrong = try await post(
                harness, flowID, st, #"{"recoveryCode":"000000","newPassword":"Recovered-42"}"#,
                action: "password.recover")
            #expect(wrong.status == 400)
            #expect(try wrong.pingOneDetailCode() == "INVALID_VALUE")
            let weak = try await post(
                harness, flowID, st, #"{"recoveryCode":"\#(Self.recoveryCode)","newPassword":"short"}"#,
                action: "password.recover")
            #expect(weak.status == 400)

            let right = try await post(
                harness, flowID, st, #"{"recoveryCode":"\#(Self.recoveryCode)","newPassword":"Recovered-42"}"#,
                action: "password.recover")
            #expect(right.status == 200)
            #expect(try right.json()["status"] as? String == "COMPLETED")
            let renewed = try #require(
                right.header("Set-Cookie").flatMap { SimulatorHarness.cookieValue($0, name: "ST") })
            #expect(try await harness.resume(flowID: flowID, sessionToken: renewed).locationParameters()["code"] != nil)

            // The new password is the user's now; the old one is refused.
            let (next, nextST) = try await harness.startFlow()
            let old = try await harness.checkPassword(flowID: next, sessionToken: nextST)
            #expect(try old.pingOneDetailCode() == "INVALID_CREDENTIALS")
            let new = try await harness.checkPassword(flowID: next, sessionToken: nextST, password: "Recovered-42")
            #expect(new.status == 200)
        }
    }

    @Test func anUnknownUserMovesOnButNoCodeWorks() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let forgot = try await post(harness, flowID, st, #"{"username":"nobody"}"#, action: "password.forgot")
            #expect(try forgot.json()["status"] as? String == "RECOVERY_CODE_REQUIRED")
            let recover = try await post(
                harness, flowID, st, #"{"recoveryCode":"\#(Self.recoveryCode)","newPassword":"Recovered-42"}"#,
                action: "password.recover")
            #expect(recover.status == 400)
        }
    }

    @Test func recoverIsRefusedBeforeForgot() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let recover = try await post(
                harness, flowID, st, #"{"recoveryCode":"\#(Self.recoveryCode)","newPassword":"Recovered-42"}"#,
                action: "password.recover")
            #expect(recover.status == 400)
            #expect(try recover.pingOneDetailCode() == nil || recover.text.contains("does not accept password.recover"))
        }
    }
}
