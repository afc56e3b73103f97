import Foundation
import PingOneSimulator
import TestSupport
import Testing

@Suite("Sign-off")
struct SignOffTests {
    /// Runs the flow by hand so the test keeps the `ST` cookie.
    private func signedOnSession(_ harness: SimulatorHarness) async throws -> (st: String, tokens: [String: Any]) {
        let (flowID, started) = try await harness.startFlow()
        let st = try await harness.signOn(flowID: flowID, sessionToken: started)
        let code = try #require(try await harness.resume(flowID: flowID, sessionToken: st).locationParameters()["code"])
        return (st, try await harness.exchange(code: code).json())
    }

    @Test func signOffRedirectsEndsTheSessionAndClearsTheCookie() async throws {
        try await SimulatorHarness.run { harness in
            let (st, tokens) = try await signedOnSession(harness)
            let idToken = try #require(tokens["id_token"] as? String)
            let query = SimulatorHarness.formEncode([
                ("id_token_hint", idToken), ("post_logout_redirect_uri", "https://app.example.com/callback"),
                ("state", "bye"),
            ])
            let response = try await harness.get("/as/signoff?\(query)", headers: [("Cookie", "ST=\(st)")])
            #expect(response.status == 302)
            #expect(response.header("Location") == "https://app.example.com/callback?state=bye")
            let cookie = try #require(response.header("Set-Cookie"))
            #expect(cookie.hasPrefix("ST=;"))
            #expect(cookie.contains("Max-Age=0"))
            // The session is over: refresh fails and prompt=none needs a login.
            let refresh = try await harness.postForm(
                "/as/token",
                [("grant_type", "refresh_token"), ("refresh_token", try #require(tokens["refresh_token"] as? String))],
                headers: [SimulatorHarness.basic(Demo.webAppID, Demo.webAppSecret)])
            #expect(try refresh.json()["error"] as? String == "invalid_grant")
            let silent = try await harness.authorize(
                SimulatorHarness.authorizeParameters(extra: [("prompt", "none")]), cookie: st)
            #expect(silent.locationParameters()["error"] == "login_required")
        }
    }

    @Test func signOffWithoutRedirectIsAPage() async throws {
        try await SimulatorHarness.run { harness in
            let (st, _) = try await signedOnSession(harness)
            let response = try await harness.postForm("/as/signoff", [], headers: [("Cookie", "ST=\(st)")])
            #expect(response.status == 200)
            #expect(response.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(response.header("Set-Cookie")?.contains("Max-Age=0") == true)
        }
    }

    @Test func signOffNeedsTheSessionCookieAndARegisteredRedirect() async throws {
        try await SimulatorHarness.run { harness in
            let (st, tokens) = try await signedOnSession(harness)
            #expect(try await harness.get("/as/signoff").status == 400)
            let idToken = try #require(tokens["id_token"] as? String)
            let evil = SimulatorHarness.formEncode([
                ("id_token_hint", idToken), ("post_logout_redirect_uri", "https://evil.example.com/"),
            ])
            #expect(try await harness.get("/as/signoff?\(evil)", headers: [("Cookie", "ST=\(st)")]).status == 400)
            let forged = SimulatorHarness.formEncode([("id_token_hint", "eyJhbGciOiJub25lIn0.e30.")])
            #expect(try await harness.get("/as/signoff?\(forged)", headers: [("Cookie", "ST=\(st)")]).status == 400)
        }
    }
}
