import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// FIDO `ASSERTION_REQUIRED` in the TUI: the flow is handed to a browser on the hosted sign-on page
/// that continues it (`c` copies that page's URL), and the browser's way back is pasted or caught.
@Suite("Security-key hand-off in the TUI")
struct SecurityKeyHandOffTests {
    static let page = "https://apps.pingone.com/\(DemoFlow.environmentID)/signon/?flowId=\(DemoFlow.flowID)"

    /// The Flow API's answer for a user whose second factor is a security key, with the page that
    /// continues the flow at `signOnPage`.
    static func assertionRequired(page: String = page) -> HTTPResponse {
        DemoFlow.json(
            #"{"id":"\#(DemoFlow.flowID)","status":"ASSERTION_REQUIRED","_links":{"self":{"href":"\#(SignOnStageTests.flowURL)"},"assertion.check":{"href":"\#(SignOnStageTests.flowURL)"},"signOnPage":{"href":"\#(page)"}},"_embedded":{"devices":[{"id":"d-key","type":"SECURITY_KEY"}]},"selectedDevice":{"id":"d-key"}}"#
        )
    }

    @Test func theHostedPageIsOfferedAndThePastedCallbackGoesOnToTheToken() {
        var model = SignOnStageTests().signedOnModel()
        DemoFlow.send(&model, answer: Self.assertionRequired())
        #expect(model.flow.phase == .needsBrowserCallback(authorizeURL: Self.page))
        #expect(model.flow.signOn?.handOffURL == Self.page)
        #expect(model.notice?.contains("FIDO2 security key (ASSERTION_REQUIRED)") == true)
        #expect(model.notice?.hasSuffix("Then paste the callback URL: press n.") == true)

        // `c` copies the page that continues this flow, not the authorize request.
        #expect(DemoFlow.press(.character("c"), &model) == .copy(Self.page))

        DemoFlow.press(.character("n"), &model)
        let screen = DemoFlow.render(model).text
        #expect(screen.contains("Security key: continue in a browser"))
        #expect(screen.contains("ASSERTION_REQUIRED: open this URL, use the key"))
        // The dialog breaks the URL at its separators, so it reads whole over two lines.
        #expect(screen.contains("/\(DemoFlow.environmentID)/signon/?"))
        #expect(screen.contains("flowId=\(DemoFlow.flowID)"))

        DemoFlow.type("\(DemoFlow.redirectURI)?code=\(DemoFlow.code)&state=\(model.flow.state)", &model)
        DemoFlow.press(.enter, &model)
        #expect(model.overlay == nil)
        #expect(model.flow.phase == .ready(.token))
        #expect(model.flow.code == DemoFlow.code)
        #expect(model.flow.record.last?.action == .callbackFromBrowser)
        #expect(model.flow.record.contains { $0.decoded.flowStatus == "ASSERTION_REQUIRED" })
    }

    @Test func withTheListenerOnTheBrowsersWayBackIsCaught() {
        var presentation = DemoFlow.presentation
        presentation.callbackListenerURL = BrowserSignOnTests.listenerURL
        var configuration = DemoFlow.configuration
        configuration.redirectURI = BrowserSignOnTests.listenerURL
        var model = AppModel(
            flow: AuthorizationCodeFlow(configuration: configuration, randomness: .fixed(seed: 1)),
            presentation: presentation, size: Size(columns: 120, rows: 40), now: DemoFlow.start)
        DemoFlow.send(&model, answer: DemoFlow.authorizeRedirect())
        DemoFlow.send(&model, answer: DemoFlow.flowNeedsPassword())
        DemoFlow.press(.character("n"), &model)
        DemoFlow.type("2Federate!", &model)
        DemoFlow.press(.enter, &model)

        guard case .send(_, let ticket, _) = DemoFlow.press(.character("n"), &model) else {
            Issue.record("n did not send the password check")
            return
        }
        let command = model.update(
            .responseReceived(ticket: ticket, Self.assertionRequired(), at: model.now, elapsed: .milliseconds(5)))
        guard case .listenForCallback(let listenTicket, _) = command else {
            Issue.record("expected the listener to start, got \(command)")
            return
        }
        #expect(model.notice?.contains("authflow catches the redirect on \(BrowserSignOnTests.listenerURL)") == true)
        let back = "\(BrowserSignOnTests.listenerURL)?code=\(DemoFlow.code)&state=\(model.flow.state)"
        _ = model.update(.callbackCaught(ticket: listenTicket, back, at: DemoFlow.date(9)))
        #expect(model.flow.phase == .ready(.token))
        #expect(model.listening == nil)
    }

    @Test func aPageOnAForeignOriginIsNotHandedToAndTheWayOnIsNamed() {
        var model = SignOnStageTests().signedOnModel()
        DemoFlow.send(&model, answer: Self.assertionRequired(page: "https://signon.example.net/continue?flowId=x"))
        guard case .failed(.signOn, .signOnNeedsBrowser(let status, let links)) = model.flow.phase else {
            Issue.record("expected the sign-on to need a browser, got \(model.flow.phase)")
            return
        }
        #expect(status == "ASSERTION_REQUIRED")
        #expect(links.contains("signOnPage"))
        #expect(model.flow.signOn?.handOffURL == nil)
        let screen = DemoFlow.render(model).text
        #expect(screen.contains("--browser"), "\(screen)")
    }
}
