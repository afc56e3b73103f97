import FlowEngine
import Foundation
import TestSupport
import Testing

/// `response_mode=pi.flow`: the resume endpoint answers JSON whose `authorizeResponse` holds the code
/// (reference §3.2), read at step 3 and state-checked like a redirect.
@Suite struct PiFlowResumeTests {
    /// A pi.flow flow whose sign-on completed without a code: the next request is the resume.
    func completedWithoutCode() -> AuthorizationCodeFlow {
        var flow = AuthorizationCodeFlow(
            configuration: Fixture.configuration { $0.responseMode = "pi.flow" }, randomness: .fixed(seed: 1))
        _ = flow.handle(.sendRequested(at: Fixture.now))
        let started =
            #"{"id":"f9","status":"USERNAME_PASSWORD_REQUIRED","_links":{"usernamePassword.check":{"href":"https://auth.pingone.com/x/flows/f9"}}}"#
        _ = flow.handle(.responseReceived(.json(200, "OK", started), at: Fixture.now, elapsed: .zero))
        _ = flow.handle(.sendRequested(at: Fixture.now))
        let done = #"{"id":"f9","status":"COMPLETED","resumeUrl":"https://auth.pingone.com/x/as/resume?flowId=f9"}"#
        let outcome = flow.handle(.responseReceived(.json(200, "OK", done), at: Fixture.now, elapsed: .zero))
        #expect(outcome == .awaitSend(.resume))
        _ = flow.handle(.sendRequested(at: Fixture.now))
        #expect(flow.record.last?.request.url == "https://auth.pingone.com/x/as/resume?flowId=f9")
        return flow
    }

    @Test func theCodeComesFromTheResumeAnswer() {
        var flow = completedWithoutCode()
        let answer = #"{"id":"f9","status":"COMPLETED","authorizeResponse":{"code":"rc1","state":"\#(flow.state)"}}"#
        #expect(
            flow.handle(.responseReceived(.json(200, "OK", answer), at: Fixture.now, elapsed: .zero))
                == .awaitSend(.token))
        #expect(flow.code == "rc1")
        #expect(flow.record.last?.decoded.state?.matches == true)
    }

    @Test func aWrongStateInTheResumeAnswerFails() {
        var flow = completedWithoutCode()
        let answer = #"{"status":"COMPLETED","authorizeResponse":{"code":"rc1","state":"forged"}}"#
        let outcome = flow.handle(.responseReceived(.json(200, "OK", answer), at: Fixture.now, elapsed: .zero))
        #expect(outcome == .failed(.stateMismatch(sent: flow.state, received: "forged")))
        #expect(flow.code == nil)
    }

    @Test func aResumeAnswerWithoutAuthorizeResponseFails() {
        var flow = completedWithoutCode()
        let outcome = flow.handle(
            .responseReceived(.json(200, "OK", #"{"status":"COMPLETED"}"#), at: Fixture.now, elapsed: .zero))
        guard case .failed(.unexpectedStatus(got: 200, _)) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(flow.code == nil)
    }

    @Test func anAuthorizeResponseWithoutACodeFails() {
        var flow = completedWithoutCode()
        let answer = #"{"authorizeResponse":{"state":"\#(flow.state)"}}"#
        let outcome = flow.handle(.responseReceived(.json(200, "OK", answer), at: Fixture.now, elapsed: .zero))
        guard case .failed(.missingCode) = outcome else {
            Issue.record("expected missingCode, got \(outcome)")
            return
        }
    }
}
