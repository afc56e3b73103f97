import FlowEngine
import Foundation
import TestSupport

@testable import FlowTUI

/// A PingOne-shaped flow with fixed randomness and a fixed clock, and the responses a PingOne
/// environment gives at each step, so the screen can be driven through the whole demo offline.
enum DemoFlow {
    static let environmentID = Demo.environmentID
    static let clientID = Demo.webAppID
    static let clientSecret = "s3cr3t-client-secret-value"
    static let flowID = "03e52d0a-c55a-4807-889b-5f5a0d3e4a11"
    static let sessionCookie = "st-session-0123456789abcdef"
    static let code = "a1b2c3d4-code-e5f6"
    /// The RS256 test key from `vectors/` (RFC 7638 thumbprint as its kid), so signatures verify.
    static let keyID = "fGYrysd1-IbnDo0TM0eja3etHW69KMR5DpVMQZivEPQ"
    static let signingKey: ClientKey? = {
        guard let pem = try? Vectors.text("rs256-test-key.pem") else { return nil }
        return try? ClientKey(text: pem, keyID: keyID)
    }()
    static let redirectURI = "https://app.example.com/callback"
    static let base = "https://auth.pingone.com/\(environmentID)"
    /// 2026-11-22 09:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_795_338_000)
    static let elapsed = Duration.milliseconds(42)
    static let credentials = Presentation.DemoCredentials(username: "demo.user", password: Demo.password)
    static let presentation = Presentation(masksSecrets: true, label: "demo", demoCredentials: credentials)

    static var configuration: FlowConfiguration {
        FlowConfiguration(
            authBaseURL: "https://auth.pingone.com", environmentID: environmentID, region: "NA",
            clientID: clientID, clientSecret: clientSecret, redirectURI: redirectURI)
    }

    static func flow() -> AuthorizationCodeFlow {
        AuthorizationCodeFlow(configuration: configuration, randomness: .fixed(seed: 1))
    }

    static func model(size: Size = Size(columns: 120, rows: 40), presentation: Presentation = presentation) -> AppModel
    {
        AppModel(flow: flow(), presentation: presentation, size: size, now: start)
    }

    static func date(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    // MARK: - Responses

    static let commonHeaders = [
        HTTPHeader("Date", "Sun, 22 Nov 2026 09:00:01 GMT"),
        HTTPHeader("Correlation-Id", "8d2f1c3e-5b7a-4e21-9f00-6b1d2c3e4f50"),
    ]

    static func authorizeRedirect() -> HTTPResponse {
        HTTPResponse(
            status: 302, reason: "Found",
            headers: [
                HTTPHeader("Location", "https://apps.pingone.com/\(environmentID)/signon/?flowId=\(flowID)"),
                HTTPHeader(
                    "Set-Cookie", "ST=\(sessionCookie); Path=/\(environmentID); Secure; HttpOnly; SameSite=None"),
                HTTPHeader("Set-Cookie", "ST-NO-SS=\(sessionCookie)-nss; Path=/\(environmentID); Secure; HttpOnly"),
                HTTPHeader("Cache-Control", "no-cache, no-store"),
            ] + commonHeaders)
    }

    static func json(
        _ text: String, status: Int = 200, reason: String = "OK",
        contentType: String = "application/hal+json;charset=UTF-8"
    ) -> HTTPResponse {
        HTTPResponse(
            status: status, reason: reason,
            headers: [HTTPHeader("Content-Type", contentType)] + commonHeaders, body: Array(text.utf8))
    }

    static func flowNeedsPassword() -> HTTPResponse {
        json(
            """
            {"id":"\(flowID)","status":"USERNAME_PASSWORD_REQUIRED","_links":{"self":{"href":"\(base)/flows/\(flowID)"},\
            "usernamePassword.check":{"href":"\(base)/flows/\(flowID)"},"password.forgot":{"href":"\(base)/flows/\(flowID)"}},\
            "_embedded":{"application":{"name":"Demo App"}}}
            """)
    }

    static func flowCompleted() -> HTTPResponse {
        json(
            """
            {"id":"\(flowID)","status":"COMPLETED","resumeUrl":"\(base)/as/resume?flowId=\(flowID)",\
            "_links":{"self":{"href":"\(base)/flows/\(flowID)"}}}
            """)
    }

    static func resumeRedirect(state: String) -> HTTPResponse {
        HTTPResponse(
            status: 302, reason: "Found",
            headers: [
                HTTPHeader("Location", "\(redirectURI)?code=\(code)&state=\(state)")
            ] + commonHeaders)
    }

    static func jwt(header: String, claims: String) -> String {
        Base64URL.encode(header) + "." + Base64URL.encode(claims) + "." + Base64URL.encode("signature-bytes")
    }

    /// A JWS signed with the test key (RS256); unsigned, and so failing its signature check, if
    /// the key is missing.
    static func signed(_ claims: String, type: String? = nil) -> String {
        let typ = type.map { #","typ":"\#($0)""# } ?? ""
        let input = Base64URL.encode(#"{"kid":"\#(keyID)","alg":"RS256"\#(typ)}"#) + "." + Base64URL.encode(claims)
        guard let key = signingKey, let signature = try? key.sign(input) else {
            return input + "." + Base64URL.encode("not-signed")
        }
        return input + "." + Base64URL.encode(signature)
    }

    static let refreshToken = "rt-0f1e2d3c4b5a69788796a5b4c3d2e1f0"
    static let rotatedRefreshToken = "rt-rotated-11223344556677889900aabb"

    static func tokens(nonce: String?, refreshToken: String? = nil, issuedAfter seconds: Int = 0) -> HTTPResponse {
        let issued = Int(start.timeIntervalSince1970) + seconds
        let idToken = signed(
            """
            {"sub":"9a7c5e3b-1d2f-4a6b-8c0e-2f4a6b8c0e1d","aud":"\(clientID)","iss":"\(base)/as",\
            "iat":\(issued),"exp":\(issued + 3600),"auth_time":\(issued),\(nonce.map { #""nonce":"\#($0)","# } ?? "")\
            "preferred_username":"demo.user","env":"\(environmentID)"}
            """)
        // RFC 9068 §2.1: a JWT access token says so in its typ.
        let accessToken = signed(
            """
            {"client_id":"\(clientID)","iss":"\(base)/as","jti":"b4c2d1e0","iat":\(issued),"exp":\(issued + 3600),\
            "aud":["https://api.pingone.com"],"scope":"openid profile email","sub":"9a7c5e3b-1d2f-4a6b-8c0e-2f4a6b8c0e1d"}
            """, type: "at+jwt")
        let refresh = refreshToken.map { #","refresh_token":"\#($0)""# } ?? ""
        return json(
            """
            {"access_token":"\(accessToken)","token_type":"Bearer","expires_in":3600,"scope":"openid profile email",\
            "id_token":"\(idToken)"\(refresh)}
            """, contentType: "application/json;charset=UTF-8")
    }

    // MARK: - After the tokens

    static let subject = "9a7c5e3b-1d2f-4a6b-8c0e-2f4a6b8c0e1d"

    static func userInfo() -> HTTPResponse {
        json(
            """
            {"sub":"\(subject)","preferred_username":"demo.user","given_name":"Demo","family_name":"User",\
            "email":"demo.user@example.com","updated_at":1795000000,"env":"\(environmentID)"}
            """, contentType: "application/json;charset=UTF-8")
    }

    static func introspection(active: Bool) -> HTTPResponse {
        let issued = Int(start.timeIntervalSince1970)
        return json(
            active
                ? """
                {"active":true,"client_id":"\(clientID)","token_type":"Bearer","scope":"openid profile email",\
                "sub":"\(subject)","iat":\(issued),"exp":\(issued + 3600),"aud":["https://api.pingone.com"]}
                """ : #"{"active":false}"#, contentType: "application/json;charset=UTF-8")
    }

    /// RFC 7009 §2.2: an empty 200, whether or not the token was valid.
    static func revoked() -> HTTPResponse {
        HTTPResponse(status: 200, reason: "OK", headers: commonHeaders)
    }

    /// PingOne's sign-off page, with the `ST` cookie expired.
    static func signedOff() -> HTTPResponse {
        HTTPResponse(
            status: 200, reason: "OK",
            headers: [
                HTTPHeader("Content-Type", "text/html;charset=UTF-8"),
                HTTPHeader("Set-Cookie", "ST=; Path=/\(environmentID); Max-Age=0; Secure; HttpOnly; SameSite=None"),
            ] + commonHeaders,
            body: Array("<!DOCTYPE html><html><body><h1>You have been signed off.</h1></body></html>".utf8))
    }

    /// A PAR response (RFC 9126 §2.2).
    static let requestURI = "urn:ietf:params:oauth:request_uri:4f2a8e1c-9b3d-4a7e-8c51-0d6f2b9e3a17"

    static func pushedAuthorization() -> HTTPResponse {
        json(
            #"{"request_uri":"\#(requestURI)","expires_in":60}"#, status: 201, reason: "Created",
            contentType: "application/json;charset=UTF-8")
    }

    static func keySet() -> HTTPResponse {
        let jwks = (try? Vectors.text("rs256-test-jwks.json")) ?? "{}"
        return json(jwks, contentType: "application/json")
    }

    static func invalidCredentials() -> HTTPResponse {
        let body = """
            {"id":"5e1b9a5c-0c57-4b3d-a7e2-3c1f1f1e2d3c","code":"INVALID_DATA","message":"The request could not be \
            completed. One or more validation errors were in the request.","details":[{"code":"INVALID_CREDENTIALS",\
            "target":"password","message":"The provided password did not match provided user","innerError":\
            {"failuresRemaining":4}}]}
            """
        return json(body, status: 400, reason: "Bad Request")
    }

    // MARK: - Driving the model

    /// Sends a key and returns the command.
    @discardableResult
    static func press(_ key: Key, _ model: inout AppModel) -> AppCommand {
        model.update(.keyPressed(key))
    }

    /// Types text, one key per character.
    static func type(_ text: String, _ model: inout AppModel) {
        for character in text { _ = model.update(.keyPressed(.character(character))) }
    }

    /// Presses `n` and answers the request it sends with `response`; returns the request sent.
    @discardableResult
    static func send(_ model: inout AppModel, answer response: HTTPResponse, after seconds: Double = 1) -> HTTPRequest?
    {
        guard case .send(let request, let ticket, _) = model.update(.keyPressed(.character("n"))) else { return nil }
        // The server's clock agrees with ours: its Date header says when it answered.
        var dated = response
        dated.headers = dated.headers.map {
            $0.name == "Date" ? HTTPHeader("Date", HTTPDate.format(model.now)) : $0
        }
        _ = model.update(
            .responseReceived(ticket: ticket, dated, at: model.now.addingTimeInterval(0.042), elapsed: elapsed))
        _ = model.update(.ticked(model.now.addingTimeInterval(seconds)))
        return request
    }

    /// The demo model at each step, each one built on the last.
    enum Stage: String, CaseIterable {
        case authorizeReady = "1-authorize-ready"
        case authorizeWaiting = "1-authorize-waiting"
        case signOnReady = "2-sign-on-read-flow"
        case credentialsPrompt = "2-sign-on-credentials-prompt"
        case credentialsReady = "2-sign-on-check-password"
        case resumeReady = "3-resume-ready"
        case tokenReady = "4-token-ready"
        case inspectReady = "5-inspect-ready"
        case completed = "6-complete"
    }

    /// The model at a stage of the demo, reached through keys and canned responses.
    static func model(at stage: Stage, size: Size, presentation: Presentation = presentation) -> AppModel {
        var model = model(size: size, presentation: presentation)
        if stage == .authorizeReady { return model }
        if stage == .authorizeWaiting {
            _ = press(.character("n"), &model)
            _ = model.update(.ticked(date(1.3)))
            return model
        }
        send(&model, answer: authorizeRedirect())
        if stage == .signOnReady { return model }
        send(&model, answer: flowNeedsPassword())
        press(.character("n"), &model)
        type(Demo.password, &model)
        if stage == .credentialsPrompt { return model }
        press(.enter, &model)
        if stage == .credentialsReady { return model }
        send(&model, answer: flowCompleted())
        if stage == .resumeReady { return model }
        send(&model, answer: resumeRedirect(state: model.flow.state))
        if stage == .tokenReady { return model }
        send(&model, answer: tokens(nonce: model.flow.nonce))
        if stage == .inspectReady { return model }
        send(&model, answer: keySet())
        return model
    }

    /// The demo flow completed with a refresh token among the tokens.
    static func completedWithRefreshToken(size: Size = Size(columns: 120, rows: 40)) -> AppModel {
        var model = model(at: .tokenReady, size: size)
        send(&model, answer: tokens(nonce: model.flow.nonce, refreshToken: refreshToken))
        send(&model, answer: keySet())
        return model
    }

    /// A model for another configuration of the demo flow, not started.
    static func model(configuration: FlowConfiguration, size: Size = Size(columns: 120, rows: 40)) -> AppModel {
        AppModel(
            flow: AuthorizationCodeFlow(configuration: configuration, randomness: .fixed(seed: 1)),
            presentation: presentation, size: size, now: start)
    }

    /// Whether some line of `text` is a table row: `key`, blanks, then a value starting with `value`.
    static func hasRow(_ text: String, _ key: String, _ value: String) -> Bool {
        text.split(separator: "\n").contains { line in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix(key + " ") else { return false }
            return trimmed.dropFirst(key.count).drop { $0 == " " }.hasPrefix(value)
        }
    }

    /// The canvas of a model.
    static func render(_ model: AppModel) -> Canvas {
        var canvas = Canvas(size: model.size)
        model.render(into: &canvas)
        return canvas
    }
}
