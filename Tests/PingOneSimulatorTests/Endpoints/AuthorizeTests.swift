import Foundation
import PingOneSimulator
import TestSupport
import Testing

@Suite("Authorize")
struct AuthorizeTests {
    @Test func getRedirectsToSignOnWithFlowIdAndSessionCookie() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.authorize(SimulatorHarness.authorizeParameters())
            #expect(response.status == 302)
            let location = try #require(response.header("Location"))
            #expect(location.hasPrefix("\(harness.signOnEnvironmentURL)/signon/?flowId="))
            let flowID = try #require(URLComponents(string: location)?.queryItems?.first { $0.name == "flowId" }?.value)
            #expect(UUID(uuidString: flowID) != nil)
            let cookie = try #require(response.header("Set-Cookie"))
            #expect(cookie.hasPrefix("ST="))
            #expect(cookie.contains("Path=/\(Demo.environmentID);"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("Secure"))
            #expect(cookie.contains("SameSite=None"))
            #expect((SimulatorHarness.cookieValue(cookie, name: "ST")?.count ?? 0) >= 32)
        }
    }

    @Test func postFormBehavesLikeGet() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.postForm("/as/authorize", SimulatorHarness.authorizeParameters())
            #expect(response.status == 302)
            #expect(response.header("Location")?.contains("/signon/?flowId=") == true)
            #expect(response.header("Set-Cookie")?.hasPrefix("ST=") == true)
        }
    }

    /// An error that cannot go to the client goes to the sign-on page with the PingOne error JSON in `error`
    /// (as Ping's Android and iOS SDK tests model it), never to the unverified redirect URI.
    @Test(arguments: [
        (SimulatorHarness.authorizeParameters(clientID: "no-such-app"), "client_id"),
        (SimulatorHarness.authorizeParameters(redirectURI: "https://evil.example.com/callback"), "redirect_uri"),
        (SimulatorHarness.authorizeParameters(redirectURI: nil), "redirect_uri"),
    ])
    func unredirectableErrorsGoToTheSignOnPage(parameters: [(String, String)], target: String) async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.authorize(parameters)
            #expect(response.status == 302)
            let location = try #require(response.header("Location"))
            #expect(location.hasPrefix("\(harness.signOnEnvironmentURL)/signon/?error="))
            #expect(!location.contains("evil.example.com/callback?"))
            let components = try #require(URLComponents(string: location))
            let error = try #require(components.queryItems?.first { $0.name == "error" }?.value)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(error.utf8)) as? [String: Any])
            #expect(json["code"] as? String == "INVALID_REQUEST")
            #expect(response.header("Correlation-Id") == json["id"] as? String)
            let details = try #require(json["details"] as? [[String: Any]])
            #expect(details.first?["target"] as? String == target)

            // The page shows the error's message to a browser.
            let page = try await harness.get(String(location.dropFirst(harness.environmentURL.count)))
            #expect(page.status == 400)
            #expect(page.text.contains(details.first?["message"] as? String ?? "?"))
        }
    }

    @Test func piFlowGetsTheUnredirectableErrorAsJSON() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.authorize(
                SimulatorHarness.authorizeParameters(clientID: "no-such-app", extra: [("response_mode", "pi.flow")]))
            #expect(response.status == 400)
            #expect(response.header("Location") == nil)
            #expect(try response.json()["code"] as? String == "INVALID_REQUEST")
        }
    }

    @Test(arguments: [
        "http://localhost:9999/callback", "http://127.0.0.1/callback", "https://app.example.com/callback",
    ])
    func registeredRedirectURIsAreAcceptedAndLoopbackPortsIgnored(redirectURI: String) async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.authorize(SimulatorHarness.authorizeParameters(redirectURI: redirectURI))
            #expect(response.status == 302)
        }
    }

    @Test func httpsRedirectURIPortIsNotIgnored() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.authorize(
                SimulatorHarness.authorizeParameters(redirectURI: "https://app.example.com:8443/callback"))
            #expect(response.status == 302)
            #expect(response.signOnPageError()?.detailTarget == "redirect_uri")
        }
    }

    @Test func unsupportedResponseTypeRedirectsWithError() async throws {
        try await SimulatorHarness.run { harness in
            var pairs = SimulatorHarness.authorizeParameters()
            pairs[0] = ("response_type", "token")
            let response = try await harness.authorize(pairs)
            #expect(response.status == 302)
            let parameters = response.locationParameters()
            #expect(parameters["error"] == "unsupported_response_type")
            #expect(parameters["state"] == "xyz-state")
            #expect(response.header("Location")?.hasPrefix(Demo.redirectURI) == true)
        }
    }

    @Test func missingPKCEForS256RequiredAppRedirectsInvalidRequest() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.authorize(SimulatorHarness.authorizeParameters(clientID: Demo.spaID))
            #expect(response.status == 302)
            let parameters = response.locationParameters()
            #expect(parameters["error"] == "invalid_request")
            #expect(parameters["error_description"]?.contains("code_challenge") == true)
            #expect(parameters["state"] == "xyz-state")
        }
    }

    @Test func plainChallengeIsRejectedWhenS256Required() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.authorize(
                SimulatorHarness.authorizeParameters(
                    clientID: Demo.spaID,
                    extra: [("code_challenge", Vectors.pkceVerifier), ("code_challenge_method", "plain")]))
            #expect(response.locationParameters()["error"] == "invalid_request")
            #expect(response.locationParameters()["error_description"]?.contains("S256") == true)
        }
    }

    @Test func unknownChallengeMethodIsRejected() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.authorize(
                SimulatorHarness.authorizeParameters(
                    extra: [("code_challenge", Vectors.pkceChallenge), ("code_challenge_method", "S512")]))
            #expect(response.locationParameters()["error"] == "invalid_request")
        }
    }

    @Test func piFlowAnswersWithTheFlowJSON() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.authorize(
                SimulatorHarness.authorizeParameters(
                    redirectURI: nil, extra: [("response_mode", "pi.flow")]))
            #expect(response.status == 200)
            #expect(response.header("Location") == nil)
            #expect(response.header("Set-Cookie")?.hasPrefix("ST=") == true)
            let flow = try response.json()
            #expect(flow["status"] as? String == "USERNAME_PASSWORD_REQUIRED")
            let links = try #require(flow["_links"] as? [String: Any])
            #expect(links["usernamePassword.check"] != nil)
        }
    }

    @Test func malformedPercentEncodingIsAClearError() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.get("/as/authorize?client_id=%ZZ&response_type=code")
            #expect(response.status == 302)
            #expect(response.signOnPageError()?.code == "INVALID_REQUEST")
        }
    }
}

extension HTTPResult {
    /// The PingOne error in the `error` parameter of a redirect to the sign-on page.
    func signOnPageError() -> (code: String?, detailTarget: String?)? {
        guard let location = header("Location"), location.contains("/signon/?error="),
            let text = URLComponents(string: location)?.queryItems?.first(where: { $0.name == "error" })?.value,
            let json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        else { return nil }
        return (json["code"] as? String, (json["details"] as? [[String: Any]])?.first?["target"] as? String)
    }
}
