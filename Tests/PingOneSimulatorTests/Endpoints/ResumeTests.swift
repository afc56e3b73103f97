import Foundation
import PingOneSimulator
import TestSupport
import Testing

@Suite("Resume")
struct ResumeTests {
    @Test func resumeWithoutSessionCookieIs400() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, started) = try await harness.startFlow()
            let st = try await harness.signOn(flowID: flowID, sessionToken: started)
            let response = try await harness.resume(flowID: flowID, sessionToken: nil)
            #expect(response.status == 400)
            let detail = try #require((try response.json()["details"] as? [[String: Any]])?.first)
            #expect((detail["message"] as? String)?.contains("ST") == true)
            #expect(response.header("Location") == nil)
        }
    }

    @Test func resumeReturnsCodeAndState() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, started) = try await harness.startFlow()
            let st = try await harness.signOn(flowID: flowID, sessionToken: started)
            let response = try await harness.resume(flowID: flowID, sessionToken: st)
            #expect(response.status == 302)
            let location = try #require(response.header("Location"))
            #expect(location.hasPrefix(Demo.redirectURI + "?code="))
            let parameters = response.locationParameters()
            #expect(UUID(uuidString: parameters["code"] ?? "") != nil)
            #expect(parameters["state"] == "xyz-state")
        }
    }

    @Test func stateIsOmittedWhenNoneWasSent() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, started) = try await harness.startFlow(SimulatorHarness.authorizeParameters(state: nil))
            let st = try await harness.signOn(flowID: flowID, sessionToken: started)
            let response = try await harness.resume(flowID: flowID, sessionToken: st)
            #expect(response.locationParameters()["code"] != nil)
            #expect(response.header("Location")?.contains("state=") == false)
        }
    }

    @Test func unfinishedFlowRedirectsLoginRequired() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let response = try await harness.resume(flowID: flowID, sessionToken: st)
            #expect(response.status == 302)
            #expect(response.locationParameters()["error"] == "login_required")
            #expect(response.locationParameters()["state"] == "xyz-state")
        }
    }

    @Test func fragmentResponseMode() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, started) = try await harness.startFlow(
                SimulatorHarness.authorizeParameters(extra: [("response_mode", "fragment")]))
            let st = try await harness.signOn(flowID: flowID, sessionToken: started)
            let response = try await harness.resume(flowID: flowID, sessionToken: st)
            #expect(response.header("Location")?.hasPrefix(Demo.redirectURI + "#code=") == true)
            #expect(response.locationParameters(fragment: true)["state"] == "xyz-state")
        }
    }

    @Test func formPostResponseMode() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, started) = try await harness.startFlow(
                SimulatorHarness.authorizeParameters(extra: [("response_mode", "form_post")]))
            let st = try await harness.signOn(flowID: flowID, sessionToken: started)
            let response = try await harness.resume(flowID: flowID, sessionToken: st)
            #expect(response.status == 200)
            #expect(response.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(response.text.contains(#"action="\#(Demo.redirectURI)""#))
            #expect(response.text.contains(#"name="code" value=""#))
            #expect(response.text.contains(#"<input type="hidden" name="state" value="xyz-state">"#))
        }
    }

    @Test func aFlowResumesOnlyOnce() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, started) = try await harness.startFlow()
            let st = try await harness.signOn(flowID: flowID, sessionToken: started)
            #expect(try await harness.resume(flowID: flowID, sessionToken: st).status == 302)
            #expect(try await harness.resume(flowID: flowID, sessionToken: st).status == 404)
        }
    }

    @Test func promptNoneUsesTheSignedOnSession() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, started) = try await harness.startFlow()
            let st = try await harness.signOn(flowID: flowID, sessionToken: started)
            _ = try await harness.resume(flowID: flowID, sessionToken: st)
            let silent = try await harness.authorize(
                SimulatorHarness.authorizeParameters(extra: [("prompt", "none")]), cookie: st)
            #expect(silent.status == 302)
            #expect(silent.locationParameters()["code"] != nil)
            let anonymous = try await harness.authorize(
                SimulatorHarness.authorizeParameters(extra: [("prompt", "none")]))
            #expect(anonymous.locationParameters()["error"] == "login_required")
        }
    }
}
