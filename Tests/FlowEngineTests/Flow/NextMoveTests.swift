import FlowEngine
import Foundation
import TestSupport
import Testing

/// The engine's rule for the move that can work after a failure (`nextMove`), and authorize errors
/// shown at the authorize step whichever way they arrive.
@Suite struct NextMoveTests {
    static let signOnPage = "https://apps.pingone.com/e/signon/?flowId=f1"

    /// A generic provider signed on in a browser, waiting for the callback.
    func browserFlow() -> AuthorizationCodeFlow {
        let endpoints = FlowEndpoints(
            issuer: "http://127.0.0.1:9400", authorization: "http://127.0.0.1:9400/authorize",
            token: "http://127.0.0.1:9400/token")
        var flow = AuthorizationCodeFlow(
            configuration: Fixture.configuration { $0.discoveredEndpoints = endpoints }, randomness: .fixed())
        _ = flow.send(at: Fixture.now)
        return flow
    }

    /// A PingOne flow whose authorize opened a Flow API flow, its `ST` cookie set.
    func pingOneFlow(_ change: (inout FlowConfiguration) -> Void = { _ in }) -> AuthorizationCodeFlow {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(change), randomness: .fixed(seed: 3))
        _ = flow.send(at: Fixture.now)
        _ = flow.receive(
            .redirect(Self.signOnPage, headers: [HTTPHeader("Set-Cookie", "ST=st1; Path=/; Secure; HttpOnly")]),
            at: Fixture.now, elapsed: .zero)
        return flow
    }

    func isRestart(_ move: NextMove?) -> Bool {
        if case .restart = move { return true }
        return false
    }

    // MARK: - Authorize errors at step 1

    @Test(arguments: ["?", "#"]) func aProvidersErrorOnTheCallbackFailsTheAuthorizeStep(_ separator: String) {
        var flow = browserFlow()
        let url = "\(Fixture.redirect)\(separator)error=access_denied&error_description=no&state=\(flow.state)"
        _ = flow.receiveCallback(url, at: Fixture.now)
        guard case .failed(.authorize, .oauthError(let error)) = flow.phase else {
            Issue.record("expected authorize to fail, got \(flow.phase)")
            return
        }
        #expect(error.error == "access_denied")
        #expect(flow.record.last?.step == .authorize)
        #expect(flow.record.last?.action == .callbackFromBrowser)
        #expect(flow.record.last?.failure == .oauthError(error))
        #expect(!flow.record.contains { $0.step == .signOn })
        #expect(isRestart(flow.nextMove))
    }

    @Test func aCodeOnTheCallbackIsStillTheSignOnStep() {
        var flow = browserFlow()
        _ = flow.receiveCallback("\(Fixture.redirect)?code=c&state=\(flow.state)", at: Fixture.now)
        #expect(flow.phase == .ready(.token))
        #expect(flow.record.last?.step == .signOn)
    }

    @Test func aFormPostErrorAnsweredByAuthorizeFailsTheAuthorizeStep() {
        var flow = AuthorizationCodeFlow(
            configuration: Fixture.configuration { $0.responseMode = "form_post" }, randomness: .fixed())
        _ = flow.send(at: Fixture.now)
        let page = """
            <html><body onload="document.forms[0].submit()"><form method="post" action="\(Fixture.redirect)">
            <input type="hidden" name="error" value="login_required">
            <input type="hidden" name="error_description" value="No session">
            <input type="hidden" name="state" value="\(flow.state)"></form></body></html>
            """
        _ = flow.receive(
            HTTPResponse(
                status: 200, reason: "OK", headers: [HTTPHeader("Content-Type", "text/html")], body: Array(page.utf8)),
            at: Fixture.now, elapsed: .zero)
        guard case .failed(.authorize, .oauthError(let error)) = flow.phase else {
            Issue.record("expected authorize to fail with the form's error, got \(flow.phase)")
            return
        }
        #expect(error == OAuthError(error: "login_required", description: "No session"))
        #expect(flow.record.last?.decoded.formFields.value("error") == "login_required")
    }

    @Test func pingOnesErrorToTheSignOnPageFailsTheAuthorizeStep() {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: .fixed())
        _ = flow.send(at: Fixture.now)
        let json =
            #"{"code":"INVALID_DATA","message":"bad","details":[{"code":"INVALID_VALUE","target":"redirect_uri"}]}"#
        let encoded = json.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? json
        _ = flow.receive(
            .redirect("https://apps.pingone.com/e/signon/?error=\(encoded)"), at: Fixture.now, elapsed: .zero)
        guard case .failed(.authorize, .authorizeRefused) = flow.phase else {
            Issue.record("expected authorize to be refused, got \(flow.phase)")
            return
        }
    }

    @Test func aRetryAfterAnAuthorizeErrorWaitsForTheRealAuthorizeURL() {
        var flow = browserFlow()
        let authorizeURL = flow.record.first?.request.url ?? ""
        _ = flow.receiveCallback("\(Fixture.redirect)?error=access_denied&state=\(flow.state)", at: Fixture.now)
        _ = flow.retry()
        #expect(flow.phase == .ready(.authorize))
        guard case .awaitBrowserSignOn(let url) = flow.send(at: Fixture.now) else {
            Issue.record("expected the browser sign-on again")
            return
        }
        #expect(url.hasPrefix("http://127.0.0.1:9400/authorize?"))
        #expect(url == authorizeURL)
    }

    // MARK: - The move that can work

    @Test func aStateMismatchSuggestsARestart() {
        var flow = browserFlow()
        _ = flow.receiveCallback("\(Fixture.redirect)?code=c&state=forged", at: Fixture.now)
        guard case .restart(let because) = flow.nextMove else {
            Issue.record("expected a restart, got \(String(describing: flow.nextMove))")
            return
        }
        #expect(because.contains("state"))
    }

    @Test func clearedCookiesMakeTheFlowAPIFailuresARestart() {
        var flow = pingOneFlow()
        flow.clearCookies()
        _ = flow.send(at: Fixture.now)
        _ = flow.receive(
            .json(401, "Unauthorized", #"{"code":"ACCESS_FAILED","message":"The request could not be completed."}"#),
            at: Fixture.now, elapsed: .zero)
        guard case .restart(let because) = flow.nextMove else {
            Issue.record("expected a restart, got \(String(describing: flow.nextMove))")
            return
        }
        #expect(because.contains("cookie jar was cleared (ST)"))
    }

    @Test func theSameFailureWithTheCookiesKeptIsARetry() {
        var flow = pingOneFlow()
        _ = flow.send(at: Fixture.now)
        _ = flow.receive(
            .json(503, "Service Unavailable", #"{"code":"UNEXPECTED_ERROR","message":"x"}"#), at: Fixture.now,
            elapsed: .zero)
        #expect(flow.nextMove == .retry)
    }

    @Test func aRefusedCodeIsARestartAndAFailedClientIsARetry() {
        // The code arrives straight from authorize (an existing session).
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: .fixed())
        _ = flow.send(at: Fixture.now)
        _ = flow.receive(.redirect("\(Fixture.redirect)?code=c1&state=\(flow.state)"), at: Fixture.now, elapsed: .zero)
        #expect(flow.phase == .ready(.token))
        var refused = flow
        _ = refused.send(at: Fixture.now)
        _ = refused.receive(.json(400, "Bad Request", #"{"error":"invalid_grant"}"#), at: Fixture.now, elapsed: .zero)
        #expect(isRestart(refused.nextMove))
        var client = flow
        _ = client.send(at: Fixture.now)
        _ = client.receive(.json(401, "Unauthorized", #"{"error":"invalid_client"}"#), at: Fixture.now, elapsed: .zero)
        #expect(client.nextMove == .retry)
    }

    @Test func nothingFailedNoMove() {
        #expect(browserFlow().nextMove == nil)
    }
}
