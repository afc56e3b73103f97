import FlowEngine
import Foundation
import TestSupport
import Testing

@testable import FlowTUI

/// Keys and flow events in; the model and the command out.
@Suite("AppModel update")
struct AppModelUpdateTests {
    @Test func nSendsTheAuthorizeRequestWithATicket() {
        var model = DemoFlow.model()
        let command = DemoFlow.press(.character("n"), &model)
        guard case .send(let request, let ticket, let timeout) = command else {
            Issue.record("expected a send, got \(command)")
            return
        }
        #expect(request.method == "GET")
        #expect(
            request.url.hasPrefix("\(DemoFlow.base)/as/authorize?response_type=code&client_id=\(DemoFlow.clientID)"))
        #expect(ticket == 1)
        #expect(timeout == .seconds(10))
        #expect(model.inFlight == AppModel.InFlight(ticket: 1, step: .authorize, sentAt: DemoFlow.start))
        #expect(model.flow.phase == .waitingForResponse(.authorize))
    }

    @Test func enterSendsToo() {
        var model = DemoFlow.model()
        guard case .send = DemoFlow.press(.enter, &model) else {
            Issue.record("enter did not send")
            return
        }
    }

    @Test func keysStillWorkWhileARequestIsInFlight() {
        var model = DemoFlow.model()
        DemoFlow.press(.character("n"), &model)
        #expect(DemoFlow.press(.character("n"), &model) == .none)
        #expect(model.notice == "A request is in flight: esc cancels it.")
        DemoFlow.press(.tab, &model)
        #expect(model.focus == .response)
        _ = model.update(.ticked(DemoFlow.date(2.5)))
        #expect(model.frame.waitingText.hasSuffix("2.5 s"))
        #expect(DemoFlow.render(model).text.contains("waiting for the response"))
    }

    @Test func responseAdvancesTheFlow() {
        var model = DemoFlow.model()
        guard case .send(_, let ticket, _) = DemoFlow.press(.character("n"), &model) else { return }
        let command = model.update(
            .responseReceived(
                ticket: ticket, DemoFlow.authorizeRedirect(),
                at: DemoFlow.date(0.1), elapsed: DemoFlow.elapsed))
        #expect(command == .none)
        #expect(model.inFlight == nil)
        #expect(model.flow.phase == .ready(.signOn))
        #expect(model.flow.flowID == DemoFlow.flowID)
        #expect(model.flow.cookieJar.cookies.map(\.name) == ["ST", "ST-NO-SS"])
        #expect(model.now == DemoFlow.date(0.1))
    }

    @Test func responseWithAnotherTicketIsIgnored() {
        var model = DemoFlow.model()
        DemoFlow.press(.character("n"), &model)
        let before = model
        let command = model.update(
            .responseReceived(
                ticket: 7, DemoFlow.authorizeRedirect(),
                at: DemoFlow.date(0.1), elapsed: DemoFlow.elapsed))
        #expect(command == .none)
        #expect(model == before)
    }

    @Test func escapeCancelsTheRequestInFlight() {
        var model = DemoFlow.model()
        DemoFlow.press(.character("n"), &model)
        _ = model.update(.ticked(DemoFlow.date(3)))
        #expect(DemoFlow.press(.escape, &model) == .cancelRequest(ticket: 1))
        #expect(model.inFlight == nil)
        #expect(model.flow.phase == .failed(.authorize, .transport(.cancelled)))
        #expect(model.flow.record.last?.elapsed == .seconds(3))
        // The response that comes in late changes nothing.
        let late = model
        _ = model.update(
            .responseReceived(ticket: 1, DemoFlow.authorizeRedirect(), at: DemoFlow.date(4), elapsed: .seconds(4)))
        #expect(model == late)
        // n builds the request again, and sends it on the next n.
        #expect(DemoFlow.press(.character("n"), &model) == .none)
        #expect(model.flow.phase == .ready(.authorize))
        guard case .send(_, let ticket, _) = DemoFlow.press(.character("n"), &model) else {
            Issue.record("the retried request was not sent")
            return
        }
        #expect(ticket == 2)
    }

    @Test func transportFailureIsShownWithItsCause() {
        var model = DemoFlow.model()
        DemoFlow.press(.character("n"), &model)
        _ = model.update(
            .transportFailed(
                ticket: 1, .connectionRefused(host: "auth.pingone.com", port: 443),
                at: DemoFlow.date(0.2), elapsed: .milliseconds(200)))
        #expect(
            model.flow.phase == .failed(.authorize, .transport(.connectionRefused(host: "auth.pingone.com", port: 443)))
        )
        #expect(model.focus == .decoded)
        let text = DemoFlow.render(model).text
        #expect(text.contains("connection refused by auth.pingone.com:443"))
        #expect(text.contains("✗ 1 Authorize"))
    }

    @Test func credentialsPromptOpensAtSignOnWithTheDemoUser() {
        var model = DemoFlow.model()
        DemoFlow.send(&model, answer: DemoFlow.authorizeRedirect())
        DemoFlow.send(&model, answer: DemoFlow.flowNeedsPassword())
        #expect(model.flow.phase == .needsCredentials)
        #expect(model.overlay == nil)
        #expect(DemoFlow.press(.character("n"), &model) == .none)
        guard case .credentials(let form) = model.overlay else {
            Issue.record("no credentials prompt")
            return
        }
        #expect(form.username.text == "demo.user")
        #expect(form.focus == .password)
        // q is typed into the password, not a quit.
        #expect(DemoFlow.press(.character("q"), &model) == .none)
        DemoFlow.press(.backspace, &model)
        DemoFlow.type(Demo.password, &model)
        let screen = DemoFlow.render(model).text
        #expect(screen.contains("password ••••••••••"))
        #expect(!screen.contains("password \(Demo.password)"))
        DemoFlow.press(.enter, &model)
        #expect(model.overlay == nil)
        #expect(model.flow.phase == .ready(.signOn))
        let request = DemoFlow.send(&model, answer: DemoFlow.flowCompleted())
        #expect(request?.method == "POST")
        #expect(request?.header("Content-Type") == AuthorizationCodeFlow.usernamePasswordCheck)
        let body = String(decoding: request?.body ?? [], as: UTF8.self)
        #expect(body.contains(#""password":"\#(Demo.password)""#))
        #expect(request?.header("Cookie")?.contains("ST=\(DemoFlow.sessionCookie)") == true)
        #expect(model.flow.phase == .ready(.resume))
    }

    @Test func wrongPasswordAsksAgainOnN() {
        var model = DemoFlow.model(at: .credentialsReady, size: Size(columns: 120, rows: 40))
        DemoFlow.send(&model, answer: DemoFlow.invalidCredentials())
        #expect(model.flow.phase.step == .signOn)
        #expect(model.focus == .decoded)
        DemoFlow.press(.character("n"), &model)
        guard case .credentials(let form) = model.overlay else {
            Issue.record("the prompt did not open again")
            return
        }
        #expect(form.username.text == "demo.user")
        #expect(form.password.text.isEmpty)
        #expect(model.flow.phase == .needsCredentials)
    }

    @Test func escapeClosesTheCredentialsPrompt() {
        var model = DemoFlow.model(at: .credentialsPrompt, size: Size(columns: 120, rows: 40))
        DemoFlow.press(.escape, &model)
        #expect(model.overlay == nil)
        #expect(model.flow.phase == .needsCredentials)
    }

    @Test func wholeDemoFlowEndsWithDecodedTokens() {
        let model = DemoFlow.model(at: .completed, size: Size(columns: 120, rows: 40))
        #expect(model.flow.phase == .completed)
        #expect(model.flow.record.map(\.step) == [.authorize, .signOn, .signOn, .resume, .token, .inspect])
        #expect(model.flow.record[3].decoded.state?.matches == true)
        #expect(DemoFlow.render(model).text.contains("✓ complete"))
        let tokens = model.pane(.tokens).lines.map(\.plainText).joined(separator: "\n")
        for claim in ["iss", "sub", "exp", "aud", "nonce"] {
            #expect(tokens.contains("  \(claim) "), "claim \(claim) is not shown")
        }
        #expect(DemoFlow.signingKey != nil, "the test key did not load: tokens are unsigned")
        #expect(tokens.contains("in 59 m"))
        #expect(tokens.contains("id_token  RS256  kid fGYrysd1…  ✓ signature"))
        #expect(tokens.contains("access_token  RS256  kid fGYrysd1…  ✓ signature"))
        #expect(!tokens.contains("✗"))
        #expect(model.pane(.tokens).subtitle == "2 checked ✓")
    }

    @Test func quitAndHelp() {
        var model = DemoFlow.model()
        #expect(DemoFlow.press(.character("q"), &model) == .quit)
        DemoFlow.press(.character("?"), &model)
        #expect(model.overlay == .help)
        #expect(DemoFlow.press(.character("n"), &model) == .none, "keys do not reach the flow under help")
        #expect(model.flow.phase == .ready(.authorize))
        DemoFlow.press(.escape, &model)
        #expect(model.overlay == nil)
    }

    @Test func tabCyclesThePanesBothWays() {
        var model = DemoFlow.model()
        var seen: [Pane] = []
        for _ in 0..<4 {
            DemoFlow.press(.tab, &model)
            seen.append(model.focus)
        }
        #expect(seen == [.response, .decoded, .tokens, .request])
        DemoFlow.press(.backTab, &model)
        #expect(model.focus == .tokens)
    }

    @Test func maskTogglesWhatTheScreenShows() {
        var model = DemoFlow.model(at: .tokenReady, size: Size(columns: 120, rows: 40))
        #expect(model.isMasked)
        let masked = DemoFlow.render(model).text
        #expect(!masked.contains(DemoFlow.sessionCookie))
        #expect(masked.contains("secrets masked"))
        DemoFlow.press(.character("m"), &model)
        #expect(!model.isMasked)
        let shown = DemoFlow.render(model).text
        #expect(shown.contains("secrets SHOWN"))
        let verifier = model.flow.pkce?.verifier ?? "missing"
        #expect(!masked.contains(verifier.prefix(16)))
        #expect(shown.contains(verifier.prefix(16)))
        #expect(model.redactor == .none)
    }

    @Test func clearingCookiesEmptiesTheJar() {
        var model = DemoFlow.model(at: .signOnReady, size: Size(columns: 120, rows: 40))
        #expect(!model.flow.cookieJar.cookies.isEmpty)
        #expect(DemoFlow.render(model).text.contains("✓ sent with the next request"))
        DemoFlow.press(.character("x"), &model)
        #expect(model.flow.cookieJar.cookies.isEmpty)
        #expect(DemoFlow.render(model).text.contains("jar empty"))
        #expect(model.flow.pendingRequest(at: model.now)?.header("Cookie") == nil)
    }

    @Test func restartAsksForAFreshFlowAndResetsTheView() {
        var model = DemoFlow.model(at: .resumeReady, size: Size(columns: 120, rows: 40))
        DemoFlow.press(.character("1"), &model)
        #expect(DemoFlow.press(.character("r"), &model) == .restartFlow)
        let fresh = AuthorizationCodeFlow(configuration: DemoFlow.configuration, randomness: .fixed(seed: 99))
        #expect(model.update(.flowRestarted(fresh)) == .none)
        #expect(model.flow.state == fresh.state)
        #expect(model.flow.state != DemoFlow.flow().state)
        #expect(model.flow.record.isEmpty)
        #expect(model.viewedStep == nil)
    }

    /// A browser keeps its cookies from one sign-in to the next, so a restart keeps the jar (single
    /// sign-on then skips the password); `x` before `r` starts with none.
    @Test func restartKeepsTheCookieJarUnlessItWasEmptied() {
        var model = DemoFlow.model(at: .resumeReady, size: Size(columns: 120, rows: 40))
        let cookies = model.flow.cookieJar.cookies
        #expect(!cookies.isEmpty)
        _ = DemoFlow.press(.character("r"), &model)
        _ = model.update(
            .flowRestarted(AuthorizationCodeFlow(configuration: DemoFlow.configuration, randomness: .fixed(seed: 99))))
        #expect(model.flow.cookieJar.cookies == cookies)
        #expect(model.flow.pendingRequest(at: model.now)?.header("Cookie")?.hasPrefix("ST=") == true)
        #expect(model.notice?.contains("the cookie jar is kept") == true)

        DemoFlow.press(.character("x"), &model)
        _ = DemoFlow.press(.character("r"), &model)
        _ = model.update(
            .flowRestarted(AuthorizationCodeFlow(configuration: DemoFlow.configuration, randomness: .fixed(seed: 98))))
        #expect(model.flow.cookieJar.cookies.isEmpty)
    }

    @Test func numberKeysLookAtEarlierSteps() {
        var model = DemoFlow.model(at: .resumeReady, size: Size(columns: 120, rows: 40))
        DemoFlow.press(.character("1"), &model)
        #expect(model.viewedStep == .authorize)
        #expect(model.shownEntry?.step == .authorize)
        let text = DemoFlow.render(model).text
        #expect(text.contains("HTTP/1.1 302 Found"))
        #expect(text.contains("as sent ← 1 Authorize"))
        DemoFlow.press(.character("1"), &model)
        #expect(model.viewedStep == nil)
        DemoFlow.press(.character("4"), &model)
        #expect(model.viewedStep == nil)
        #expect(model.notice == "Step 4 Token has not been sent yet.")
        DemoFlow.press(.character("2"), &model)
        DemoFlow.press(.escape, &model)
        #expect(model.viewedStep == nil)
    }

    @Test func editingAParameterChangesTheRequestSent() {
        var model = DemoFlow.model()
        DemoFlow.press(.character("e"), &model)
        #expect(model.overlay == .parameterPicker(selected: 0))
        DemoFlow.press(.down, &model)
        DemoFlow.press(.down, &model)
        DemoFlow.press(.down, &model)  // scope
        DemoFlow.press(.enter, &model)
        guard case .parameterEditor(let name, let field) = model.overlay else {
            Issue.record("no editor")
            return
        }
        #expect(name == "scope")
        #expect(field.text == "openid profile email")
        #expect(!field.isMasked)
        DemoFlow.press(.control("u"), &model)
        DemoFlow.type("openid", &model)
        DemoFlow.press(.enter, &model)
        #expect(model.overlay == nil)
        #expect(model.flow.draft.value("scope") == "openid")
        guard case .send(let request, _, _) = DemoFlow.press(.character("n"), &model) else {
            Issue.record("not sent")
            return
        }
        #expect(request.url.contains("scope=openid&"))
    }

    @Test func secretParametersAreEditedMasked() {
        var model = DemoFlow.model(at: .tokenReady, size: Size(columns: 120, rows: 40))
        DemoFlow.press(.character("e"), &model)
        let index = model.flow.draft.firstIndex { $0.name == "code_verifier" } ?? 0
        for _ in 0..<index { DemoFlow.press(.down, &model) }
        DemoFlow.press(.enter, &model)
        guard case .parameterEditor("code_verifier", let field) = model.overlay else {
            Issue.record("no editor for code_verifier")
            return
        }
        #expect(field.isMasked)
        #expect(!DemoFlow.render(model).text.contains(field.text))
        DemoFlow.press(.escape, &model)
        #expect(model.overlay == .parameterPicker(selected: index))
    }

    @Test func editIsRefusedWhenNothingIsBeingBuilt() {
        var model = DemoFlow.model()
        DemoFlow.press(.character("n"), &model)
        DemoFlow.press(.character("e"), &model)
        #expect(model.overlay == nil)
        #expect(model.notice == "Only the request being built can be edited.")
    }

    @Test func scrollingMovesTheFocusedPaneOnly() {
        var model = DemoFlow.model(at: .inspectReady, size: Size(columns: 80, rows: 24))
        DemoFlow.press(.tab, &model)  // response
        let lines = model.pane(.response).lines.count
        let viewport = AppLayout(size: model.size).body(.response).height
        #expect(lines > viewport, "the token response should not fit")
        DemoFlow.press(.character("j"), &model)
        DemoFlow.press(.character("j"), &model)
        #expect(model.scroll[.response]?.offset == 2)
        DemoFlow.press(.character("G"), &model)
        #expect(model.scroll[.response]?.offset == lines - viewport)
        #expect(model.scroll[.request]?.offset ?? 0 == 0)
        DemoFlow.press(.character("g"), &model)
        #expect(model.scroll[.response]?.offset == 0)
    }

    @Test func resizeChangesTheLayout() {
        var model = DemoFlow.model()
        _ = model.update(.keyPressed(.resize(Size(columns: 60, rows: 20))))
        #expect(model.isTooSmall)
        #expect(DemoFlow.render(model).text.contains("Terminal too small"))
        _ = model.update(.resized(Size(columns: 100, rows: 30)))
        #expect(!model.isTooSmall)
        let canvas = DemoFlow.render(model)
        #expect(canvas.size == Size(columns: 100, rows: 30))
        #expect(canvas.row(0).contains("masked"), "the mask state stays in the header when it is cut")
        #expect(canvas.row(1).contains("Steps"))
    }

    @Test(arguments: [80, 90, 100, 120, 160])
    func headerAlwaysShowsTheMaskState(columns: Int) {
        var configuration = DemoFlow.configuration
        configuration.region = "simulator"
        let flow = AuthorizationCodeFlow(configuration: configuration, randomness: .fixed(seed: 1))
        var model = AppModel(
            flow: flow, presentation: Presentation(masksSecrets: true, label: "demo", tlsVerificationDisabled: true),
            size: Size(columns: columns, rows: 30), now: DemoFlow.start)
        #expect(DemoFlow.render(model).row(0).contains("masked"))
        #expect(DemoFlow.render(model).row(0).contains("TLS NOT VERIFIED"))
        DemoFlow.press(.character("m"), &model)
        #expect(DemoFlow.render(model).row(0).contains("SHOWN"))
    }

    @Test func copyGivesACurlCommandWithSecretsMasked() {
        var model = DemoFlow.model(at: .tokenReady, size: Size(columns: 120, rows: 40))
        guard case .copy(let text) = DemoFlow.press(.character("c"), &model) else {
            Issue.record("c did not copy")
            return
        }
        #expect(text.hasPrefix("curl -sS -i --max-redirs 0 -X POST"))
        // Masked, each secret is a variable, so the command still runs once they are set.
        #expect(text.contains(#""Authorization: Basic ${AUTHFLOW_BASIC_CREDENTIALS}""#))
        #expect(!text.contains(DemoFlow.clientSecret))
        #expect(!text.contains("••••••"))
        #expect(model.update(.copyFinished(succeeded: true)) == .none)
        #expect(model.notice?.hasPrefix("Copied the request as curl, secrets as variables (") == true)
        DemoFlow.press(.character("m"), &model)
        guard case .copy(let shown) = DemoFlow.press(.character("c"), &model) else { return }
        #expect(!shown.contains("••••••"))
    }
}
