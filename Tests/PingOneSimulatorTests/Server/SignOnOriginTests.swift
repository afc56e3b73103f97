import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// The hosted sign-on page on its own loopback origin (as apps.pingone.<tld> is to auth.pingone.<tld>),
/// the Flow API's CORS answers to it, and the FIDO ASSERTION_REQUIRED state it plays.
@Suite("Sign-on page origin and FIDO assertion")
struct SignOnOriginTests {
    static let assertionCheck = "application/vnd.pingidentity.assertion.check+json"

    func signOnBase(_ harness: SimulatorHarness) -> String { harness.simulator.signOnBaseURL.absoluteString }

    @Test func authorizeSendsTheBrowserToTheSecondOrigin() async throws {
        try await SimulatorHarness.run { harness in
            let base = signOnBase(harness)
            #expect(base != harness.simulator.baseURL.absoluteString)
            #expect(harness.simulator.signOnBaseURL.port != harness.simulator.port)
            let environment = harness.simulator.configuration.environmentID
            let response = try await harness.authorize(SimulatorHarness.authorizeParameters())
            let location = try #require(response.header("Location"))
            #expect(location.hasPrefix("\(base)/\(environment)/signon/?flowId="))
            let st = try #require(
                response.header("Set-Cookie").flatMap { SimulatorHarness.cookieValue($0, name: "ST") })
            // The page is served there; the auth server's endpoints are not.
            let page = try await harness.get(location, headers: [("Cookie", "ST=\(st)")])
            #expect(page.status == 200)
            #expect(page.text.contains("data-flow=\"\(harness.environmentURL)/flows/"))
            #expect(page.text.contains("credentials: \"include\""))
            let token = try await harness.send(.POST, "\(base)/\(environment)/as/token")
            #expect(token.status == 404)
        }
    }

    @Test func flowAPIAnswersThePageOriginWithCredentials() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let base = signOnBase(harness)
            let port = try #require(harness.simulator.signOnBaseURL.port)
            for origin in [base, "http://localhost:\(port)"] {
                let preflight = try await harness.send(
                    .OPTIONS, "/flows/\(flowID)",
                    headers: [
                        ("Origin", origin), ("Access-Control-Request-Method", "POST"),
                        ("Access-Control-Request-Headers", "content-type"),
                    ])
                #expect(preflight.status == 204)
                #expect(preflight.header("Access-Control-Allow-Origin") == origin)
                #expect(preflight.header("Access-Control-Allow-Credentials") == "true")
                #expect(preflight.header("Access-Control-Allow-Headers")?.contains("Content-Type") == true)
                let read = try await harness.get(
                    "/flows/\(flowID)", headers: [("Origin", origin), ("Cookie", "ST=\(st)")])
                #expect(read.status == 200)
                #expect(read.header("Access-Control-Allow-Origin") == origin)
                #expect(read.header("Access-Control-Allow-Credentials") == "true")
            }
            // Another origin gets no CORS answer: its page could not read the flow.
            let other = try await harness.get(
                "/flows/\(flowID)", headers: [("Origin", "http://127.0.0.1:1"), ("Cookie", "ST=\(st)")])
            #expect(other.header("Access-Control-Allow-Origin") == nil)
            let otherPreflight = try await harness.send(
                .OPTIONS, "/flows/\(flowID)",
                headers: [("Origin", "https://evil.example"), ("Access-Control-Request-Method", "POST")])
            #expect(otherPreflight.header("Access-Control-Allow-Origin") == nil)
        }
    }

    @Test func sameSiteLaxFaultSetsSTLax() async throws {
        var lax = SimulatorConfiguration.demo
        lax.faults = [.sameSiteLax]
        try await SimulatorHarness.run(lax) { harness in
            let response = try await harness.authorize(SimulatorHarness.authorizeParameters())
            #expect(response.header("Set-Cookie")?.hasSuffix("SameSite=Lax") == true)
        }
        try await SimulatorHarness.run { harness in
            let response = try await harness.authorize(SimulatorHarness.authorizeParameters())
            #expect(response.header("Set-Cookie")?.hasSuffix("Secure; HttpOnly; SameSite=None") == true)
        }
    }

    @Test func fidoUserIsAskedForAnAssertionAndTheBrowserCompletesIt() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let checked = try await harness.checkPassword(
                flowID: flowID, sessionToken: st, username: "fido", password: "2Federate!")
            #expect(checked.status == 200)
            let flow = try checked.json()
            #expect(flow["status"] as? String == "ASSERTION_REQUIRED")
            let links = try #require(flow["_links"] as? [String: [String: String]])
            #expect(links["assertion.check"]?["href"] == "\(harness.environmentURL)/flows/\(flowID)")
            let page = try #require(links["signOnPage"]?["href"])
            #expect(page.hasPrefix(signOnBase(harness)))
            let devices = try #require((flow["_embedded"] as? [String: Any])?["devices"] as? [[String: Any]])
            #expect(devices.map { $0["type"] as? String } == ["SECURITY_KEY"])

            // Another browser (no ST) continues the flow by its id: it reads it and gets the page.
            let read = try await harness.get("/flows/\(flowID)")
            #expect(read.status == 200)
            let handed = try read.json()
            let pageHTML = try await harness.get(page)
            #expect(pageHTML.status == 200)
            let origin = signOnBase(harness)

            let wrongChallenge = try await harness.postJSON(
                "/flows/\(flowID)",
                try SimulatedSecurityKey.assertionBody(flow: handed, origin: origin, challenge: "not-the-challenge"),
                contentType: Self.assertionCheck)
            #expect(wrongChallenge.status == 400)
            #expect(try wrongChallenge.pingOneDetailCode() == "INVALID_VALUE")
            let wrongOrigin = try await harness.postJSON(
                "/flows/\(flowID)",
                try SimulatedSecurityKey.assertionBody(flow: handed, origin: "https://evil.example"),
                contentType: Self.assertionCheck)
            #expect(wrongOrigin.status == 400)

            let asserted = try await harness.postJSON(
                "/flows/\(flowID)", try SimulatedSecurityKey.assertionBody(flow: handed, origin: origin),
                contentType: Self.assertionCheck)
            #expect(asserted.status == 200)
            #expect(try asserted.json()["status"] as? String == "COMPLETED")
            let renewed = try #require(
                asserted.header("Set-Cookie").flatMap { SimulatorHarness.cookieValue($0, name: "ST") })
            #expect(asserted.header("Set-Cookie")?.contains("SameSite=None") == true)
            // The flow is now bound to the new ST again: the old one no longer reads it.
            #expect(try await harness.get("/flows/\(flowID)", headers: [("Cookie", "ST=\(st)")]).status != 200)
            let resumed = try await harness.resume(flowID: flowID, sessionToken: renewed)
            let code = try #require(resumed.locationParameters()["code"])
            let tokens = try await harness.exchange(code: code)
            #expect(tokens.status == 200)
        }
    }

    @Test func aFlowNotAtAssertionStillNeedsItsST() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, _) = try await harness.startFlow()
            #expect(try await harness.get("/flows/\(flowID)").status != 200)
        }
    }
}
