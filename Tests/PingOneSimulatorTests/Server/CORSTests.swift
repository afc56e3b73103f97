import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// A single-page app calls the token, JWKS, UserInfo and discovery endpoints with `fetch` from its
/// own origin: those answer an allowed origin (one of a registered redirect URI) with CORS headers,
/// and no other origin, and never on authorize.
@Suite("CORS")
struct CORSTests {
    static let spaOrigin = "http://127.0.0.1:9472"

    /// The token answer, its error too (a reused code), is readable by the app's page.
    @Test func theTokenEndpointAllowsTheOriginOfARegisteredRedirectURI() async throws {
        try await SimulatorHarness.run { harness in
            let code = try await harness.obtainCode()
            let pairs = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Demo.redirectURI)]
            let headers = [SimulatorHarness.basic(Demo.webAppID, Demo.webAppSecret), ("Origin", Self.spaOrigin)]
            let allowed = try await harness.postForm("/as/token", pairs, headers: headers)
            #expect(allowed.status == 200)
            #expect(allowed.headers(named: "Access-Control-Allow-Origin") == [Self.spaOrigin])
            #expect(allowed.header("Vary") == "Origin")
            #expect(allowed.header("Access-Control-Expose-Headers") == "Correlation-Id")
            let reused = try await harness.postForm("/as/token", pairs, headers: headers)
            #expect(reused.status == 400)
            #expect(reused.header("Access-Control-Allow-Origin") == Self.spaOrigin)
        }
    }

    @Test(arguments: ["http://evil.example", "https://127.0.0.1:9472", "null", "http://127.0.0.1:9472/path"])
    func anotherOriginGetsNoCORSHeaders(origin: String) async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.get("/as/jwks", headers: [("Origin", origin)])
            #expect(response.status == 200)
            #expect(response.header("Access-Control-Allow-Origin") == nil)
            let preflight = try await harness.send(
                .OPTIONS, "/as/userinfo",
                headers: [("Origin", origin), ("Access-Control-Request-Method", "GET")])
            #expect(preflight.status == 405)
            #expect(preflight.header("Access-Control-Allow-Origin") == nil)
        }
    }

    /// `https://app.example.com/callback` is registered: its origin is allowed, on its port only.
    @Test func aNonLoopbackOriginMatchesOnItsPort() async throws {
        try await SimulatorHarness.run { harness in
            let allowed = try await harness.get("/as/jwks", headers: [("Origin", "https://app.example.com")])
            #expect(allowed.header("Access-Control-Allow-Origin") == "https://app.example.com")
            let otherPort = try await harness.get("/as/jwks", headers: [("Origin", "https://app.example.com:8443")])
            #expect(otherPort.header("Access-Control-Allow-Origin") == nil)
        }
    }

    /// UserInfo with a Bearer token needs a preflight: it is answered 204 with what the app may send.
    @Test func aPreflightFromAnAllowedOriginIsAnswered() async throws {
        try await SimulatorHarness.run { harness in
            let preflight = try await harness.send(
                .OPTIONS, "/as/userinfo",
                headers: [
                    ("Origin", Self.spaOrigin), ("Access-Control-Request-Method", "GET"),
                    ("Access-Control-Request-Headers", "authorization"),
                ])
            #expect(preflight.status == 204)
            #expect(preflight.headers(named: "Access-Control-Allow-Origin") == [Self.spaOrigin])
            #expect(preflight.header("Access-Control-Allow-Methods") == "GET, POST")
            #expect(preflight.header("Access-Control-Allow-Headers") == "Authorization, Content-Type")
        }
    }

    /// Authorize is a navigation, the Flow API a same-origin call from the sign-on page: neither has CORS.
    @Test func authorizeAndTheFlowAPIHaveNoCORSHeaders() async throws {
        try await SimulatorHarness.run { harness in
            let authorize = try await harness.authorize(SimulatorHarness.authorizeParameters())
            #expect(authorize.status == 302)
            let (flowID, cookie) = try await harness.startFlow()
            let flow = try await harness.get(
                "/flows/\(flowID)", headers: [("Cookie", "ST=\(cookie)"), ("Origin", Self.spaOrigin)])
            #expect(flow.status == 200)
            #expect(flow.header("Access-Control-Allow-Origin") == nil)
            let preflight = try await harness.send(
                .OPTIONS, "/as/authorize",
                headers: [("Origin", Self.spaOrigin), ("Access-Control-Request-Method", "GET")])
            #expect(preflight.status == 405)
        }
    }

    /// The hosted sign-on page signs on through the Flow API with a script, as PingOne's page does.
    @Test func theSignOnPageCallsTheFlowAPI() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, cookie) = try await harness.startFlow()
            let page = try await harness.get("/signon/?flowId=\(flowID)", headers: [("Cookie", "ST=\(cookie)")])
            #expect(page.status == 200)
            #expect(page.text.contains("data-flow=\"\(harness.environmentURL)/flows/\(flowID)\""))
            #expect(page.text.contains("\"usernamePassword.check\""))
            #expect(page.text.contains("\"application/vnd.pingidentity.\" + action + \"+json\""))
            #expect(page.text.contains("<script>"))
        }
    }
}
