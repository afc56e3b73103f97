import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// Shapes that follow PingOne's published behaviour rather than a guess (docs/simulator.md lists the sources).
@Suite("PingOne shapes")
struct PingOneShapeTests {
    private func demo(region: String = "NA", faults: Set<SimulatorFault> = []) -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration.demo
        configuration.region = region
        configuration.faults = faults
        return configuration
    }

    /// Ping's getting-started docs: a successful usernamePassword.check answers
    /// `set-cookie: ST=<uuid>; Path=/<envID>; Max-Age=2592000; Expires=…; Secure; HttpOnly; SameSite=None`.
    @Test func aSuccessfulCheckIssuesANewSessionCookie() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, started) = try await harness.startFlow()
            let response = try await harness.checkPassword(flowID: flowID, sessionToken: started)
            #expect(response.status == 200)
            let cookie = try #require(response.header("Set-Cookie"))
            let renewed = try #require(SimulatorHarness.cookieValue(cookie, name: "ST"))
            #expect(renewed != started)
            #expect(UUID(uuidString: renewed) != nil)
            let attributes = cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(attributes.first == "Path=/\(Demo.environmentID)")
            #expect(attributes.contains("Max-Age=2592000"))
            #expect(attributes.contains { $0.hasPrefix("Expires=") && $0.hasSuffix(" GMT") })
            #expect(Array(attributes.suffix(3)) == ["Secure", "HttpOnly", "SameSite=None"])

            // The session continues under the new value only.
            #expect(try await harness.resume(flowID: flowID, sessionToken: started).status == 400)
            let resumed = try await harness.resume(flowID: flowID, sessionToken: renewed)
            #expect(resumed.status == 302)
            #expect(resumed.locationParameters()["code"] != nil)
        }
    }

    @Test func theHostedSignOnPageAlsoIssuesANewSessionCookie() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, started) = try await harness.startFlow()
            let right = try await harness.postForm(
                "/signon/?flowId=\(flowID)", [("username", "demo"), ("password", Demo.password)],
                headers: [("Cookie", "ST=\(started)")])
            #expect(right.status == 302)
            let renewed = try #require(SimulatorHarness.cookieValue(right.header("Set-Cookie") ?? "", name: "ST"))
            #expect(renewed != started)
            #expect(try await harness.resume(flowID: flowID, sessionToken: renewed).status == 302)
        }
    }

    /// A session signed on in one flow signs on the next without credentials (SSO), under the renewed cookie.
    @Test func theRenewedSessionCookieCarriesSingleSignOn() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, started) = try await harness.startFlow()
            let renewed = try await harness.signOn(flowID: flowID, sessionToken: started)
            let prompted = try await harness.authorize(
                SimulatorHarness.authorizeParameters(extra: [("prompt", "none")]), cookie: renewed)
            #expect(prompted.status == 302)
            #expect(prompted.locationParameters()["code"] != nil)
        }
    }

    /// Ping's captured CA access token has `aud: ["https://api.pingone.ca"]`.
    @Test(arguments: [("NA", "com"), ("EU", "eu"), ("CA", "ca"), ("AP", "asia"), ("AU", "com.au"), ("SG", "sg")])
    func accessTokenAudienceFollowsTheRegion(region: String, topLevelDomain: String) async throws {
        try await SimulatorHarness.run(demo(region: region)) { harness in
            let body = try await harness.tokens()
            let access = try DecodedJWT(try #require(body["access_token"] as? String))
            #expect(access.claims["aud"] as? [String] == ["https://api.pingone.\(topLevelDomain)"])
        }
    }

    @Test func discoveryDoesNotAdvertiseACheckSessionIframe() async throws {
        try await SimulatorHarness.run { harness in
            let document = try await harness.get("/as/.well-known/openid-configuration").json()
            #expect(document["check_session_iframe"] == nil)
            #expect(document["end_session_endpoint"] as? String == "\(harness.issuer)/signoff")
        }
    }

    /// A PingOne error's `id` is the `Correlation-Id` that support asks for.
    @Test func anErrorsIDIsItsCorrelationID() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, started) = try await harness.startFlow()
            let wrong = try await harness.checkPassword(flowID: flowID, sessionToken: started, password: "wrong")
            #expect(wrong.status == 400)
            let id = try #require(try wrong.json()["id"] as? String)
            #expect(wrong.header("Correlation-Id") == id)
            let notFound = try await harness.get("/flows/\(UUID().uuidString.lowercased())")
            #expect(notFound.header("Correlation-Id") == (try notFound.json()["id"] as? String))
            // A success still carries a Correlation-Id of its own.
            let discovery = try await harness.get("/as/.well-known/openid-configuration")
            #expect(UUID(uuidString: discovery.header("Correlation-Id") ?? "") != nil)
        }
    }

    @Test func requestLimitedIs429WithRetryAfter() async throws {
        try await SimulatorHarness.run(demo(faults: [.requestLimited])) { harness in
            let (flowID, started) = try await harness.startFlow()
            let response = try await harness.checkPassword(flowID: flowID, sessionToken: started)
            #expect(response.status == 429)
            #expect(response.header("Retry-After") == "10")
            let body = try response.json()
            #expect(body["code"] as? String == "REQUEST_LIMITED")
            #expect(try response.pingOneDetailCode() == "LIMIT_EXCEEDED")
            #expect(response.header("Correlation-Id") == body["id"] as? String)
        }
    }

    @Test func unexpectedErrorIs500() async throws {
        try await SimulatorHarness.run(demo(faults: [.unexpectedError])) { harness in
            let (flowID, started) = try await harness.startFlow()
            let response = try await harness.get("/flows/\(flowID)", headers: [("Cookie", "ST=\(started)")])
            #expect(response.status == 500)
            #expect(try response.json()["code"] as? String == "UNEXPECTED_ERROR")
        }
    }
}
