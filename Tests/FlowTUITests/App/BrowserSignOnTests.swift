import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// Sign-on in a browser (a provider without PingOne's Flow API, or `--browser`): the callback is
/// pasted, or caught by the session's loopback listener.
@Suite("Browser sign-on")
struct BrowserSignOnTests: PaneReading {
    static let listenerURL = "http://127.0.0.1:8765/callback"

    /// A browser flow whose redirect URI is the loopback listener's.
    static func model(listening: Bool) -> AppModel {
        var configuration = DemoFlow.configuration
        configuration.signOnInBrowser = true
        configuration.redirectURI = listenerURL
        var presentation = DemoFlow.presentation
        presentation.callbackListenerURL = listening ? listenerURL : nil
        return AppModel(
            flow: AuthorizationCodeFlow(configuration: configuration, randomness: .fixed(seed: 1)),
            presentation: presentation, size: Size(columns: 120, rows: 40), now: DemoFlow.start)
    }

    static func callback(_ model: AppModel, state: String? = nil) -> String {
        "\(listenerURL)?code=\(DemoFlow.code)&state=\(state ?? model.flow.state)"
    }

    @Test func sendingAuthorizeStartsTheListener() {
        var model = Self.model(listening: true)
        #expect(
            DemoFlow.press(.character("n"), &model) == .listenForCallback(ticket: 1, timeout: AppModel.listenTimeout))
        #expect(model.listening == AppModel.Listening(ticket: 1, since: DemoFlow.start))
        guard case .needsBrowserCallback = model.flow.phase else {
            Issue.record("expected to wait for the browser, got \(model.flow.phase)")
            return
        }
        _ = model.update(.ticked(DemoFlow.date(3)))
        let response = Self.text(model, .response)
        #expect(response.contains("The browser sends this request"))
        #expect(DemoFlow.hasRow(response, "listening", "⠋ 3 s"), "\(response)")
        #expect(DemoFlow.hasRow(response, "on", "\(Self.listenerURL)"))
        #expect(Self.text(model, .request).contains("The browser sends this request, not authflow"))
        let footer = model.keyBar.line(width: 300).plainText
        #expect(footer.hasPrefix("n paste callback  esc stop listening  c copy URL"))
        #expect(DemoFlow.render(model).text.contains("✓ 1 Authorize"), "the browser sent it: not a failure")
    }

    @Test func aCaughtCallbackIsTheSignOnStep() {
        var model = Self.model(listening: true)
        DemoFlow.press(.character("n"), &model)
        let url = Self.callback(model)
        #expect(model.update(.callbackCaught(ticket: 1, url, at: DemoFlow.date(5))) == .none)
        #expect(model.listening == nil)
        #expect(model.flow.phase == .ready(.token))
        #expect(model.flow.code == DemoFlow.code)
        #expect(model.flow.record.last?.action == .callbackFromBrowser)
        #expect(model.notice == "Caught the browser's redirect on the loopback listener: n sends the token request.")
        DemoFlow.press(.character("2"), &model)
        let response = Self.text(model, .response)
        #expect(response.contains("The browser was sent back to"))
        #expect(DemoFlow.hasRow(response, "code", "\(DemoFlow.code)"), "\(response)")
        let screen = DemoFlow.render(model).text
        #expect(screen.contains("✓ 2 Sign on"))
        #expect(screen.contains("– 3 Resume"))
    }

    @Test func aStaleOrStoppedCatchIsIgnored() {
        var model = Self.model(listening: true)
        DemoFlow.press(.character("n"), &model)
        let before = model
        #expect(model.update(.callbackCaught(ticket: 7, Self.callback(model), at: DemoFlow.date(1))) == .none)
        #expect(model == before)
        #expect(DemoFlow.press(.escape, &model) == .stopListening(ticket: 1))
        #expect(model.listening == nil)
        #expect(model.notice == "Stopped listening: n pastes the callback URL, l listens again.")
        let stopped = model
        #expect(model.update(.callbackCaught(ticket: 1, Self.callback(model), at: DemoFlow.date(2))) == .none)
        #expect(model == stopped)
        #expect(model.keyBar.line(width: 300).plainText.hasPrefix("n paste callback  l listen  c copy URL"))
        #expect(
            DemoFlow.press(.character("l"), &model) == .listenForCallback(ticket: 2, timeout: AppModel.listenTimeout))
        #expect(DemoFlow.press(.character("l"), &model) == .none, "one wait at a time")
    }

    @Test func aListenerThatGivesUpSaysWhy() {
        var model = Self.model(listening: true)
        DemoFlow.press(.character("n"), &model)
        _ = model.update(
            .callbackListenerFailed(
                ticket: 1, reason: "no redirect reached the loopback listener within 900 s\u{1b}[2J"))
        #expect(model.listening == nil)
        #expect(
            model.notice
                == "No redirect caught: no redirect reached the loopback listener within 900 s\\x1b[2J. n pastes the callback URL, l listens again."
        )
        guard case .needsBrowserCallback = model.flow.phase else {
            Issue.record("the flow should still wait for the callback")
            return
        }
    }

    @Test func pastingWhileListeningStopsTheListener() {
        var model = Self.model(listening: true)
        DemoFlow.press(.character("n"), &model)
        DemoFlow.press(.character("n"), &model)
        guard case .browserCallback = model.overlay else {
            Issue.record("no paste prompt")
            return
        }
        #expect(DemoFlow.render(model).text.contains("authflow is listening on \(Self.listenerURL) too"))
        DemoFlow.type(Self.callback(model), &model)
        #expect(DemoFlow.press(.enter, &model) == .stopListening(ticket: 1))
        #expect(model.listening == nil)
        #expect(model.flow.phase == .ready(.token))
    }

    @Test func pastedCallbackWithoutAListener() {
        var model = Self.model(listening: false)
        #expect(DemoFlow.press(.character("n"), &model) == .none)
        #expect(model.listening == nil)
        #expect(model.notice == "Sign on in a browser (c copies the URL), then paste the callback URL: press n.")
        #expect(Self.text(model, .response).contains("n pastes the URL the browser was sent back to."))
        #expect(DemoFlow.press(.character("l"), &model) == .none)
        #expect(model.notice?.hasPrefix("The redirect URI is not loopback http") == true)
        guard case .copy(let copied) = DemoFlow.press(.character("c"), &model),
            case .needsBrowserCallback(let url) = model.flow.phase
        else {
            Issue.record("c did not copy the authorize URL")
            return
        }
        #expect(copied == url)
        DemoFlow.press(.character("n"), &model)
        DemoFlow.type(Self.callback(model), &model)
        #expect(DemoFlow.press(.enter, &model) == .none)
        #expect(model.flow.phase == .ready(.token))
    }

    @Test func aCallbackWithAnotherStateFailsAndROffersTheRestart() {
        var model = Self.model(listening: true)
        DemoFlow.press(.character("n"), &model)
        _ = model.update(.callbackCaught(ticket: 1, Self.callback(model, state: "forged"), at: DemoFlow.date(1)))
        guard case .failed(.signOn, .stateMismatch) = model.flow.phase else {
            Issue.record("expected a state mismatch, got \(model.flow.phase)")
            return
        }
        #expect(DemoFlow.render(model).text.contains("✗ 2 Sign on"))
        // A retry would wait for the same flow's state again: the footer offers r, not n.
        let footer = model.keyBar.line(width: 300).plainText
        #expect(footer.hasPrefix("r restart"))
        #expect(!footer.contains("n retry"))
        #expect(footer.components(separatedBy: "r restart").count == 2, "r offered once: \(footer)")
        #expect(Self.text(model, .decoded).contains("next r restarts: the callback's state is not this flow's"))
        // n says why it does not retry, and sends nothing.
        #expect(DemoFlow.press(.character("n"), &model) == .none)
        #expect(model.notice?.contains("A retry would fail the same way") == true)
        #expect(model.flow.phase == .failed(.signOn, .stateMismatch(sent: model.flow.state, received: "forged")))
        #expect(DemoFlow.press(.character("r"), &model) == .restartFlow)
    }

    @Test func anErrorFromTheProviderIsShown() {
        var model = Self.model(listening: true)
        DemoFlow.press(.character("n"), &model)
        let url =
            "\(Self.listenerURL)?error=access_denied&error_description=The+user+said+no%1B%5B31m&state=\(model.flow.state)"
        _ = model.update(.callbackCaught(ticket: 1, url, at: DemoFlow.date(1)))
        let decoded = Self.text(model, .decoded)
        #expect(decoded.contains("access_denied"))
        #expect(decoded.contains("The user said no\\x1b[31m"))
        #expect(!DemoFlow.render(model).text.contains("\u{1b}"))
        // The provider refused the authorization request: step 1 failed, not the sign-on.
        #expect(DemoFlow.render(model).text.contains("✗ 1 Authorize"))
        #expect(!DemoFlow.render(model).text.contains("✗ 2 Sign on"))
        #expect(model.keyBar.line(width: 300).plainText.hasPrefix("r restart"))
    }

    /// Another OpenID provider, its endpoints from discovery: no Flow API, no introspection.
    static func genericProvider() -> AppModel {
        var configuration = FlowConfiguration(
            authBaseURL: "http://127.0.0.1:9400", environmentID: nil, clientID: "client-1",
            clientSecret: "generic-secret-value", redirectURI: listenerURL)
        configuration.discoveredEndpoints = FlowEndpoints(
            issuer: "http://127.0.0.1:9400", authorization: "http://127.0.0.1:9400/authorize",
            token: "http://127.0.0.1:9400/token",
            jwks: nil, userInfo: "http://127.0.0.1:9400/userinfo", revocation: "http://127.0.0.1:9400/revoke")
        var presentation = DemoFlow.presentation
        presentation.callbackListenerURL = listenerURL
        return AppModel(
            flow: AuthorizationCodeFlow(configuration: configuration, randomness: .fixed(seed: 1)),
            presentation: presentation, size: Size(columns: 120, rows: 40), now: DemoFlow.start)
    }

    @Test func anotherProviderSignsOnInTheBrowserAndOffersOnlyWhatItHas() {
        var model = Self.genericProvider()
        #expect(DemoFlow.render(model).row(0).contains("issuer 127.0.0.1"))
        #expect(
            DemoFlow.press(.character("n"), &model) == .listenForCallback(ticket: 1, timeout: AppModel.listenTimeout))
        _ = model.update(.callbackCaught(ticket: 1, Self.callback(model), at: DemoFlow.date(1)))
        #expect(model.flow.phase == .ready(.token))
        DemoFlow.send(
            &model,
            answer: DemoFlow.json(#"{"access_token":"opaque-access-token-1","token_type":"Bearer","expires_in":300}"#))
        #expect(model.flow.phase == .completed, "no jwks_uri: nothing to inspect")
        let footer = model.keyBar.line(width: 300).plainText
        #expect(footer.contains("u userinfo"))
        #expect(footer.contains("v revoke"))
        #expect(!footer.contains("i introspect"))
        #expect(!footer.contains("s sign off"))
        #expect(DemoFlow.press(.character("i"), &model) == .none)
        #expect(model.notice == "The server offers no introspection endpoint (none in its discovery document).")
        #expect(model.flow.phase == .completed)
        DemoFlow.press(.character("u"), &model)
        #expect(model.flow.phase == .ready(.userInfo))
    }

    @Test func restartEndsTheWait() {
        var model = Self.model(listening: true)
        DemoFlow.press(.character("n"), &model)
        #expect(DemoFlow.press(.character("r"), &model) == .restartFlow)
        #expect(model.listening == nil)
    }

    @Test func everyKeyWhileWaitingForTheBrowserLeavesAUsableScreen() {
        let keys: [Key] = [
            .character("l"), .escape, .character("l"), .character("c"), .character("u"), .character("1"),
            .character("2"),
            .character("["), .character("]"), .character("e"), .character("x"), .character("m"), .tab, .character("y"),
            .character("n"), .character("z"), .escape, .enter, .escape,
        ]
        for size in [Size(columns: 80, rows: 24), Size(columns: 120, rows: 40)] {
            var model = Self.model(listening: true)
            _ = model.update(.resized(size))
            DemoFlow.press(.character("n"), &model)
            for key in keys {
                _ = model.update(.keyPressed(key))
                let canvas = DemoFlow.render(model)
                #expect(canvas.row(0).hasPrefix("┌"), "after \(key.label)")
            }
        }
    }
}
