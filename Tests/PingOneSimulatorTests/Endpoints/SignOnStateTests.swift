import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// The MFA and password-change states of the Flow API, walked with the demo users `mfa` and `temp`.
@Suite("Flow API sign-on states")
struct SignOnStateTests {
    static let emailDevice = "3d9dd925-6b1c-4e2a-9f8d-7c6b5a4e3d2c"
    static let totpDevice = "a8f2c4e6-0b1d-4c3e-8f5a-6b7c8d9e0f1a"

    func post(
        _ harness: SimulatorHarness, _ flowID: String, _ st: String, _ json: [String: Any], action: String
    ) async throws -> HTTPResult {
        let body = try JSONSerialization.data(withJSONObject: json)
        return try await harness.postJSON(
            "/flows/\(flowID)", String(decoding: body, as: UTF8.self),
            contentType: "application/vnd.pingidentity.\(action)+json", headers: [("Cookie", "ST=\(st)")])
    }

    @Test func mfaUserSelectsADeviceThenChecksTheOTP() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let checked = try await harness.checkPassword(
                flowID: flowID, sessionToken: st, username: "mfa", password: "2Federate!")
            #expect(checked.status == 200)
            #expect(checked.header("Set-Cookie") == nil)
            let selection = try checked.json()
            #expect(selection["status"] as? String == "DEVICE_SELECTION_REQUIRED")
            let links = try #require(selection["_links"] as? [String: [String: String]])
            #expect(links["device.select"]?["href"] == "\(harness.environmentURL)/flows/\(flowID)")
            #expect(links["usernamePassword.check"] == nil)
            let devices = try #require((selection["_embedded"] as? [String: Any])?["devices"] as? [[String: Any]])
            #expect(devices.map { $0["id"] as? String } == [Self.emailDevice, Self.totpDevice])
            #expect(devices.map { $0["type"] as? String } == ["EMAIL", "TOTP"])
            #expect(devices[0]["email"] as? String == "m**@example.com")
            #expect(devices[1]["email"] == nil && devices[1]["phone"] == nil)

            let selected = try await post(
                harness, flowID, st, ["device": ["id": Self.emailDevice]], action: "device.select")
            #expect(selected.status == 200)
            let otp = try selected.json()
            #expect(otp["status"] as? String == "OTP_REQUIRED")
            #expect((otp["selectedDevice"] as? [String: Any])?["id"] as? String == Self.emailDevice)
            #expect((otp["_links"] as? [String: Any])?["otp.check"] != nil)

            let wrong = try await post(harness, flowID, st, ["otp": "000000"], action: "otp.check")
            #expect(wrong.status == 400)
            #expect(try wrong.pingOneDetailCode() == "INVALID_OTP")
            let detail = try #require((try wrong.json()["details"] as? [[String: Any]])?.first)
            #expect((detail["innerError"] as? [String: Any])?["remainingAttempts"] as? Int == 2)

            let right = try await post(harness, flowID, st, ["otp": "428913"], action: "otp.check")
            #expect(right.status == 200)
            #expect(try right.json()["status"] as? String == "COMPLETED")
            let renewed = try #require(
                right.header("Set-Cookie").flatMap { SimulatorHarness.cookieValue($0, name: "ST") })
            let resumed = try await harness.resume(flowID: flowID, sessionToken: renewed)
            #expect(resumed.locationParameters()["code"] != nil)
        }
    }

    @Test func theTOTPDeviceTakesItsOwnCode() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            _ = try await harness.checkPassword(
                flowID: flowID, sessionToken: st, username: "mfa", password: "2Federate!")
            _ = try await post(harness, flowID, st, ["device": ["id": Self.totpDevice]], action: "device.select")
            let emailCode = try await post(harness, flowID, st, ["otp": "428913"], action: "otp.check")
            #expect(try emailCode.pingOneDetailCode() == "INVALID_OTP")
            let right = try await post(harness, flowID, st, ["otp": "771204"], action: "otp.check")
            #expect(try right.json()["status"] as? String == "COMPLETED")
        }
    }

    @Test func theLastWrongOTPEndsTheFlow() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            _ = try await harness.checkPassword(
                flowID: flowID, sessionToken: st, username: "mfa", password: "2Federate!")
            _ = try await post(harness, flowID, st, ["device": ["id": Self.emailDevice]], action: "device.select")
            var remaining: [Int?] = []
            for _ in 0..<3 {
                let wrong = try await post(harness, flowID, st, ["otp": "111111"], action: "otp.check")
                let detail = (try wrong.json()["details"] as? [[String: Any]])?.first
                remaining.append((detail?["innerError"] as? [String: Any])?["remainingAttempts"] as? Int)
            }
            #expect(remaining == [2, 1, 0])
            let gone = try await harness.get("/flows/\(flowID)", headers: [("Cookie", "ST=\(st)")])
            #expect(gone.status == 404)
        }
    }

    @Test func actionsOutOfTurnAndBadDevicesAreRefused() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let early = try await post(harness, flowID, st, ["otp": "428913"], action: "otp.check")
            #expect(early.status == 400)
            #expect((try early.json()["details"] as? [[String: Any]])?.first?["target"] as? String == "status")
            _ = try await harness.checkPassword(
                flowID: flowID, sessionToken: st, username: "mfa", password: "2Federate!")
            let unknown = try await post(harness, flowID, st, ["device": ["id": "nope"]], action: "device.select")
            #expect(unknown.status == 400)
            #expect(try unknown.pingOneDetailCode() == "INVALID_VALUE")
            let missing = try await post(harness, flowID, st, ["deviceId": Self.emailDevice], action: "device.select")
            #expect(try missing.pingOneDetailCode() == "REQUIRED_VALUE")
        }
    }

    @Test func temporaryPasswordMustBeChangedWithinThePolicy() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let checked = try await harness.checkPassword(
                flowID: flowID, sessionToken: st, username: "temp", password: "Temp-1234")
            let flow = try checked.json()
            #expect(flow["status"] as? String == "MUST_CHANGE_PASSWORD")
            #expect((flow["_links"] as? [String: Any])?["password.reset"] != nil)
            let policy = try #require((flow["_embedded"] as? [String: Any])?["passwordPolicy"] as? [String: Any])
            #expect((policy["length"] as? [String: Any])?["min"] as? Int == 8)
            #expect((policy["minCharacters"] as? [String: Any])?["0123456789"] as? Int == 1)

            let weak = try await post(
                harness, flowID, st, ["currentPassword": "Temp-1234", "newPassword": "short"], action: "password.reset")
            #expect(weak.status == 400)
            let detail = try #require((try weak.json()["details"] as? [[String: Any]])?.first)
            #expect(detail["target"] as? String == "newPassword")
            let errors = try #require((detail["innerError"] as? [String: Any])?["errors"] as? [[String: Any]])
            #expect(
                errors.map { $0["code"] as? String } == ["length", "minCharacters", "minCharacters", "minCharacters"])

            let wrongCurrent = try await post(
                harness, flowID, st, ["currentPassword": "guess", "newPassword": "Changed-5678"],
                action: "password.reset")
            #expect(try wrongCurrent.pingOneDetailCode() == "INVALID_CREDENTIALS")

            let changed = try await post(
                harness, flowID, st, ["currentPassword": "Temp-1234", "newPassword": "Changed-5678"],
                action: "password.reset")
            #expect(try changed.json()["status"] as? String == "COMPLETED")
            #expect(changed.header("Set-Cookie") != nil)

            // The new password is the user's password now; the temporary one no longer works.
            let (again, st2) = try await harness.startFlow()
            let old = try await harness.checkPassword(
                flowID: again, sessionToken: st2, username: "temp", password: "Temp-1234")
            #expect(try old.pingOneDetailCode() == "INVALID_CREDENTIALS")
            let new = try await harness.checkPassword(
                flowID: again, sessionToken: st2, username: "temp", password: "Changed-5678")
            #expect(try new.json()["status"] as? String == "COMPLETED")
        }
    }
}
