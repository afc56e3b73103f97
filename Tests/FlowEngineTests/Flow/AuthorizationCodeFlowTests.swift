import FlowEngine
import Foundation
import TestSupport
import Testing

/// Engine transcripts: fixed randomness and clock, each input's action compared exactly.
@Suite struct AuthorizationCodeFlowTests {
    let randomness = FlowRandomness.fixed(seed: 1)

    func expectedState() -> (state: String, nonce: String, verifier: String) {
        let draw = FlowRandomness.fixed(seed: 1)
        return (draw.token(), draw.token(), Base64URL.encode(draw.octets(32)))
    }

    @Test func startsWithTheAuthorizeRequestBuiltFromTheConfiguration() {
        let flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: randomness)
        let (state, nonce, verifier) = expectedState()
        let challenge = PKCE(verifier: verifier, method: .s256).challenge
        #expect(flow.phase == .ready(.authorize))
        #expect(flow.state == state)
        #expect(flow.nonce == nonce)
        #expect(flow.pkce?.verifier == verifier)
        #expect(
            flow.draft == [
                FormParameter("response_type", "code"),
                FormParameter("client_id", Fixture.client),
                FormParameter("redirect_uri", Fixture.redirect),
                FormParameter("scope", "openid profile"),
                FormParameter("state", state),
                FormParameter("nonce", nonce),
                FormParameter("code_challenge", challenge),
                FormParameter("code_challenge_method", "S256"),
            ])
    }

    @Test func walksTheSeedFlowStepByStep() throws {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: randomness)
        let (state, _, verifier) = expectedState()
        let env = "\(Fixture.base)/\(Fixture.environment)"

        // 1 Authorize by GET: every parameter in the query, nothing followed.
        let authorize = flow.handle(.sendRequested(at: Fixture.now))
        let authorizeURL = "\(env)/as/authorize?" + FormURLEncoding.encode(flow.draft)
        #expect(
            authorize
                == .send(
                    HTTPRequest(
                        method: "GET", url: authorizeURL,
                        headers: [
                            HTTPHeader("Host", "auth.pingone.com"),
                            HTTPHeader("User-Agent", "authflow/0.1"),
                            HTTPHeader("Accept", "text/html,application/json"),
                        ]), .authorize))
        #expect(flow.phase == .waitingForResponse(.authorize))

        let signOnPage = "https://apps.pingone.com/\(Fixture.environment)/signon/?flowId=\(Fixture.flowID)"
        let afterAuthorize = flow.handle(
            .responseReceived(
                .redirect(
                    signOnPage,
                    headers: [
                        HTTPHeader(
                            "Set-Cookie",
                            "ST=session-token-1; Path=/\(Fixture.environment)/; Secure; HttpOnly; SameSite=None"),
                        HTTPHeader("Correlation-Id", "8d2f0c1e"),
                    ]), at: Fixture.now, elapsed: .milliseconds(40)))
        #expect(afterAuthorize == .awaitSend(.signOn))
        #expect(flow.flowID == Fixture.flowID)
        #expect(flow.record[0].decoded.flowID == Fixture.flowID)
        #expect(flow.record[0].decoded.correlationID == "8d2f0c1e")
        #expect(flow.record[0].decoded.cookiesSet.map(\.name) == ["ST"])
        #expect(flow.cookieJar.cookies.map(\.value) == ["session-token-1"])

        // 2 Sign on: read the flow with the ST cookie, then check the password.
        let read = flow.handle(.sendRequested(at: Fixture.now))
        #expect(
            read
                == .send(
                    HTTPRequest(
                        method: "GET", url: "\(env)/flows/\(Fixture.flowID)",
                        headers: [
                            HTTPHeader("Host", "auth.pingone.com"),
                            HTTPHeader("User-Agent", "authflow/0.1"),
                            HTTPHeader("Accept", "application/json"),
                            HTTPHeader("Cookie", "ST=session-token-1"),
                        ]), .signOn))
        let flowJSON = """
            {"_links":{"usernamePassword.check":{"href":"\(env)/flows/\(Fixture.flowID)"},"self":{"href":"\(env)/flows/\(Fixture.flowID)"}},
             "id":"\(Fixture.flowID)","status":"USERNAME_PASSWORD_REQUIRED","resumeUrl":"\(env)/as/resume?flowId=\(Fixture.flowID)"}
            """
        #expect(
            flow.handle(.responseReceived(.json(200, "OK", flowJSON), at: Fixture.now, elapsed: .milliseconds(5)))
                == .awaitSend(.signOn))
        #expect(flow.record[1].decoded.flowStatus == "USERNAME_PASSWORD_REQUIRED")
        #expect(flow.record[1].decoded.flowLinks == ["usernamePassword.check", "self"])
        #expect(flow.record[1].decoded.cookiesSent == ["ST"])

        let check = flow.handle(.sendRequested(at: Fixture.now))
        let body = #"{"username":"demo","password":"2Federate!"}"#
        #expect(
            check
                == .send(
                    HTTPRequest(
                        method: "POST", url: "\(env)/flows/\(Fixture.flowID)",
                        headers: [
                            HTTPHeader("Host", "auth.pingone.com"),
                            HTTPHeader("User-Agent", "authflow/0.1"),
                            HTTPHeader("Accept", "application/json"),
                            HTTPHeader("Content-Type", "application/vnd.pingidentity.usernamePassword.check+json"),
                            HTTPHeader("Cookie", "ST=session-token-1"),
                            HTTPHeader("Content-Length", String(body.utf8.count)),
                        ], body: Array(body.utf8)), .signOn))
        let completed =
            #"{"id":"\#(Fixture.flowID)","status":"COMPLETED","resumeUrl":"\#(env)/as/resume?flowId=\#(Fixture.flowID)"}"#
        #expect(
            flow.handle(.responseReceived(.json(200, "OK", completed), at: Fixture.now, elapsed: .milliseconds(5)))
                == .awaitSend(.resume))

        // 3 Resume: the 302 back to redirect_uri carries code and the state sent.
        let resume = flow.handle(.sendRequested(at: Fixture.now))
        #expect(
            resume
                == .send(
                    HTTPRequest(
                        method: "GET", url: "\(env)/as/resume?flowId=\(Fixture.flowID)",
                        headers: [
                            HTTPHeader("Host", "auth.pingone.com"),
                            HTTPHeader("User-Agent", "authflow/0.1"),
                            HTTPHeader("Accept", "text/html,application/json"),
                            HTTPHeader("Cookie", "ST=session-token-1"),
                        ]), .resume))
        let callback = "\(Fixture.redirect)?code=4f0c9d2e-code&state=\(state)"
        #expect(
            flow.handle(.responseReceived(.redirect(callback), at: Fixture.now, elapsed: .milliseconds(5)))
                == .awaitSend(.token))
        #expect(flow.code == "4f0c9d2e-code")
        #expect(flow.record[3].decoded.state == StateCheck(sent: state, received: state))

        // 4 Token: CLIENT_SECRET_BASIC, the code_verifier, the same redirect_uri.
        let token = flow.handle(.sendRequested(at: Fixture.now))
        let form =
            "grant_type=authorization_code&code=4f0c9d2e-code&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&code_verifier=\(verifier)"
        let basic = Data("\(Fixture.client):s3cret-value".utf8).base64EncodedString()
        #expect(
            token
                == .send(
                    HTTPRequest(
                        method: "POST", url: "\(env)/as/token",
                        headers: [
                            HTTPHeader("Host", "auth.pingone.com"),
                            HTTPHeader("User-Agent", "authflow/0.1"),
                            HTTPHeader("Accept", "application/json"),
                            HTTPHeader("Content-Type", "application/x-www-form-urlencoded"),
                            HTTPHeader("Authorization", "Basic \(basic)"),
                            HTTPHeader("Content-Length", String(form.utf8.count)),
                        ], body: Array(form.utf8)), .token))

        let idToken =
            Base64URL.encode(#"{"kid":"k1","alg":"RS256"}"#) + "."
            + Base64URL.encode(#"{"iss":"\#(env)/as","sub":"u1","exp":1795003600}"#) + ".c2ln"
        let tokenJSON =
            #"{"access_token":"opaque-access","token_type":"Bearer","expires_in":3600,"scope":"openid profile","id_token":"\#(idToken)"}"#
        #expect(
            flow.handle(.responseReceived(.json(200, "OK", tokenJSON), at: Fixture.now, elapsed: .milliseconds(9)))
                == .awaitSend(.inspect))

        // 5 Inspect: the signing keys, fetched without cookies.
        #expect(
            flow.handle(.sendRequested(at: Fixture.now))
                == .send(
                    HTTPRequest(
                        method: "GET", url: "\(env)/as/jwks",
                        headers: [
                            HTTPHeader("Host", "auth.pingone.com"),
                            HTTPHeader("User-Agent", "authflow/0.1"),
                            HTTPHeader("Accept", "application/json"),
                        ]), .inspect))
        let jwks = #"{"keys":[{"kty":"RSA","kid":"k1","n":"AQAB","e":"AQAB"}]}"#
        // The hand-made ID token is unsigned and old: the inspection says so, and the step fails on it.
        let inspected = flow.handle(
            .responseReceived(.json(200, "OK", jwks), at: Fixture.now, elapsed: .milliseconds(3)))
        guard case .failed(.tokenChecksFailed(let failed)) = inspected else {
            Issue.record("expected failed checks, got \(inspected)")
            return
        }
        #expect(failed.contains("id_token signature"))
        #expect(failed.contains("id_token nonce"))
        #expect(flow.record.last?.decoded.inspections.map(\.name) == ["id_token"])
        #expect(flow.keySet?["keys"]?.elements?.count == 1)
        let decoded = try #require(flow.tokens?.decoded.first?.jwt)
        #expect(decoded.claims?.members?.map(\.key) == ["iss", "sub", "exp"])
        #expect(flow.tokens?.decoded.map(\.name) == ["id_token"])
        #expect(flow.record.map(\.step) == [.authorize, .signOn, .signOn, .resume, .token, .inspect])
    }

    @Test func authorizeByPostSendsTheParametersAsAForm() {
        var flow = AuthorizationCodeFlow(
            configuration: Fixture.configuration { $0.authorizeMethod = .post }, randomness: randomness)
        let draft = flow.draft
        guard case .send(let request, .authorize) = flow.handle(.sendRequested(at: Fixture.now)) else {
            Issue.record("no request")
            return
        }
        #expect(request.method == "POST")
        #expect(request.url == "\(Fixture.base)/\(Fixture.environment)/as/authorize")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(String(decoding: request.body, as: UTF8.self) == FormURLEncoding.encode(draft))
    }

    @Test func anEditedParameterIsSentAsEdited() {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: randomness)
        #expect(flow.handle(.parameterEdited(name: "scope", value: "openid email")) == .none)
        #expect(flow.handle(.parameterEdited(name: "prompt", value: "login")) == .none)
        guard case .send(let request, _) = flow.handle(.sendRequested(at: Fixture.now)) else {
            Issue.record("no request")
            return
        }
        let query = URLParts(request.url)?.queryParameters ?? []
        #expect(query.value("scope") == "openid email")
        #expect(query.value("prompt") == "login")
    }

    @Test func aStateMismatchFailsTheResumeStep() {
        var flow = advancedToResume()
        _ = flow.handle(.sendRequested(at: Fixture.now))
        let action = flow.handle(
            .responseReceived(.redirect("\(Fixture.redirect)?code=c1&state=forged"), at: Fixture.now, elapsed: .zero))
        #expect(action == .failed(.stateMismatch(sent: flow.state, received: "forged")))
        #expect(flow.phase == .failed(.resume, .stateMismatch(sent: flow.state, received: "forged")))
        #expect(flow.record.last?.failure == .stateMismatch(sent: flow.state, received: "forged"))
        #expect(flow.code == nil)
    }

    @Test func anErrorRedirectIsShownAsAnOAuthError() {
        var flow = advancedToResume()
        _ = flow.handle(.sendRequested(at: Fixture.now))
        let action = flow.handle(
            .responseReceived(
                .redirect(
                    "\(Fixture.redirect)?error=access_denied&error_description=User+cancelled&state=\(flow.state)"),
                at: Fixture.now, elapsed: .zero))
        #expect(action == .failed(.oauthError(OAuthError(error: "access_denied", description: "User cancelled"))))
    }

    @Test func aRedirectWithoutLocationFails() {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: randomness)
        _ = flow.handle(.sendRequested(at: Fixture.now))
        let action = flow.handle(
            .responseReceived(HTTPResponse(status: 302, reason: "Found"), at: Fixture.now, elapsed: .zero))
        #expect(action == .failed(.missingLocation))
    }

    @Test func wrongCredentialsFailThenAskAgainOnRetry() {
        var flow = AuthorizationCodeFlow(
            configuration: Fixture.configuration { $0.password = nil }, randomness: randomness)
        _ = flow.handle(.sendRequested(at: Fixture.now))
        _ = flow.handle(
            .responseReceived(
                .redirect("https://apps.pingone.com/e/signon/?flowId=f1"), at: Fixture.now, elapsed: .zero))
        _ = flow.handle(.sendRequested(at: Fixture.now))
        let asks = flow.handle(
            .responseReceived(
                .json(200, "OK", #"{"id":"f1","status":"USERNAME_PASSWORD_REQUIRED"}"#), at: Fixture.now, elapsed: .zero
            ))
        #expect(asks == .awaitCredentials)
        #expect(flow.handle(.credentialsEntered(username: "demo", password: "wrong")) == .awaitSend(.signOn))
        _ = flow.handle(.sendRequested(at: Fixture.now))
        let error =
            #"{"id":"e1","code":"INVALID_DATA","message":"Validation failed","details":[{"code":"INVALID_CREDENTIALS","target":"password","message":"The provided credentials are invalid"}]}"#
        let failed = flow.handle(.responseReceived(.json(400, "Bad Request", error), at: Fixture.now, elapsed: .zero))
        let expected = PingOneError(
            id: "e1", code: "INVALID_DATA", message: "Validation failed",
            details: [
                .init(
                    code: "INVALID_CREDENTIALS", target: "password", message: "The provided credentials are invalid",
                    innerError: nil)
            ])
        #expect(failed == .failed(.pingOneError(status: 400, expected)))
        #expect(
            FlowFailure.pingOneError(status: 400, expected).likelyCause?.contains("Wrong username or password") == true)
        #expect(flow.handle(.retryRequested) == .awaitCredentials)
        #expect(flow.phase == .needsCredentials)
    }

    @Test func piFlowTakesTheCodeFromTheFlow() {
        var flow = AuthorizationCodeFlow(
            configuration: Fixture.configuration { $0.responseMode = "pi.flow" }, randomness: randomness)
        _ = flow.handle(.sendRequested(at: Fixture.now))
        let started = flow.handle(
            .responseReceived(
                .json(
                    200, "OK",
                    #"{"id":"f9","status":"USERNAME_PASSWORD_REQUIRED","_links":{"usernamePassword.check":{"href":"https://auth.pingone.com/x/flows/f9"}}}"#
                ),
                at: Fixture.now, elapsed: .zero))
        #expect(started == .awaitSend(.signOn))
        _ = flow.handle(.sendRequested(at: Fixture.now))
        #expect(flow.record.last?.request.url == "https://auth.pingone.com/x/flows/f9")
        let done = #"{"id":"f9","status":"COMPLETED","authorizeResponse":{"code":"pc1","state":"\#(flow.state)"}}"#
        #expect(
            flow.handle(.responseReceived(.json(200, "OK", done), at: Fixture.now, elapsed: .zero))
                == .awaitSend(.token))
        #expect(flow.code == "pc1")
    }

    @Test func formPostResponsesAreReadFromTheForm() {
        var flow = advancedToResume()
        _ = flow.handle(.sendRequested(at: Fixture.now))
        let html = """
            <html><body onload="document.forms[0].submit()"><form method="post" action="\(Fixture.redirect)">
            <input type="hidden" name="code" value="fp-code"/><input type="hidden" name="state" value="\(flow.state)"/>
            </form></body></html>
            """
        let response = HTTPResponse(
            status: 200, reason: "OK", headers: [HTTPHeader("Content-Type", "text/html")], body: Array(html.utf8))
        #expect(flow.handle(.responseReceived(response, at: Fixture.now, elapsed: .zero)) == .awaitSend(.token))
        #expect(flow.code == "fp-code")
        #expect(flow.record.last?.decoded.formFields.map(\.name) == ["code", "state"])
    }

    @Test func clearingCookiesLeavesTheResumeWithoutST() {
        var flow = advancedToResume()
        #expect(flow.handle(.cookiesCleared) == .none)
        guard case .send(let request, .resume) = flow.handle(.sendRequested(at: Fixture.now)) else {
            Issue.record("no request")
            return
        }
        #expect(request.header("Cookie") == nil)
    }

    @Test func secretsCoverTheConfigurationAndTheSession() {
        let flow = advancedToResume()
        #expect(flow.secrets.contains("s3cret-value"))
        #expect(flow.secrets.contains("2Federate!"))
        #expect(flow.secrets.contains("st-1"))
        #expect(flow.secrets.contains(flow.pkce?.verifier ?? "missing"))
    }

    /// A flow whose sign-on completed: the resume request is ready.
    func advancedToResume() -> AuthorizationCodeFlow {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: randomness)
        _ = flow.handle(.sendRequested(at: Fixture.now))
        _ = flow.handle(
            .responseReceived(
                .redirect(
                    "https://apps.pingone.com/e/signon/?flowId=f1",
                    headers: [HTTPHeader("Set-Cookie", "ST=st-1; Path=/; Secure")]),
                at: Fixture.now, elapsed: .zero))
        _ = flow.handle(.sendRequested(at: Fixture.now))
        _ = flow.handle(
            .responseReceived(
                .json(200, "OK", #"{"id":"f1","status":"USERNAME_PASSWORD_REQUIRED"}"#), at: Fixture.now, elapsed: .zero
            ))
        _ = flow.handle(.sendRequested(at: Fixture.now))
        _ = flow.handle(
            .responseReceived(.json(200, "OK", #"{"id":"f1","status":"COMPLETED"}"#), at: Fixture.now, elapsed: .zero))
        return flow
    }
}
