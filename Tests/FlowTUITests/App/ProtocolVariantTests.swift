import FlowEngine
import Foundation
import TestSupport
import Testing

@testable import FlowTUI

/// PAR, client assertions, request objects and response modes, stepped through the screen.
@Suite("Protocol variants")
struct ProtocolVariantTests: PaneReading {
    static var parConfiguration: FlowConfiguration {
        var configuration = DemoFlow.configuration
        configuration.usesPushedAuthorization = true
        return configuration
    }

    static func configuration(authentication: ClientAuthenticationMethod) -> FlowConfiguration {
        var configuration = DemoFlow.configuration
        configuration.clientAuthentication = authentication
        configuration.clientKey = DemoFlow.signingKey
        return configuration
    }

    /// A flow of this configuration walked to the token step with the demo's responses.
    static func modelAtToken(_ configuration: FlowConfiguration, size: Size = Size(columns: 120, rows: 40)) -> AppModel
    {
        var model = DemoFlow.model(configuration: configuration, size: size)
        DemoFlow.send(&model, answer: DemoFlow.authorizeRedirect())
        DemoFlow.send(&model, answer: DemoFlow.flowNeedsPassword())
        DemoFlow.press(.character("n"), &model)
        DemoFlow.type(Demo.password, &model)
        DemoFlow.press(.enter, &model)
        DemoFlow.send(&model, answer: DemoFlow.flowCompleted())
        DemoFlow.send(&model, answer: DemoFlow.resumeRedirect(state: model.flow.state))
        return model
    }

    /// A PAR flow after the PAR response: authorize is ready with `request_uri`.
    static func modelAfterPAR(size: Size = Size(columns: 120, rows: 40)) -> AppModel {
        var model = DemoFlow.model(configuration: parConfiguration, size: size)
        DemoFlow.send(&model, answer: DemoFlow.pushedAuthorization())
        return model
    }

    // MARK: - PAR

    @Test func parComesBeforeAuthorizeAndIsSentWithN() {
        var model = DemoFlow.model(configuration: Self.parConfiguration)
        #expect(model.flow.phase == .ready(.par))
        #expect(model.listedSteps == [.par] + FlowStep.core)
        #expect(model.stepKeys == "0-5")
        let screen = DemoFlow.render(model).text
        #expect(screen.contains("▸ 0 PAR"))
        #expect(screen.contains("POST https://auth.pingone.com/"))
        guard case .send(let request, let ticket, _) = DemoFlow.press(.character("n"), &model) else {
            Issue.record("n did not send PAR")
            return
        }
        #expect(request.method == "POST")
        #expect(request.url == "\(DemoFlow.base)/as/par")
        #expect(request.formParameters.value("response_type") == "code")
        #expect(request.formParameters.value("code_challenge_method") == "S256")
        #expect(request.header("Authorization")?.hasPrefix("Basic ") == true)
        _ = model.update(
            .responseReceived(
                ticket: ticket, DemoFlow.pushedAuthorization(), at: DemoFlow.date(0.1),
                elapsed: DemoFlow.elapsed))
        #expect(model.flow.phase == .ready(.authorize))
        #expect(model.flow.requestURI == DemoFlow.requestURI)
        #expect(DemoFlow.hasRow(Self.text(model, .decoded), "request_uri", "\(DemoFlow.requestURI)"))
        #expect(DemoFlow.render(model).text.contains("✓ 0 PAR"))
        guard case .send(let authorize, _, _) = DemoFlow.press(.character("n"), &model) else {
            Issue.record("n did not send authorize")
            return
        }
        #expect(
            authorize.url == "\(DemoFlow.base)/as/authorize?client_id=\(DemoFlow.clientID)&request_uri="
                + FormURLEncoding.escape(DemoFlow.requestURI))
        DemoFlow.press(.character("0"), &model)
        #expect(model.viewedStep == .par)
        #expect(Self.text(model, .response).contains("HTTP/1.1 201 Created"))
    }

    @Test func parErrorIsShownOnItsStep() {
        var model = DemoFlow.model(configuration: Self.parConfiguration)
        DemoFlow.send(
            &model,
            answer: DemoFlow.json(
                #"{"error":"invalid_request","error_description":"redirect_uri is not registered"}"#,
                status: 400, reason: "Bad Request"))
        guard case .failed(.par, _) = model.flow.phase else {
            Issue.record("expected PAR to fail, got \(model.flow.phase)")
            return
        }
        #expect(DemoFlow.render(model).text.contains("✗ 0 PAR"))
        #expect(Self.text(model, .decoded).contains("redirect_uri is not registered"))
        DemoFlow.press(.character("n"), &model)
        #expect(model.flow.phase == .ready(.par))
    }

    // MARK: - Client assertions

    @Test func clientSecretJWTAssertionIsDecodedInTheRequestPane() {
        var model = Self.modelAtToken(Self.configuration(authentication: .clientSecretJWT))
        #expect(model.flow.phase == .ready(.token))
        let building = Self.text(model, .request)
        #expect(building.contains("Added when sent  client authentication"))
        #expect(
            DemoFlow.hasRow(building, "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        )
        #expect(DemoFlow.hasRow(building, "client_assertion", "••••••  JWT, decoded below"))
        #expect(DemoFlow.hasRow(building, "client_assertion", "decoded · RFC 7523"))
        #expect(building.contains(#"header  {"alg":"HS256","typ":"JWT"}"#))
        #expect(DemoFlow.hasRow(building, "iss", "\(DemoFlow.clientID)"))
        #expect(DemoFlow.hasRow(building, "aud", "\(DemoFlow.base)/as/token"))
        #expect(DemoFlow.hasRow(building, "signed", "HS256 with the client secret"))
        #expect(!building.contains("eyJhbGciOiJIUzI1NiIs"), "the assertion itself is masked")

        let request = DemoFlow.send(&model, answer: DemoFlow.tokens(nonce: model.flow.nonce))
        let assertion = request?.formParameters.value("client_assertion") ?? "missing"
        #expect(JSONWebToken.looksLikeJWT(assertion))
        DemoFlow.press(.character("4"), &model)
        let sent = Self.text(model, .request)
        #expect(sent.contains("client_assertion=••••••"), "the sent body hides the assertion: \(sent)")
        #expect(DemoFlow.hasRow(sent, "client_assertion", "decoded · RFC 7523"))
        #expect(!DemoFlow.render(model).text.contains(String(assertion.suffix(20))))
        DemoFlow.press(.character("m"), &model)
        #expect(Self.text(model, .request).contains(String(assertion.prefix(30))))
    }

    @Test func copiedCurlHidesTheAssertionBeingBuilt() {
        var model = Self.modelAtToken(Self.configuration(authentication: .clientSecretJWT))
        guard case .copy(let curl) = DemoFlow.press(.character("c"), &model) else {
            Issue.record("c did not copy")
            return
        }
        #expect(curl.contains("client_assertion=${AUTHFLOW_CLIENT_ASSERTION}"))
        #expect(!curl.contains("client_assertion=eyJ"))
    }

    @Test func privateKeyJWTAssertionNamesTheKey() throws {
        try #require(DemoFlow.signingKey != nil)
        let model = Self.modelAtToken(Self.configuration(authentication: .privateKeyJWT))
        let building = Self.text(model, .request)
        #expect(building.contains(#"header  {"alg":"RS256","typ":"JWT","kid":"\#(DemoFlow.keyID)"}"#), "\(building)")
        #expect(DemoFlow.hasRow(building, "signed", "RS256 with the client's private key (kid fGYrysd1…)"))
    }

    @Test func clientSecretPostShowsTheSecretMasked() {
        let model = Self.modelAtToken(Self.configuration(authentication: .clientSecretPost))
        let building = Self.text(model, .request)
        #expect(DemoFlow.hasRow(building, "client_secret", "••••••"))
        #expect(!DemoFlow.render(model).text.contains(DemoFlow.clientSecret))
    }

    // MARK: - Request objects

    @Test func requestObjectIsDecodedWhileBuiltAndAsSent() {
        var configuration = DemoFlow.configuration
        configuration.requestObject = .clientSecret
        var model = DemoFlow.model(configuration: configuration)
        let building = Self.text(model, .request)
        #expect(DemoFlow.hasRow(building, "Parameters", "e edits · signed into the request object"))
        #expect(building.contains("Sent as  RFC 9101"))
        #expect(building.contains("request object  decoded · RFC 9101"))
        #expect(building.contains("state"))
        #expect(DemoFlow.hasRow(building, "signed", "HS256 with the client secret"))
        guard case .send(let request, _, _) = DemoFlow.press(.character("n"), &model) else {
            Issue.record("not sent")
            return
        }
        let jwt = request.queryParameters.value("request") ?? ""
        let claims = try? JSONWebToken.parse(jwt).claims
        #expect(claims?["state"]?.stringValue == model.flow.state)
        let sent = Self.text(model, .request)
        #expect(sent.contains("request object  decoded · RFC 9101"))
        #expect(DemoFlow.hasRow(sent, "request", "\(jwt.prefix(20))…  JWT, decoded below"), "\(sent)")
    }

    // MARK: - Response modes

    static func model(responseMode: String) -> AppModel {
        var configuration = DemoFlow.configuration
        configuration.responseMode = responseMode
        var model = DemoFlow.model(configuration: configuration)
        DemoFlow.send(&model, answer: DemoFlow.authorizeRedirect())
        DemoFlow.send(&model, answer: DemoFlow.flowNeedsPassword())
        DemoFlow.press(.character("n"), &model)
        DemoFlow.type(Demo.password, &model)
        DemoFlow.press(.enter, &model)
        DemoFlow.send(&model, answer: DemoFlow.flowCompleted())
        return model
    }

    @Test func formPostShowsTheFormsFields() {
        var model = Self.model(responseMode: "form_post")
        let page = """
            <html><body onload="document.forms[0].submit()"><form method="post" action="\(DemoFlow.redirectURI)">\
            <input type="hidden" name="code" value="\(DemoFlow.code)"/><input type="hidden" name="state" value="\(model.flow.state)"/>\
            </form></body></html>
            """
        DemoFlow.send(
            &model,
            answer: HTTPResponse(
                status: 200, reason: "OK", headers: [HTTPHeader("Content-Type", "text/html")],
                body: Array(page.utf8)))
        #expect(model.flow.phase == .ready(.token))
        let decoded = Self.text(model, .decoded)
        #expect(decoded.contains("Form post  the auto-submit form's fields"))
        #expect(DemoFlow.hasRow(decoded, "code", "\(DemoFlow.code)"), "\(decoded)")
        #expect(DemoFlow.hasRow(decoded, "state", "\(model.flow.state)"))
        #expect(DemoFlow.hasRow(decoded, "state", "✓ received = sent"))
    }

    @Test func fragmentCarriesTheCode() {
        var model = Self.model(responseMode: "fragment")
        DemoFlow.send(
            &model,
            answer: HTTPResponse(
                status: 302, reason: "Found",
                headers: [
                    HTTPHeader("Location", "\(DemoFlow.redirectURI)#code=\(DemoFlow.code)&state=\(model.flow.state)")
                ]))
        #expect(model.flow.phase == .ready(.token))
        let decoded = Self.text(model, .decoded)
        #expect(DemoFlow.hasRow(decoded, "Location", "\(DemoFlow.redirectURI)#code=\(DemoFlow.code)"))
        #expect(DemoFlow.hasRow(decoded, "code", "\(DemoFlow.code)"), "\(decoded)")
    }

    @Test func piFlowSkipsResume() {
        var configuration = DemoFlow.configuration
        configuration.responseMode = "pi.flow"
        var model = DemoFlow.model(configuration: configuration)
        DemoFlow.send(&model, answer: DemoFlow.flowNeedsPassword())
        #expect(model.flow.phase == .needsCredentials)
        DemoFlow.press(.character("n"), &model)
        DemoFlow.type(Demo.password, &model)
        DemoFlow.press(.enter, &model)
        DemoFlow.send(
            &model,
            answer: DemoFlow.json(
                """
                {"id":"\(DemoFlow.flowID)","status":"COMPLETED","authorizeResponse":{"code":"\(DemoFlow.code)","state":"\(model.flow.state)"}}
                """))
        #expect(model.flow.phase == .ready(.token))
        let screen = DemoFlow.render(model).text
        #expect(screen.contains("✓ 2 Sign on"))
        #expect(screen.contains("– 3 Resume"))
        #expect(screen.contains("▸ 4 Token"))
        #expect(DemoFlow.hasRow(Self.text(model, .decoded), "code", "\(DemoFlow.code)"))
    }
}
