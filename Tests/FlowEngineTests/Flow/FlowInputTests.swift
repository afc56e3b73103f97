import FlowEngine
import Foundation
import TestSupport
import Testing

/// The flow's inputs as methods, the sign-on state they keep, and the runner following their actions.
@Suite struct FlowInputTests {
    static let signOnPage = "https://apps.pingone.com/e/signon/?flowId=f1"
    static let checkLink = "https://auth.pingone.com/e/flows/f1"
    static let resumeLink = "https://auth.pingone.com/e/as/resume?flowId=f1"

    /// A flow whose authorize was answered with the sign-on page: the flow is read next.
    func authorized() -> AuthorizationCodeFlow {
        var flow = AuthorizationCodeFlow(
            configuration: Fixture.configuration { $0.password = nil }, randomness: .fixed(seed: 3))
        _ = flow.send(at: Fixture.now)
        _ = flow.receive(.redirect(Self.signOnPage), at: Fixture.now, elapsed: .zero)
        return flow
    }

    @Test func theSignOnExistsOnceAuthorizeOpensAFlow() {
        let fresh = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: .fixed())
        #expect(fresh.signOn == nil)
        #expect(fresh.flowID == nil)
        #expect(fresh.signOnAction == .readFlow)

        let flow = authorized()
        #expect(flow.signOn == SignOn(flowID: "f1", stage: .readFlow))
        #expect(flow.flowID == "f1")
        #expect(flow.draft == [FormParameter("flowId", "f1")])
    }

    @Test func theCredentialsStageCarriesTheFlowsLinkAndKeepsIt() {
        var flow = authorized()
        _ = flow.send(at: Fixture.now)
        let body =
            #"{"id":"f1","status":"USERNAME_PASSWORD_REQUIRED","resumeUrl":"\#(Self.resumeLink)","_links":{"usernamePassword.check":{"href":"\#(Self.checkLink)"}}}"#
        #expect(flow.receive(.json(200, "OK", body), at: Fixture.now, elapsed: .zero) == .awaitCredentials)
        let expected = SignOn(flowID: "f1", stage: .checkCredentials(URL: Self.checkLink), resumeURL: Self.resumeLink)
        #expect(flow.signOn == expected)
        #expect(flow.signOn?.credentialsURL == Self.checkLink)
        #expect(flow.resumeURL == Self.resumeLink)

        // Entering credentials (again) keeps the link the flow gave.
        #expect(flow.enterCredentials(username: "demo", password: "pw") == .awaitSend(.signOn))
        #expect(flow.signOn == expected)
        guard case .send(let request, .signOn) = flow.send(at: Fixture.now) else {
            Issue.record("expected the credentials check to be sent")
            return
        }
        #expect(request.method == "POST")
        #expect(request.url == Self.checkLink)
        #expect(flow.record.last?.action == .checkCredentials)
    }

    @Test func credentialsEnteredBeforeTheFlowIsReadPostToTheFlow() {
        var flow = authorized()
        #expect(flow.enterCredentials(username: "demo", password: "pw") == .awaitSend(.signOn))
        #expect(flow.signOnAction == .checkCredentials(URL: nil))
        guard case .send(let request, .signOn) = flow.send(at: Fixture.now) else {
            Issue.record("expected the credentials check to be sent")
            return
        }
        #expect(request.url == "\(Fixture.base)/\(Fixture.environment)/flows/f1")
    }

    @Test func aBrowserSignOnHasNoFlowAPISignOn() {
        let endpoints = FlowEndpoints(
            issuer: "http://127.0.0.1:9400", authorization: "http://127.0.0.1:9400/authorize",
            token: "http://127.0.0.1:9400/token")
        var flow = AuthorizationCodeFlow(
            configuration: Fixture.configuration { $0.discoveredEndpoints = endpoints }, randomness: .fixed())
        guard case .awaitBrowserSignOn = flow.send(at: Fixture.now) else {
            Issue.record("expected a browser sign-on")
            return
        }
        #expect(
            flow.receiveCallback("\(Fixture.redirect)?code=c&state=\(flow.state)", at: Fixture.now)
                == .awaitSend(.token))
        #expect(flow.signOn == nil)
    }

    @Test func inputsThatDoNotApplyNowChangeNothing() {
        var flow = authorized()
        let before = flow
        #expect(flow.receive(.json(200, "OK", "{}"), at: Fixture.now, elapsed: .zero) == .none)
        #expect(flow.transportFailed(.cancelled, at: Fixture.now, elapsed: .zero) == .none)
        #expect(flow.receiveCallback("\(Fixture.redirect)?code=c", at: Fixture.now) == .none)
        #expect(flow.chooseFollowUp(.userInfo) == .none)
        #expect(flow.retry() == .none)
        flow.cancelRequest(at: Fixture.now, elapsed: .zero)
        #expect(flow == before)
    }

    @Test func cancellingFailsTheStepInFlightAndRetryBuildsItAgain() {
        var flow = authorized()
        _ = flow.send(at: Fixture.now)
        flow.cancelRequest(at: Fixture.now, elapsed: .milliseconds(40))
        #expect(flow.phase == .failed(.signOn, .transport(.cancelled)))
        #expect(flow.record.last?.transportError == .cancelled)
        #expect(flow.record.last?.failure == .transport(.cancelled))
        #expect(flow.record.last?.elapsed == .milliseconds(40))
        #expect(flow.awaitedAction == .failed(.transport(.cancelled)))
        #expect(flow.retry() == .awaitSend(.signOn))
        #expect(flow.draft == [FormParameter("flowId", "f1")])
    }

    @Test func editingAndClearingCookiesOnlyChangeTheReadyRequest() {
        var flow = authorized()
        flow.editParameter("flowId", to: "f2")
        flow.editParameter("extra", to: "x")
        #expect(flow.draft == [FormParameter("flowId", "f2"), FormParameter("extra", "x")])
        flow.clearCookies()
        #expect(flow.cookieJar.cookies.isEmpty)
        #expect(flow.phase == .ready(.signOn))
        _ = flow.send(at: Fixture.now)
        // Only a ready request is editable.
        flow.editParameter("flowId", to: "f3")
        #expect(flow.draft.first == FormParameter("flowId", "f2"))
    }

    @Test func theAwaitedActionIsWhatTheLastInputReturned() {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: .fixed(seed: 4))
        #expect(flow.awaitedAction == .awaitSend(.authorize))
        _ = flow.send(at: Fixture.now)
        #expect(flow.awaitedAction == .none)
        let afterAuthorize = flow.receive(.redirect(Self.signOnPage), at: Fixture.now, elapsed: .zero)
        #expect(flow.awaitedAction == afterAuthorize)
        _ = flow.send(at: Fixture.now)
        let failed = flow.receive(.json(500, "Internal Server Error", "{}"), at: Fixture.now, elapsed: .zero)
        #expect(flow.awaitedAction == failed)
    }

    @Test func theRunnerStopsAtARequestAlreadyInFlight() async {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: .fixed())
        _ = flow.send(at: Fixture.now)
        let outcome = await FlowRunner(transport: ScriptedTransport([]), now: { Fixture.now }).run(&flow)
        #expect(outcome == .failed(.authorize, .invalidRequest("a request is already in flight")))
    }

    @Test func theRunnerReportsAFailedFlowWithoutSending() async {
        var flow = authorized()
        _ = flow.send(at: Fixture.now)
        flow.cancelRequest(at: Fixture.now, elapsed: .zero)
        let transport = ScriptedTransport([])
        let outcome = await FlowRunner(transport: transport, now: { Fixture.now }).run(&flow)
        #expect(outcome == .failed(.signOn, .transport(.cancelled)))
        #expect(transport.received.isEmpty)
    }
}
