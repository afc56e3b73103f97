import FlowEngine
import Foundation
import TestSupport
import Testing

@testable import FlowTUI

/// What the screen shows at the trust boundary: secrets masked in every encoding in the Request
/// pane and the copied curl, a foreign origin marked, a rejected cookie with its reason.
@Suite struct TrustBoundaryPaneTests {
    static let password = #"p"a\s/s&w=o+r%d é \u00e9 "\"#
    static let secret = #"s\e"c/r&e=t+% é  x"#
    static let size = Size(columns: 220, rows: 70)

    /// Every spelling a secret can take on screen or in a command line.
    static func spellings(of secret: String) -> [String] {
        let escaped = secret.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        var spellings = [
            secret, FormURLEncoding.escape(secret), escaped, escaped.replacingOccurrences(of: "/", with: "\\/"),
            FormURLEncoding.escape(secret).replacingOccurrences(of: "+", with: "%20"),
            Data("\(DemoFlow.clientID):\(FormURLEncoding.escape(secret))".utf8).base64EncodedString(),
            Data("\(DemoFlow.clientID):\(secret)".utf8).base64EncodedString(),
            // A shell-quoted form, as in the copied curl.
            secret.replacingOccurrences(of: "'", with: "'\\''"),
        ]
        if let percent = secret.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) {
            spellings.append(percent)
        }
        return spellings
    }

    static func leaked(_ text: String) -> [String] {
        (spellings(of: password) + spellings(of: secret)).filter { text.contains($0) }
    }

    static func model(_ method: ClientAuthenticationMethod) -> AppModel {
        var configuration = DemoFlow.configuration
        configuration.clientSecret = secret
        configuration.clientAuthentication = method
        return DemoFlow.model(configuration: configuration, size: size)
    }

    static func copy(_ model: inout AppModel) -> String {
        guard case .copy(let text) = DemoFlow.press(.character("c"), &model) else { return "" }
        return text
    }

    @Test(arguments: [ClientAuthenticationMethod.clientSecretBasic, .clientSecretPost])
    func nastySecretsAreMaskedInTheRequestPaneAndTheCopiedCurl(method: ClientAuthenticationMethod) {
        var model = Self.model(method)
        DemoFlow.send(&model, answer: DemoFlow.authorizeRedirect())
        DemoFlow.send(&model, answer: DemoFlow.flowNeedsPassword())
        DemoFlow.press(.character("n"), &model)
        DemoFlow.type(Self.password, &model)
        DemoFlow.press(.enter, &model)
        #expect(model.flow.configuration.password == Self.password)
        // The password check, being built and then as sent.
        var building = model
        #expect(Self.leaked(DemoFlow.render(building).text) == [])
        #expect(Self.leaked(Self.copy(&building)) == [])
        DemoFlow.send(&model, answer: DemoFlow.flowCompleted())
        var sent = model
        DemoFlow.press(.character("2"), &sent)
        let sentScreen = DemoFlow.render(sent).text
        #expect(sentScreen.contains("Check username and password") || sentScreen.contains("POST"))
        #expect(Self.leaked(sentScreen) == [])
        let sentCurl = Self.copy(&sent)
        #expect(sentCurl.contains("--data-binary"))
        #expect(sentCurl.contains(#""password":"••••••""#))
        #expect(Self.leaked(sentCurl) == [])
        // The token request carries the client secret (Basic or in the form).
        DemoFlow.send(&model, answer: DemoFlow.resumeRedirect(state: model.flow.state))
        var token = model
        #expect(Self.leaked(DemoFlow.render(token).text) == [])
        let tokenCurl = Self.copy(&token)
        #expect(tokenCurl.contains("${AUTHFLOW_"), "secrets are variables in a masked curl")
        #expect(Self.leaked(tokenCurl) == [])
        DemoFlow.send(&model, answer: DemoFlow.tokens(nonce: model.flow.nonce))
        DemoFlow.press(.character("4"), &model)
        #expect(Self.leaked(DemoFlow.render(model).text) == [])
        #expect(Self.leaked(Self.copy(&model)) == [])
    }

    @Test func aForeignCheckLinkIsMarkedAndTheRequestRefused() {
        var model = DemoFlow.model(at: .signOnReady, size: Self.size)
        let foreign = "https://collector.example.net"
        DemoFlow.send(
            &model,
            answer: DemoFlow.json(
                """
                {"id":"\(DemoFlow.flowID)","status":"USERNAME_PASSWORD_REQUIRED",\
                "_links":{"usernamePassword.check":{"href":"\(foreign)/flows/\(DemoFlow.flowID)"}}}
                """))
        DemoFlow.press(.character("n"), &model)
        DemoFlow.type(Demo.password, &model)
        DemoFlow.press(.enter, &model)
        let screen = DemoFlow.render(model).text
        #expect(screen.contains("Foreign origins"))
        #expect(screen.contains("⚠ \(foreign)"))
        #expect(screen.contains("_links.usernamePassword.check"))
        #expect(screen.contains("The request cannot be built"))
        // n says why, naming both origins; nothing is sent.
        let command = DemoFlow.press(.character("n"), &model)
        if case .send = command { Issue.record("the password was sent to \(foreign)") }
        guard case .failed(.signOn, let failure) = model.flow.phase else {
            Issue.record("expected the sign-on step to fail, got \(model.flow.phase)")
            return
        }
        #expect(failure.description.contains(foreign))
        #expect(failure.description.contains("https://auth.pingone.com"))
    }

    @Test func aRejectedCookieIsShownWithItsReason() {
        var model = DemoFlow.model(size: Self.size)
        var redirect = DemoFlow.authorizeRedirect()
        redirect.headers.append(HTTPHeader("Set-Cookie", "tracker=1; Domain=evil.example; Path=/"))
        DemoFlow.send(&model, answer: redirect)
        #expect(model.flow.cookieJar.cookies.map(\.name) == ["ST", "ST-NO-SS"])
        let screen = DemoFlow.render(model).text
        #expect(screen.contains("✗ rejected tracker (Domain=evil.example)"))
        #expect(screen.contains("does not domain-match the host auth.pingone.com"))
    }

    @Test func pingOnesSignOnPageIsNotMarkedForeign() {
        let model = DemoFlow.model(at: .signOnReady, size: Self.size)
        #expect(model.flow.record.allSatisfy { $0.decoded.foreignURLs.isEmpty })
        #expect(!DemoFlow.render(model).text.contains("Foreign origins"))
    }
}
