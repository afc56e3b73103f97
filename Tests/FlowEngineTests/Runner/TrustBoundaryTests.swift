import Foundation
import TestSupport
import Testing

@testable import FlowEngine

/// A server that is not trusted: it names URLs on another origin, redirects elsewhere, sets
/// cookies for other sites, signs with critical extensions and answers UserInfo for someone else.
/// Each test runs the real runner and transport against ``HostileServer``s on loopback and checks
/// both that nothing leaked and what the user is told.
@Suite struct TrustBoundaryTests {
    /// Two servers (PingOne's stand-in and a foreign origin), the script, and a run.
    struct Scene {
        let home: HostileServer
        let foreign: HostileServer
        let transport = LiveTransport()
        let sent = Box<[String: String]>([:])

        static func start() async throws -> Scene {
            Scene(home: try await HostileServer.start(), foreign: try await HostileServer.start())
        }

        func script(_ change: (inout HostilePingOne) -> Void = { _ in }) -> HostilePingOne {
            var script = HostilePingOne(home: home.baseURL, foreign: foreign.baseURL)
            change(&script)
            home.respond(script.responder(sentState: sent))
            return script
        }

        func run(_ configuration: FlowConfiguration, browser: Bool = false) async -> (
            AuthorizationCodeFlow, FlowOutcome
        ) {
            var flow = AuthorizationCodeFlow(configuration: configuration, randomness: .system)
            let runner = FlowRunner(
                transport: transport,
                browserSignOn: { url in
                    // The browser signs on and comes back with a code for the state it was sent.
                    let state = URLParts(url)?.queryParameters.value("state") ?? ""
                    return "\(HostilePingOne.redirectURI)?code=code-1&state=\(state)"
                })
            let outcome = await runner.run(&flow)
            return (flow, outcome)
        }

        /// Requests the foreign server received that carry one of the run's credentials.
        func leaks(_ flow: AuthorizationCodeFlow) -> [HostileServer.Received] {
            let secrets =
                [HostilePingOne.password, HostilePingOne.clientSecret, "code-1", "st-session-value"]
                + [flow.pkce?.verifier].compactMap { $0 }
            return foreign.received.filter { request in
                secrets.contains { request.wholeText.contains($0) || request.wholeText.contains(basic) }
            }
        }

        var basic: String {
            Data("\(HostilePingOne.clientID):\(HostilePingOne.clientSecret)".utf8).base64EncodedString()
        }

        func stop() async {
            await transport.shutdown()
            await home.shutdown()
            await foreign.shutdown()
        }
    }

    @Test func aPingOneLikeServerCompletesWithTheSignOnPageOnAnotherOrigin() async throws {
        let scene = try await Scene.start()
        let script = scene.script()
        let (flow, outcome) = await scene.run(script.configuration())
        await scene.stop()
        #expect(outcome == .completed)
        // The authorize answer points the browser at the sign-on page's host: read, not visited.
        #expect(scene.foreign.received.isEmpty)
        let authorize = try #require(flow.record.first { $0.step == .authorize })
        #expect(authorize.decoded.foreignURLs.map(\.field) == ["Location"])
        #expect(authorize.decoded.foreignURLs.first?.origin == scene.foreign.baseURL)
        #expect(flow.record.filter { $0.step != .authorize }.allSatisfy { $0.decoded.foreignURLs.isEmpty })
    }

    @Test func thePasswordIsNotPostedToAForeignCheckLink() async throws {
        let scene = try await Scene.start()
        let script = scene.script { $0.checkHref = "\(scene.foreign.baseURL)/env/flows/flow-1" }
        let (flow, outcome) = await scene.run(script.configuration())
        await scene.stop()
        #expect(scene.foreign.received.isEmpty)
        #expect(!scene.home.received.contains { $0.method == "POST" })
        guard case .failed(.signOn, let failure) = outcome,
            case .foreignOrigin(_, let origin, let trusted, let credentials) = failure
        else {
            Issue.record("expected a refused origin, got \(outcome)")
            return
        }
        #expect(origin == scene.foreign.baseURL)
        #expect(trusted == [scene.home.baseURL])
        #expect(credentials.contains("the password"))
        // The user is told both origins and the way to allow one.
        #expect(failure.description.contains(scene.foreign.baseURL))
        #expect(failure.description.contains(scene.home.baseURL))
        #expect(failure.description.contains("--allow-origin"))
        #expect(failure.likelyCause?.contains("another origin") == true)
        let read = try #require(flow.record.last { $0.step == .signOn })
        #expect(read.decoded.foreignURLs.map(\.field) == ["_links.usernamePassword.check"])
    }

    /// The MFA and password stages' bodies are credentials too: a foreign `otp.check`,
    /// `password.reset` or `password.recover` link gets none of them.
    @Test(arguments: [
        (#"{"otp":"428913"}"#, ["the one-time password"]),
        (#"{"currentPassword":"a","newPassword":"b"}"#, ["the password", "the new password"]),
        (#"{"recoveryCode":"362918","newPassword":"b"}"#, ["the new password", "the recovery code"]),
        (#"{"username":"demo"}"#, []),
    ])
    func flowAPIBodiesNameTheCredentialsTheyCarry(body: String, expected: [String]) {
        let request = HTTPRequest(
            method: "POST", url: "https://elsewhere.example/env/flows/f",
            headers: [HTTPHeader("Content-Type", "application/vnd.pingidentity.otp.check+json")], body: Array(body.utf8)
        )
        #expect(AuthorizationCodeFlow.credentials(in: request) == expected)
    }

    @Test func anAllowedOriginReceivesThePassword() async throws {
        let scene = try await Scene.start()
        let script = scene.script { $0.checkHref = "\(scene.foreign.baseURL)/env/flows/flow-1" }
        scene.foreign.respond { _ in .json(#"{"code":"NOT_FOUND","message":"no flow here"}"#, status: 404) }
        let (_, outcome) = await scene.run(script.configuration { $0.allowedOrigins = [scene.foreign.baseURL] })
        await scene.stop()
        #expect(scene.foreign.received.count == 1)
        #expect(scene.foreign.received.first?.bodyText.contains(HostilePingOne.password) == true)
        guard case .failed(.signOn, .pingOneError(404, _)) = outcome else {
            Issue.record("expected the foreign server's 404, got \(outcome)")
            return
        }
    }

    @Test func resumeDoesNotFollowAForeignResumeURL() async throws {
        let scene = try await Scene.start()
        let script = scene.script { $0.resumeURL = "\(scene.foreign.baseURL)/env/as/resume?flowId=flow-1" }
        let (flow, outcome) = await scene.run(script.configuration())
        await scene.stop()
        // Both servers are on 127.0.0.1, so the ST cookie would go to the other port: it does not.
        #expect(scene.foreign.received.isEmpty)
        #expect(scene.leaks(flow).isEmpty)
        guard case .failed(.resume, .foreignOrigin(_, let origin, _, let credentials)) = outcome else {
            Issue.record("expected a refused origin at resume, got \(outcome)")
            return
        }
        #expect(origin == scene.foreign.baseURL)
        #expect(credentials == ["cookies (ST)"])
        #expect(flow.record.contains { $0.decoded.foreignURLs.contains { $0.field == "resumeUrl" } })
    }

    @Test func discoveryCannotSendTheCodeAndSecretToAForeignTokenEndpoint() async throws {
        let scene = try await Scene.start()
        let script = scene.script()
        let discovery = try JSONValue.parse(
            Array(
                #"""
                {"issuer":"\#(script.issuer)","authorization_endpoint":"\#(script.issuer)/authorize",
                 "token_endpoint":"\#(scene.foreign.baseURL)/token","jwks_uri":"\#(script.issuer)/jwks",
                 "userinfo_endpoint":"\#(script.issuer)/userinfo"}
                """#.utf8))
        let configuration = script.configuration {
            $0.authBaseURL = script.issuer
            $0.environmentID = nil
            $0.configuredIssuer = script.issuer
            $0.discoveredEndpoints = try? FlowEndpoints(discovery: discovery)
        }
        #expect(configuration.foreignEndpoints.map(\.field) == ["token_endpoint"])
        let (flow, outcome) = await scene.run(configuration, browser: true)
        await scene.stop()
        #expect(scene.foreign.received.isEmpty)
        #expect(scene.leaks(flow).isEmpty)
        guard case .failed(.token, let failure) = outcome,
            case .foreignOrigin(_, _, _, let credentials) = failure
        else {
            Issue.record("expected a refused token endpoint, got \(outcome)")
            return
        }
        #expect(credentials.contains("the client secret"))
        #expect(credentials.contains("the authorization code"))
        #expect(credentials.contains("the PKCE verifier"))
        #expect(failure.description.contains("\(scene.foreign.baseURL)/token"))
    }

    @Test func aResumeRedirectToAnotherOriginIsNotRedeemed() async throws {
        let scene = try await Scene.start()
        let foreign = scene.foreign.baseURL
        let script = scene.script {
            $0.resumeLocation = { _, state in "\(foreign)/callback?code=code-1&state=\(state)" }
        }
        let (flow, outcome) = await scene.run(script.configuration())
        await scene.stop()
        guard case .failed(.resume, .redirectMismatch(let expected, let received)) = outcome else {
            Issue.record("expected a redirect mismatch, got \(outcome)")
            return
        }
        #expect(expected == HostilePingOne.redirectURI)
        #expect(received.hasPrefix(foreign))
        #expect(flow.code == nil)
        #expect(flow.record.last?.decoded.code == nil)
        #expect(!scene.home.received.contains { $0.path.hasSuffix("/token") })
        #expect(scene.foreign.received.isEmpty)
    }

    @Test func aFormPostToAnotherOriginIsNotRead() async throws {
        let scene = try await Scene.start()
        let foreign = scene.foreign.baseURL
        let sent = scene.sent
        let script = scene.script()
        let base = script.responder(sentState: sent)
        scene.home.respond { request in
            guard request.path.hasSuffix("/as/resume") else { return base(request) }
            let state = sent.value["state"] ?? ""
            return HostileServer.Reply(
                status: 200, headers: [("Content-Type", "text/html")],
                body: """
                    <html><body onload="document.forms[0].submit()"><form method="post" action="\(foreign)/callback">
                    <input type="hidden" name="code" value="code-1"><input type="hidden" name="state" value="\(state)">
                    </form></body></html>
                    """)
        }
        let (flow, outcome) = await scene.run(script.configuration { $0.responseMode = "form_post" })
        await scene.stop()
        guard case .failed(.resume, .redirectMismatch(_, let received)) = outcome else {
            Issue.record("expected a redirect mismatch, got \(outcome)")
            return
        }
        #expect(received == "\(foreign)/callback")
        #expect(flow.code == nil)
        #expect(!scene.home.received.contains { $0.path.hasSuffix("/token") })
    }

    @Test func aRedirectToAnotherPathOrPortIsNotRead() {
        let redirect = "https://app.example.com/callback"
        #expect(AuthorizationCodeFlowTestAccess.matches("https://app.example.com/callback?code=1", redirect))
        #expect(AuthorizationCodeFlowTestAccess.matches("https://APP.example.com:443/callback#code=1", redirect))
        #expect(!AuthorizationCodeFlowTestAccess.matches("https://app.example.com/callback/x?code=1", redirect))
        #expect(!AuthorizationCodeFlowTestAccess.matches("https://app.example.com:8443/callback?code=1", redirect))
        #expect(!AuthorizationCodeFlowTestAccess.matches("http://app.example.com/callback?code=1", redirect))
        #expect(!AuthorizationCodeFlowTestAccess.matches("https://evil.example.com/callback?code=1", redirect))
        #expect(!AuthorizationCodeFlowTestAccess.matches("/callback?code=1", redirect))
        // A loopback redirect URI's port is chosen at run time (RFC 8252 §7.3); its host is not.
        #expect(
            AuthorizationCodeFlowTestAccess.matches(
                "http://127.0.0.1/callback?code=1", "http://127.0.0.1:5000/callback"))
        #expect(
            !AuthorizationCodeFlowTestAccess.matches(
                "http://127.0.0.1:6000/callback?code=1", "http://127.0.0.1/callback"))
        #expect(
            !AuthorizationCodeFlowTestAccess.matches("http://localhost/callback?code=1", "http://127.0.0.1/callback"))
    }

    @Test func aPastedCallbackToAnotherOriginIsRefused() async throws {
        let scene = try await Scene.start()
        let script = scene.script()
        var flow = AuthorizationCodeFlow(
            configuration: script.configuration { $0.signOnInBrowser = true }, randomness: .system)
        _ = flow.handle(.sendRequested(at: Date()))
        let action = flow.handle(
            .callbackReceived("https://evil.example/callback?code=code-1&state=\(flow.state)", at: Date()))
        await scene.stop()
        guard case .failed(.redirectMismatch) = action else {
            Issue.record("expected a redirect mismatch, got \(action)")
            return
        }
        #expect(flow.code == nil)
    }

    @Test func cookiesForOtherSitesAreRejectedShownAndNotSent() async throws {
        let scene = try await Scene.start()
        let script = scene.script {
            $0.authorizeCookies = [
                "ST=st-session-value; Path=/; HttpOnly", "evil=1; Domain=example.com; Path=/",
                "wide=2; Domain=0.0.1; Path=/", "self=3; Domain=127.0.0.1; Path=/",
            ]
        }
        let (flow, outcome) = await scene.run(script.configuration())
        await scene.stop()
        #expect(outcome == .completed)
        let authorize = try #require(flow.record.first { $0.step == .authorize })
        #expect(authorize.decoded.cookiesSet.map(\.name) == ["ST", "self"])
        #expect(authorize.decoded.cookiesRejected.map(\.name) == ["evil", "wide"])
        #expect(authorize.decoded.cookiesRejected.allSatisfy { $0.reason == .ipAddressHost(host: "127.0.0.1") })
        #expect(authorize.decoded.cookiesRejected.first?.reason.description.contains("IP address") == true)
        // Domain=<the IP itself> is kept as a host-only cookie.
        #expect(flow.cookieJar.cookies.first { $0.name == "self" }?.hostOnly == true)
        let sent = scene.home.received.compactMap { $0.header("Cookie") }
        #expect(!sent.isEmpty)
        #expect(sent.allSatisfy { !$0.contains("evil=") && !$0.contains("wide=") })
        // The transcript and the JSON say so.
        let transcript = TranscriptWriter(redactor: .none, now: Date()).step(authorize)
        #expect(transcript.contains("cookie REJECTED evil (Domain=example.com): the host 127.0.0.1 is an IP address"))
        let json = RecordExport(redactor: .none).stepJSON(authorize).compactText
        #expect(json.contains(#""cookies_rejected""#))
    }

    @Test func anIDTokenWithAnUnknownCriticalExtensionFailsTheSignatureCheck() async throws {
        let scene = try await Scene.start()
        let script = scene.script { $0.idTokenHeader = #"{"alg":"HS256","typ":"JWT","crit":["exp-ext"],"exp-ext":1}"# }
        let (flow, outcome) = await scene.run(script.configuration())
        await scene.stop()
        #expect(outcome == .failed(.inspect, .tokenChecksFailed(["id_token signature"])))
        let inspected = try #require(flow.record.last?.decoded.inspections.first { $0.name == "id_token" })
        let signature = try #require(inspected.inspection.checks.first { $0.name == "signature" })
        #expect(signature.reason.contains("crit"))
        #expect(signature.reason.contains("exp-ext"))
        #expect(signature.reason.contains("RFC 7515 §4.1.11"))
    }

    @Test func aUserInfoSubjectOtherThanTheIDTokensFailsTheStep() async throws {
        let scene = try await Scene.start()
        let script = scene.script { $0.userInfoSubject = "someone-else" }
        var (flow, outcome) = await scene.run(script.configuration())
        #expect(outcome == .completed)
        _ = flow.handle(.followUpChosen(.userInfo))
        let runner = FlowRunner(transport: scene.transport)
        let action = await runner.advance(&flow)
        await scene.stop()
        #expect(action == .failed(.subjectMismatch(idToken: HostilePingOne.subject, userInfo: "someone-else")))
        let failure = try #require(flow.record.last?.failure)
        #expect(failure.description.contains("someone-else"))
        #expect(failure.description.contains("OIDC Core §5.3.2"))
        #expect(failure.likelyCause(at: .userInfo)?.contains("another user") == true)
    }

    @Test func aMatchingUserInfoSubjectPasses() async throws {
        let scene = try await Scene.start()
        let script = scene.script()
        var (flow, outcome) = await scene.run(script.configuration())
        #expect(outcome == .completed)
        _ = flow.handle(.followUpChosen(.userInfo))
        let action = await FlowRunner(transport: scene.transport).advance(&flow)
        await scene.stop()
        #expect(action == .finished)
    }
}

/// The engine's internal redirect check, reached for a table of cases.
enum AuthorizationCodeFlowTestAccess {
    static func matches(_ location: String, _ redirectURI: String) -> Bool {
        AuthorizationCodeFlow.isRedirect(location, to: redirectURI)
    }
}
