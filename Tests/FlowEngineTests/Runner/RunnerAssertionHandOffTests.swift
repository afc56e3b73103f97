import FlowEngine
import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// FIDO ASSERTION_REQUIRED: the engine hands the flow to a browser on the hosted sign-on page that
/// continues it, and takes the browser's redirect back; here an HTTP client plays the browser.
@Suite("Runner: FIDO assertion hand-off")
struct RunnerAssertionHandOffTests {
    /// Plays the browser on the hosted page: reads the flow (no `ST`: the browser never had authflow's),
    /// posts the simulated key's assertion from the page's origin, then follows `resumeUrl` with the
    /// `ST` the check set, and returns where the resume redirected.
    static func browser(_ harness: SimulatorHarness, origin: String? = nil, pages: Recorder)
        -> @Sendable (String) async throws -> String
    {
        { page in
            await pages.add(page)
            guard let flowID = URLComponents(string: page)?.queryItems?.first(where: { $0.name == "flowId" })?.value
            else { throw TestFailure("the hand-off URL has no flowId: \(page)") }
            let read = try await harness.get("/flows/\(flowID)")
            let pageOrigin = origin ?? harness.simulator.signOnBaseURL.absoluteString
            let asserted = try await harness.postJSON(
                "/flows/\(flowID)", try SimulatedSecurityKey.assertionBody(flow: try read.json(), origin: pageOrigin),
                contentType: "application/vnd.pingidentity.assertion.check+json")
            guard asserted.status == 200, let cookie = asserted.header("Set-Cookie"),
                let st = SimulatorHarness.cookieValue(cookie, name: "ST")
            else { throw TestFailure("assertion.check refused: \(asserted.status) \(asserted.text)") }
            let resumed = try await harness.resume(flowID: flowID, sessionToken: st)
            guard let location = resumed.header("Location") else {
                throw TestFailure("resume did not redirect: \(resumed.status) \(resumed.text)")
            }
            return location
        }
    }

    actor Recorder {
        var pages: [String] = []
        func add(_ page: String) { pages.append(page) }
    }

    @Test func fidoUserIsHandedToTheHostedPageAndTheRunResumesToTokens() async throws {
        try await SimulatorHarness.run { harness in
            let configuration = harness.configuration(.web) {
                $0.username = "fido"
                $0.password = "2Federate!"
            }
            let pages = Recorder()
            var flow = AuthorizationCodeFlow(configuration: configuration, randomness: .system)
            let runner = FlowRunner(
                transport: harness.transport, browserSignOn: Self.browser(harness, pages: pages))
            let outcome = await runner.run(&flow)
            #expect(outcome == .completed)
            let page = try #require(await pages.pages.first)
            #expect(page.hasPrefix(harness.simulator.signOnBaseURL.absoluteString))
            #expect(page.contains("/signon/?flowId="))
            #expect(flow.signOn?.handOffURL == page)
            // The Flow API said ASSERTION_REQUIRED; the browser's callback came back; tokens were issued.
            #expect(flow.record.contains { $0.decoded.flowStatus == "ASSERTION_REQUIRED" })
            #expect(flow.record.contains { $0.action == .callbackFromBrowser })
            #expect(flow.record.contains { $0.step == .token && $0.response?.status == 200 })
            // The hosted page's origin is the simulator's own other origin: never noted as foreign.
            #expect(flow.record.allSatisfy { $0.decoded.foreignURLs.isEmpty })
        }
    }

    @Test func aPageOnAnOriginNotNamedAsTheSimulatorsIsNotHandedTo() async throws {
        try await SimulatorHarness.run { harness in
            let configuration = harness.configuration(.web) {
                $0.username = "fido"
                $0.password = "2Federate!"
                $0.simulatorSignOnOrigins = []
            }
            let pages = Recorder()
            var flow = AuthorizationCodeFlow(configuration: configuration, randomness: .system)
            let runner = FlowRunner(
                transport: harness.transport, browserSignOn: Self.browser(harness, pages: pages))
            let outcome = await runner.run(&flow)
            #expect(await pages.pages.isEmpty)
            guard case .failed(.signOn, .signOnNeedsBrowser(let status, let links)) = outcome else {
                Issue.record("expected the state named, got \(outcome)")
                return
            }
            #expect(status == "ASSERTION_REQUIRED")
            #expect(links.contains("assertion.check"))
            #expect(flow.signOn?.handOffURL == nil)
        }
    }

    @Test func withoutABrowserTheRunFailsNamingTheNeed() async throws {
        try await SimulatorHarness.run { harness in
            let configuration = harness.configuration(.web) {
                $0.username = "fido"
                $0.password = "2Federate!"
            }
            var flow = AuthorizationCodeFlow(configuration: configuration, randomness: .system)
            let outcome = await FlowRunner(transport: harness.transport).run(&flow)
            guard case .failed(.signOn, let failure) = outcome else {
                Issue.record("expected a sign-on failure, got \(outcome)")
                return
            }
            #expect(failure.description.contains("browser"))
        }
    }

    @Test func theSimulatorsSignOnOriginIsASignOnPageButGetsNoCredential() {
        let pingOne = OriginPolicy(configured: ["https://auth.pingone.com"])
        #expect(pingOne.isPingOneSignOnPage("https://apps.pingone.com/e/signon/?flowId=f"))
        #expect(!pingOne.isPingOneSignOnPage("https://apps.pingone.evil.example/e/signon/?flowId=f"))
        #expect(!pingOne.isPingOneSignOnPage("http://127.0.0.1:4000/e/signon/?flowId=f"))

        // Another port of a configured loopback address is not the simulator's page unless named so.
        let loopback = OriginPolicy(configured: ["http://127.0.0.1:9400"])
        #expect(!loopback.isPingOneSignOnPage("http://127.0.0.1:41873/e/signon/?flowId=f"))

        // --demo names the embedded simulator's page origin exactly.
        let demo = OriginPolicy(configured: ["http://127.0.0.1:9400"], signOnPageOrigins: ["http://127.0.0.1:41873"])
        #expect(demo.isPingOneSignOnPage("http://127.0.0.1:41873/anything"))
        #expect(!demo.trusts("http://127.0.0.1:41873/anything"))
        #expect(demo.foreignOrigin(of: "http://127.0.0.1:41873/anything") == "http://127.0.0.1:41873")
    }
}
