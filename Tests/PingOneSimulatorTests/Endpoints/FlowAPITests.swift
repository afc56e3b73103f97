import Foundation
import PingOneSimulator
import TestSupport
import Testing

@Suite("Flow API")
struct FlowAPITests {
    @Test func readFlowShowsUsernamePasswordRequired() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let response = try await harness.get("/flows/\(flowID)", headers: [("Cookie", "ST=\(st)")])
            #expect(response.status == 200)
            let flow = try response.json()
            #expect(flow["id"] as? String == flowID)
            #expect(flow["status"] as? String == "USERNAME_PASSWORD_REQUIRED")
            #expect((flow["environment"] as? [String: Any])?["id"] as? String == Demo.environmentID)
            #expect(flow["resumeUrl"] as? String == "\(harness.issuer)/resume?flowId=\(flowID)")
            let links = try #require(flow["_links"] as? [String: [String: String]])
            #expect(links["self"]?["href"] == "\(harness.environmentURL)/flows/\(flowID)")
            #expect(links["usernamePassword.check"]?["href"] == "\(harness.environmentURL)/flows/\(flowID)")
            #expect(links["password.forgot"] != nil)
            #expect(links["signOnPage"]?["href"] == "\(harness.signOnEnvironmentURL)/signon/?flowId=\(flowID)")
            let embedded = try #require(flow["_embedded"] as? [String: Any])
            #expect((embedded["application"] as? [String: Any])?["name"] as? String == "authflow demo web app")
            let created = try #require(flow["createdAt"] as? String)
            let expires = try #require(flow["expiresAt"] as? String)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            let interval = try #require(formatter.date(from: expires)).timeIntervalSince(
                try #require(formatter.date(from: created)))
            #expect(abs(interval - 900) < 1)
            #expect(
                try response.jsonKeyOrder() == [
                    "_links", "id", "environment", "resumeUrl", "status", "createdAt", "expiresAt", "_embedded",
                ])
        }
    }

    @Test func flowWithoutCookieIs401InvalidToken() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, _) = try await harness.startFlow()
            for headers in [[], [("Cookie", "ST=someone-elses-session")]] {
                let response = try await harness.get("/flows/\(flowID)", headers: headers)
                #expect(response.status == 401)
                #expect(try response.json()["code"] as? String == "ACCESS_FAILED")
                #expect(try response.pingOneDetailCode() == "INVALID_TOKEN")
            }
            let post = try await harness.checkPassword(flowID: flowID, sessionToken: nil)
            #expect(post.status == 401)
        }
    }

    @Test func unknownFlowIs404() async throws {
        try await SimulatorHarness.run { harness in
            let (_, st) = try await harness.startFlow()
            let response = try await harness.get(
                "/flows/\(UUID().uuidString.lowercased())", headers: [("Cookie", "ST=\(st)")])
            #expect(response.status == 404)
            #expect(try response.json()["code"] as? String == "NOT_FOUND")
        }
    }

    @Test func flowExpiresAfter15Minutes() async throws {
        let clock = ManualClock()
        try await SimulatorHarness.run(clock: clock) { harness in
            let (flowID, st) = try await harness.startFlow()
            clock.advance(by: 15 * 60 + 1)
            let response = try await harness.get("/flows/\(flowID)", headers: [("Cookie", "ST=\(st)")])
            #expect(response.status == 404)
        }
    }

    @Test func wrongPasswordIsInvalidCredentials() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let response = try await harness.checkPassword(flowID: flowID, sessionToken: st, password: "wrong")
            #expect(response.status == 400)
            let body = try response.json()
            #expect(body["code"] as? String == "INVALID_DATA")
            let detail = try #require((body["details"] as? [[String: Any]])?.first)
            #expect(detail["code"] as? String == "INVALID_CREDENTIALS")
            #expect(detail["message"] as? String == "The provided credentials are invalid")
        }
    }

    @Test func fiveFailuresLockThePassword() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            for _ in 1...5 {
                let response = try await harness.checkPassword(flowID: flowID, sessionToken: st, password: "wrong")
                #expect(try response.pingOneDetailCode() == "INVALID_CREDENTIALS")
            }
            let locked = try await harness.checkPassword(flowID: flowID, sessionToken: st)
            #expect(locked.status == 400)
            let detail = try #require((try locked.json()["details"] as? [[String: Any]])?.first)
            #expect(detail["code"] as? String == "PASSWORD_LOCKED_OUT")
            let seconds = try #require((detail["innerError"] as? [String: Any])?["secondsUntilUnlock"] as? Int)
            #expect(seconds > 0 && seconds <= 60)
        }
    }

    @Test func lockoutEndsAfterItsTime() async throws {
        let clock = ManualClock()
        try await SimulatorHarness.run(clock: clock) { harness in
            let (flowID, st) = try await harness.startFlow()
            for _ in 1...5 { _ = try await harness.checkPassword(flowID: flowID, sessionToken: st, password: "wrong") }
            clock.advance(by: 61)
            let (freshFlow, freshST) = try await harness.startFlow()
            let response = try await harness.checkPassword(flowID: freshFlow, sessionToken: freshST)
            #expect(response.status == 200)
        }
    }

    @Test func correctPasswordCompletesTheFlow() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let response = try await harness.checkPassword(flowID: flowID, sessionToken: st)
            #expect(response.status == 200)
            let flow = try response.json()
            #expect(flow["status"] as? String == "COMPLETED")
            #expect(UUID(uuidString: (flow["session"] as? [String: Any])?["id"] as? String ?? "") != nil)
            #expect(flow["resumeUrl"] as? String == "\(harness.issuer)/resume?flowId=\(flowID)")
            let user = try #require((flow["_embedded"] as? [String: Any])?["user"] as? [String: Any])
            #expect(user["username"] as? String == "demo")
            #expect((user["name"] as? [String: String]) == ["given": "Demo", "family": "User"])
            #expect(flow["authorizeResponse"] == nil)
        }
    }

    @Test func unsupportedActionIsInvalidRequest() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let response = try await harness.postJSON(
                "/flows/\(flowID)", #"{"username":"demo"}"#, contentType: "application/vnd.pingidentity.otp.check+json",
                headers: [("Cookie", "ST=\(st)")])
            #expect(response.status == 400)
            #expect(try response.json()["code"] as? String == "INVALID_REQUEST")
        }
    }

    @Test(arguments: [#"{"username":"demo""#, "not json", #"["demo"]"#, #"{"username":"demo"}"#, "\u{FF}\u{FE}"])
    func malformedBodiesAreClearErrors(body: String) async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let response = try await harness.postJSON(
                "/flows/\(flowID)", body, contentType: "application/vnd.pingidentity.usernamePassword.check+json",
                headers: [("Cookie", "ST=\(st)")])
            #expect(response.status == 400)
            #expect(try response.json()["details"] != nil)
        }
    }

    @Test func piFlowCodeComesFromTheResumeEndpointAsJSON() async throws {
        try await SimulatorHarness.run { harness in
            let authorize = try await harness.authorize(
                SimulatorHarness.authorizeParameters(
                    redirectURI: nil, extra: [("response_mode", "pi.flow")]))
            let flowID = try #require(try authorize.json()["id"] as? String)
            let st = try #require(SimulatorHarness.cookieValue(authorize.header("Set-Cookie") ?? "", name: "ST"))
            let response = try await harness.checkPassword(flowID: flowID, sessionToken: st)
            let flow = try response.json()
            #expect(flow["status"] as? String == "COMPLETED")
            #expect(flow["authorizeResponse"] == nil)
            let resumeURL = try #require(flow["resumeUrl"] as? String)
            let signedOn = try #require(
                SimulatorHarness.cookieValue(response.header("Set-Cookie") ?? "", name: "ST"))
            let resumed = try await harness.get(resumeURL, headers: [("Cookie", "ST=\(signedOn)")])
            #expect(resumed.status == 200)
            #expect(resumed.header("Location") == nil)
            let authorizeResponse = try #require(try resumed.json()["authorizeResponse"] as? [String: String])
            #expect(authorizeResponse["state"] == "xyz-state")
            let code = try #require(authorizeResponse["code"])
            // No redirect_uri was sent, so none is needed at the token endpoint.
            let token = try await harness.postForm(
                "/as/token", [("grant_type", "authorization_code"), ("code", code)],
                headers: [SimulatorHarness.basic(Demo.webAppID, Demo.webAppSecret)])
            #expect(token.status == 200)
            // The resume ended the flow: a second one finds nothing.
            let again = try await harness.get(resumeURL, headers: [("Cookie", "ST=\(signedOn)")])
            #expect(again.status == 404)
        }
    }

    @Test func signOnPageWorksLikeABrowser() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            let page = try await harness.get("/signon/?flowId=\(flowID)", headers: [("Cookie", "ST=\(st)")])
            #expect(page.status == 200)
            #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(page.text.contains("<form method=\"post\""))
            let wrong = try await harness.postForm(
                "/signon/?flowId=\(flowID)", [("username", "demo"), ("password", "nope")],
                headers: [("Cookie", "ST=\(st)")])
            #expect(wrong.status == 400)
            #expect(wrong.text.contains("The provided credentials are invalid"))
            let right = try await harness.postForm(
                "/signon/?flowId=\(flowID)", [("username", "demo"), ("password", Demo.password)],
                headers: [("Cookie", "ST=\(st)")])
            #expect(right.status == 302)
            #expect(right.header("Location") == "\(harness.issuer)/resume?flowId=\(flowID)")
        }
    }
}
