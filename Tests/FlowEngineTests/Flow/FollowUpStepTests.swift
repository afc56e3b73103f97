import Foundation
import TestSupport
import Testing

@testable import FlowEngine

/// PAR, client assertions, browser sign-on and the follow-up steps, as engine transcripts.
@Suite struct FollowUpStepTests {
    let env = "\(Fixture.base)/\(Fixture.environment)"

    /// A flow that has tokens (with a refresh token) and has fetched the JWKS.
    func completedFlow(_ change: (inout FlowConfiguration) -> Void = { _ in }) -> AuthorizationCodeFlow {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(change), randomness: .fixed())
        _ = flow.handle(.sendRequested(at: Fixture.now))
        _ = flow.handle(
            .responseReceived(
                .redirect(
                    "\(Fixture.redirect)?code=c1&state=\(flow.state)",
                    headers: [HTTPHeader("Set-Cookie", "ST=st-9; Path=/")]), at: Fixture.now, elapsed: .zero))
        _ = flow.handle(.sendRequested(at: Fixture.now))
        _ = flow.handle(
            .responseReceived(
                .json(
                    200, "OK",
                    #"{"access_token":"at-1","token_type":"Bearer","refresh_token":"rt-1","id_token":"e30.e30."}"#),
                at: Fixture.now, elapsed: .zero))
        _ = flow.handle(.sendRequested(at: Fixture.now))
        _ = flow.handle(.responseReceived(.json(200, "OK", #"{"keys":[]}"#), at: Fixture.now, elapsed: .zero))
        // The made-up ID token fails its checks; follow-ups are still open after a failed inspection.
        return flow
    }

    @Test func anExistingSessionGoesStraightFromAuthorizeToToken() {
        let flow = completedFlow()
        guard case .failed(.inspect, .tokenChecksFailed) = flow.phase else {
            Issue.record("expected the inspect step to fail on the made-up token, got \(flow.phase)")
            return
        }
        #expect(flow.record.map(\.step) == [.authorize, .token, .inspect])
        #expect(flow.record[0].decoded.code == "c1")
    }

    @Test func theEngineSaysWhichFollowUpsCanBeChosenAndWhyNot() {
        let fresh = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: .fixed())
        #expect(fresh.followUpUnavailability(.refresh) == .noTokensYet(.refresh))
        #expect(fresh.followUpUnavailability(.token) == .notAFollowUp(.token))
        let flow = completedFlow()
        for step in FlowStep.followUps { #expect(flow.followUpUnavailability(step) == nil, "\(step)") }
        // Discovery without the optional endpoints, and tokens without a refresh token.
        var bare = flow
        bare.configuration.discoveredEndpoints = FlowEndpoints(
            issuer: Fixture.base, authorization: "\(Fixture.base)/authorize", token: "\(Fixture.base)/token",
            jwks: "\(Fixture.base)/jwks")
        bare.tokens?.refreshToken = nil
        #expect(bare.followUpUnavailability(.userInfo) == .noEndpoint(.userInfo))
        #expect(bare.followUpUnavailability(.signOff) == .noEndpoint(.signOff))
        #expect(bare.followUpUnavailability(.refresh) == .noRefreshToken)
        #expect(bare.handle(.followUpChosen(.token)) == FlowAction.none)
    }

    @Test func userInfoSendsTheAccessTokenAsBearer() {
        var flow = completedFlow()
        #expect(flow.handle(.followUpChosen(.userInfo)) == .awaitSend(.userInfo))
        guard case .send(let request, .userInfo) = flow.handle(.sendRequested(at: Fixture.now)) else {
            Issue.record("no request")
            return
        }
        #expect(request.url == "\(env)/as/userinfo")
        #expect(request.header("Authorization") == "Bearer at-1")
        #expect(request.header("Cookie") == nil)
        #expect(
            flow.handle(
                .responseReceived(.json(200, "OK", #"{"sub":"u1","email":"a@b"}"#), at: Fixture.now, elapsed: .zero))
                == .finished)
        #expect(flow.record.last?.decoded.claims?.members?.map(\.key) == ["sub", "email"])
    }

    @Test func refreshSaysWhetherTheRefreshTokenRotated() {
        var flow = completedFlow()
        _ = flow.handle(.followUpChosen(.refresh))
        guard case .send(let request, .refresh) = flow.handle(.sendRequested(at: Fixture.now)) else {
            Issue.record("no request")
            return
        }
        #expect(String(decoding: request.body, as: UTF8.self) == "grant_type=refresh_token&refresh_token=rt-1")
        #expect(request.header("Authorization")?.hasPrefix("Basic ") == true)
        let action = flow.handle(
            .responseReceived(
                .json(200, "OK", #"{"access_token":"at-2","refresh_token":"rt-2"}"#), at: Fixture.now, elapsed: .zero))
        #expect(action == .finished)
        #expect(flow.tokens?.refreshToken == "rt-2")
        #expect(flow.record.last?.decoded.result == .refreshed(rotated: true))
    }

    @Test func aRefreshWithoutAnIDTokenKeepsThePreviousOneForSignOff() {
        var flow = completedFlow()
        _ = flow.handle(.followUpChosen(.refresh))
        _ = flow.handle(.sendRequested(at: Fixture.now))
        _ = flow.handle(
            .responseReceived(.json(200, "OK", #"{"access_token":"at-2"}"#), at: Fixture.now, elapsed: .zero))
        #expect(flow.tokens?.accessToken == "at-2")
        #expect(flow.tokens?.idToken == "e30.e30.")
        #expect(flow.tokens?.decoded.contains { $0.name == "id_token" } == true)
        _ = flow.handle(.followUpChosen(.signOff))
        guard case .send(let request, .signOff) = flow.handle(.sendRequested(at: Fixture.now)) else {
            Issue.record("no request")
            return
        }
        #expect(request.url == "\(env)/as/signoff?id_token_hint=e30.e30.")
    }

    @Test func aSignOffPageToConfirmIsNotCalledSignedOff() {
        var flow = completedFlow()
        flow.clearCookies()
        _ = flow.handle(.followUpChosen(.signOff))
        _ = flow.handle(.sendRequested(at: Fixture.now))
        let page = HTTPResponse(
            status: 200, reason: "OK", headers: [HTTPHeader("Content-Type", "text/html; charset=utf-8")],
            body: Array(
                #"<form method="post" action="/oauth2/end_session/confirm"><button>Sign out</button></form>"#.utf8))
        #expect(flow.handle(.responseReceived(page, at: Fixture.now, elapsed: .zero)) == .finished)
        #expect(flow.record.last?.decoded.result == .signOffNeedsConfirmation)
        #expect(flow.record.last?.decoded.result?.description.contains("browser step") == true)
    }

    @Test func revokeAndIntrospectAuthenticateTheClient() {
        var flow = completedFlow { $0.clientAuthentication = .clientSecretPost }
        _ = flow.handle(.followUpChosen(.introspect))
        guard case .send(let introspect, .introspect) = flow.handle(.sendRequested(at: Fixture.now)) else {
            Issue.record("no request")
            return
        }
        #expect(
            String(decoding: introspect.body, as: UTF8.self)
                == "token=at-1&token_type_hint=access_token&client_id=\(Fixture.client)&client_secret=s3cret-value")
        _ = flow.handle(.responseReceived(.json(200, "OK", #"{"active":true}"#), at: Fixture.now, elapsed: .zero))
        #expect(flow.record.last?.decoded.result == .introspected(active: true))
        _ = flow.handle(.followUpChosen(.revoke))
        guard case .send(let revoke, .revoke) = flow.handle(.sendRequested(at: Fixture.now)) else {
            Issue.record("no request")
            return
        }
        #expect(revoke.url == "\(env)/as/revoke")
        #expect(String(decoding: revoke.body, as: UTF8.self).hasPrefix("token=rt-1&token_type_hint=refresh_token"))
    }

    @Test func signOffSendsTheHintAndTheSessionCookie() {
        var flow = completedFlow()
        _ = flow.handle(.followUpChosen(.signOff))
        guard case .send(let request, .signOff) = flow.handle(.sendRequested(at: Fixture.now)) else {
            Issue.record("no request")
            return
        }
        #expect(request.url == "\(env)/as/signoff?id_token_hint=e30.e30.")
        #expect(request.header("Cookie") == "ST=st-9")
        let response = HTTPResponse(
            status: 200, reason: "OK", headers: [HTTPHeader("Set-Cookie", "ST=; Path=/; Max-Age=0")])
        #expect(flow.handle(.responseReceived(response, at: Fixture.now, elapsed: .zero)) == .finished)
        #expect(flow.cookieJar.cookies.isEmpty)
        #expect(flow.record.last?.decoded.result == .signedOff(sessionCleared: true))
    }

    @Test func followUpsNeedTokens() {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: .fixed())
        #expect(flow.handle(.followUpChosen(.userInfo)) == .none)
        #expect(flow.phase == .ready(.authorize))
    }

    @Test func parSendsTheParametersThenAuthorizesWithRequestURI() {
        var flow = AuthorizationCodeFlow(
            configuration: Fixture.configuration { $0.usesPushedAuthorization = true }, randomness: .fixed())
        #expect(flow.phase == .ready(.par))
        guard case .send(let par, .par) = flow.handle(.sendRequested(at: Fixture.now)) else {
            Issue.record("no PAR request")
            return
        }
        #expect(par.method == "POST")
        #expect(par.url == "\(env)/as/par")
        #expect(FormURLEncoding.decode(String(decoding: par.body, as: UTF8.self)).value("state") == flow.state)
        let reply = HTTPResponse.json(
            201, "Created", #"{"request_uri":"urn:ietf:params:oauth:request_uri:abc","expires_in":60}"#)
        #expect(flow.handle(.responseReceived(reply, at: Fixture.now, elapsed: .zero)) == .awaitSend(.authorize))
        guard case .send(let authorize, .authorize) = flow.handle(.sendRequested(at: Fixture.now)) else {
            Issue.record("no authorize request")
            return
        }
        #expect(
            authorize.url
                == "\(env)/as/authorize?client_id=\(Fixture.client)&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc"
        )
    }

    @Test func clientSecretJWTSendsAVerifiableHS256Assertion() throws {
        var flow = AuthorizationCodeFlow(
            configuration: Fixture.configuration { $0.clientAuthentication = .clientSecretJWT }, randomness: .fixed())
        _ = flow.handle(.sendRequested(at: Fixture.now))
        #expect(
            flow.handle(
                .responseReceived(
                    .redirect("\(Fixture.redirect)?code=c1&state=\(flow.state)"), at: Fixture.now, elapsed: .zero))
                == .awaitSend(.token))
        guard case .send(let request, .token) = flow.handle(.sendRequested(at: Fixture.now)) else {
            Issue.record("no request")
            return
        }
        let form = FormURLEncoding.decode(String(decoding: request.body, as: UTF8.self))
        #expect(form.value("client_assertion_type") == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        let assertion = try JSONWebToken.parse(try #require(form.value("client_assertion")))
        #expect(assertion.algorithm == "HS256")
        #expect(assertion.claims?["iss"]?.stringValue == Fixture.client)
        #expect(assertion.claims?["aud"]?.stringValue == "\(env)/as/token")
        #expect(assertion.claims?["exp"]?.int64Value == Int64(Fixture.now.timeIntervalSince1970) + 300)
        #expect(request.header("Authorization") == nil)
    }

    @Test func aProviderWithoutTheFlowAPISignsOnInTheBrowser() {
        let endpoints = FlowEndpoints(
            issuer: "http://127.0.0.1:9400", authorization: "http://127.0.0.1:9400/oauth2/authorize",
            token: "http://127.0.0.1:9400/oauth2/token")
        var flow = AuthorizationCodeFlow(
            configuration: Fixture.configuration { $0.discoveredEndpoints = endpoints }, randomness: .fixed())
        let action = flow.handle(.sendRequested(at: Fixture.now))
        guard case .awaitBrowserSignOn(let url) = action else {
            Issue.record("expected a browser sign-on, got \(action)")
            return
        }
        #expect(url.hasPrefix("http://127.0.0.1:9400/oauth2/authorize?response_type=code&client_id="))
        #expect(flow.phase == .needsBrowserCallback(authorizeURL: url))
        let next = flow.handle(.callbackReceived("\(Fixture.redirect)?code=bc&state=\(flow.state)", at: Fixture.now))
        #expect(next == .awaitSend(.token))
        #expect(flow.code == "bc")
        #expect(flow.record.map(\.action) == [.authorize(sentBy: .browser), .callbackFromBrowser])
    }
}

@Suite struct BrowserRetryTests {
    @Test func retryingAFailedCallbackWaitsForAnotherOne() {
        let endpoints = FlowEndpoints(
            issuer: "http://127.0.0.1:9400", authorization: "http://127.0.0.1:9400/authorize",
            token: "http://127.0.0.1:9400/token")
        var flow = AuthorizationCodeFlow(
            configuration: Fixture.configuration { $0.discoveredEndpoints = endpoints }, randomness: .fixed())
        guard case .awaitBrowserSignOn(let url) = flow.handle(.sendRequested(at: Fixture.now)) else {
            Issue.record("expected a browser sign-on")
            return
        }
        _ = flow.handle(.callbackReceived("\(Fixture.redirect)?code=x&state=forged", at: Fixture.now))
        #expect(flow.phase == .failed(.signOn, .stateMismatch(sent: flow.state, received: "forged")))
        #expect(flow.handle(.retryRequested) == .awaitBrowserSignOn(URL: url))
        #expect(
            flow.handle(.callbackReceived("\(Fixture.redirect)?code=y&state=\(flow.state)", at: Fixture.now))
                == .awaitSend(.token))
        #expect(flow.code == "y")
    }
}
