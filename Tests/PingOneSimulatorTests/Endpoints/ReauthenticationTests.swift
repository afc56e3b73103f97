import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// A signed-on session whose sign-on does not count (`prompt=login`, `max_age` passed) asks for the
/// password only (PASSWORD_REQUIRED); the tokens' `auth_time` and `amr` say how and when the user signed on.
@Suite struct ReauthenticationTests {
    /// Signs the demo user on, resumes, and returns the renewed `ST`.
    func signedOn(_ harness: SimulatorHarness) async throws -> String {
        let (flowID, started) = try await harness.startFlow()
        let st = try await harness.signOn(flowID: flowID, sessionToken: started)
        _ = try await harness.resume(flowID: flowID, sessionToken: st)
        return st
    }

    /// The flow a second authorize opens: follows the sign-on page redirect's `flowId` and reads the flow.
    func openFlow(_ harness: SimulatorHarness, st: String, extra: [(String, String)]) async throws -> (
        id: String, flow: [String: Any]
    ) {
        let authorize = try await harness.authorize(SimulatorHarness.authorizeParameters(extra: extra), cookie: st)
        #expect(authorize.status == 302)
        let location = try #require(authorize.header("Location"))
        let flowID = try #require(
            URLComponents(string: location)?.queryItems?.first(where: { $0.name == "flowId" })?.value,
            "no flow: \(location)")
        let read = try await harness.get("/flows/\(flowID)", headers: [("Cookie", "ST=\(st)")])
        return (flowID, try read.json())
    }

    func idTokenClaims(_ harness: SimulatorHarness, resumed: HTTPResult) async throws -> [String: Any] {
        let code = try #require(resumed.locationParameters()["code"])
        let tokens = try await harness.exchange(code: code).json()
        return try DecodedJWT(try #require(tokens["id_token"] as? String)).claims
    }

    @Test func promptLoginWithASignedOnSessionAsksForThePasswordOnly() async throws {
        let clock = ManualClock()
        try await SimulatorHarness.run(clock: clock) { harness in
            let st = try await signedOn(harness)
            clock.advance(by: 120)
            let (flowID, flow) = try await openFlow(harness, st: st, extra: [("prompt", "login")])
            #expect(flow["status"] as? String == "PASSWORD_REQUIRED")
            let links = try #require(flow["_links"] as? [String: Any])
            #expect(links["usernamePassword.check"] != nil)
            let user = (flow["_embedded"] as? [String: Any])?["user"] as? [String: Any]
            #expect(user?["username"] as? String == Demo.username)

            let renewed = try await harness.signOn(flowID: flowID, sessionToken: st)
            let claims = try await idTokenClaims(
                harness, resumed: try await harness.resume(flowID: flowID, sessionToken: renewed))
            #expect(claims["amr"] as? [String] == ["pwd"])
            let authTime = try #require(claims["auth_time"] as? Int)
            let iat = try #require(claims["iat"] as? Int)
            // The new sign-on's time, not the first one's 120 s before.
            #expect(iat - authTime < 60)
        }
    }

    @Test func maxAgePassedAsksForThePasswordAndSSOWithinItDoesNot() async throws {
        let clock = ManualClock()
        try await SimulatorHarness.run(clock: clock) { harness in
            let st = try await signedOn(harness)
            clock.advance(by: 30)
            let within = try await harness.authorize(
                SimulatorHarness.authorizeParameters(extra: [("max_age", "60")]), cookie: st)
            #expect(within.locationParameters()["code"] != nil)
            clock.advance(by: 60)
            let (_, flow) = try await openFlow(harness, st: st, extra: [("max_age", "60")])
            #expect(flow["status"] as? String == "PASSWORD_REQUIRED")
        }
    }

    @Test func anotherUsersPasswordIsRefusedAtPasswordRequired() async throws {
        try await SimulatorHarness.run { harness in
            let st = try await signedOn(harness)
            let (flowID, _) = try await openFlow(harness, st: st, extra: [("prompt", "login")])
            let other = try await harness.checkPassword(
                flowID: flowID, sessionToken: st, username: "mfa", password: "2Federate!")
            #expect(other.status == 400)
            #expect(try other.pingOneDetailCode() == "INVALID_VALUE")
            let wrong = try await harness.checkPassword(flowID: flowID, sessionToken: st, password: "nope")
            #expect(try wrong.pingOneDetailCode() == "INVALID_CREDENTIALS")
        }
    }

    @Test func promptLoginWithoutASessionAsksForUsernameAndPassword() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow(
                SimulatorHarness.authorizeParameters(extra: [("prompt", "login")]))
            let read = try await harness.get("/flows/\(flowID)", headers: [("Cookie", "ST=\(st)")])
            #expect(try read.json()["status"] as? String == "USERNAME_PASSWORD_REQUIRED")
        }
    }

    @Test func amrNamesTheOTPAfterAOneTimePassword() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            _ = try await harness.checkPassword(
                flowID: flowID, sessionToken: st, username: "mfa", password: "2Federate!")
            func post(_ json: String, _ action: String) async throws -> HTTPResult {
                try await harness.postJSON(
                    "/flows/\(flowID)", json, contentType: "application/vnd.pingidentity.\(action)+json",
                    headers: [("Cookie", "ST=\(st)")])
            }
            _ = try await post(#"{"device":{"id":"\#(SignOnStateTests.emailDevice)"}}"#, "device.select")
            let right = try await post(#"{"otp":"428913"}"#, "otp.check")
            let renewed = try #require(
                right.header("Set-Cookie").flatMap { SimulatorHarness.cookieValue($0, name: "ST") })
            let claims = try await idTokenClaims(
                harness, resumed: try await harness.resume(flowID: flowID, sessionToken: renewed))
            #expect(claims["amr"] as? [String] == ["pwd", "otp", "mfa"])
        }
    }
}
