import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// `acr_values` choosing a sign-on policy (reference §1.1): `Multi_Factor` makes a password-only user
/// go through an OTP, `Single_Factor` spares an MFA user the second factor, and the ID token's
/// `acr` names the policy satisfied, its `amr` how.
@Suite struct AcrValuesTests {
    let stages = SignOnStateTests()

    func idTokenClaims(_ harness: SimulatorHarness, flowID: String, st: String) async throws -> [String: Any] {
        let resumed = try await harness.resume(flowID: flowID, sessionToken: st)
        let code = try #require(resumed.locationParameters()["code"], "no code: \(resumed.text)")
        let tokens = try await harness.exchange(code: code).json()
        return try DecodedJWT(try #require(tokens["id_token"] as? String)).claims
    }

    func start(_ harness: SimulatorHarness, acr: String) async throws -> (String, String) {
        try await harness.startFlow(SimulatorHarness.authorizeParameters(extra: [("acr_values", acr)]))
    }

    @Test func multiFactorMakesAPasswordOnlyUserTypeAnOTP() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await start(harness, acr: "Multi_Factor")
            let checked = try await harness.checkPassword(flowID: flowID, sessionToken: st)
            #expect(checked.status == 200)
            #expect(try checked.json()["status"] as? String == "DEVICE_SELECTION_REQUIRED")
            let selected = try await stages.post(
                harness, flowID, st, ["device": ["id": SignOnStateTests.emailDevice]], action: "device.select")
            #expect(try selected.json()["status"] as? String == "OTP_REQUIRED")
            let otp = try await stages.post(harness, flowID, st, ["otp": "428913"], action: "otp.check")
            #expect(try otp.json()["status"] as? String == "COMPLETED")
            let renewed = try #require(
                otp.header("Set-Cookie").flatMap { SimulatorHarness.cookieValue($0, name: "ST") })
            let claims = try await idTokenClaims(harness, flowID: flowID, st: renewed)
            #expect(claims["acr"] as? String == "Multi_Factor")
            #expect(claims["amr"] as? [String] == ["pwd", "otp", "mfa"])
        }
    }

    @Test func withoutAcrValuesThePasswordOnlyUserIsSingleFactor() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let renewed = try await harness.signOn(flowID: flowID, sessionToken: st)
            let claims = try await idTokenClaims(harness, flowID: flowID, st: renewed)
            #expect(claims["acr"] as? String == "Single_Factor")
            #expect(claims["amr"] as? [String] == ["pwd"])
        }
    }

    @Test func singleFactorSparesTheMFAUserTheSecondFactor() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await start(harness, acr: "Single_Factor Multi_Factor")
            let checked = try await harness.checkPassword(
                flowID: flowID, sessionToken: st, username: "mfa", password: "2Federate!")
            #expect(try checked.json()["status"] as? String == "COMPLETED")
            let renewed = try #require(
                checked.header("Set-Cookie").flatMap { SimulatorHarness.cookieValue($0, name: "ST") })
            let claims = try await idTokenClaims(harness, flowID: flowID, st: renewed)
            #expect(claims["acr"] as? String == "Single_Factor")
            #expect(claims["amr"] as? [String] == ["pwd"])
        }
    }

    @Test func theFirstKnownPolicyInOrderOfPreferenceIsApplied() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await start(harness, acr: "Gold_Policy Multi_Factor Single_Factor")
            let checked = try await harness.checkPassword(flowID: flowID, sessionToken: st)
            #expect(try checked.json()["status"] as? String == "DEVICE_SELECTION_REQUIRED")
        }
    }

    @Test func anUnknownPolicyIsRefusedAtAuthorize() async throws {
        try await SimulatorHarness.run { harness in
            let refused = try await harness.authorize(
                SimulatorHarness.authorizeParameters(extra: [("acr_values", "Gold_Policy")]))
            #expect(refused.status == 302)
            let parameters = refused.locationParameters()
            #expect(parameters["error"] == "invalid_request")
            #expect(parameters["error_description"]?.contains("Gold_Policy") == true)
        }
    }

    @Test func aSingleFactorSessionDoesNotSatisfyMultiFactor() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let renewed = try await harness.signOn(flowID: flowID, sessionToken: st)
            _ = try await harness.resume(flowID: flowID, sessionToken: renewed)
            // Without acr_values the session signs on again at once (SSO).
            let sso = try await harness.authorize(SimulatorHarness.authorizeParameters(), cookie: renewed)
            #expect(sso.locationParameters()["code"] != nil)
            // Multi_Factor asks again: the password, then the second factor.
            let stepUp = try await harness.authorize(
                SimulatorHarness.authorizeParameters(extra: [("acr_values", "Multi_Factor")]), cookie: renewed)
            let location = try #require(stepUp.header("Location"))
            #expect(location.contains("flowId="))
            #expect(stepUp.locationParameters()["code"] == nil)
        }
    }
}
