import FlowEngine
import Foundation
import TestSupport
import Testing

/// Password recovery through the Flow API (reference §2.2): `password.forgot` at
/// USERNAME_PASSWORD_REQUIRED, RECOVERY_CODE_REQUIRED, then `password.recover` with the code and a
/// new password, masked wherever the record is shown.
@Suite struct PasswordRecoveryFlowTests {
    static let link = SignOnStatusTests.link
    static let forgotLink = "https://auth.pingone.com/e/flows/f1?forgot"
    static let recoverLink = "https://auth.pingone.com/e/flows/f1?recover"
    static let usernamePasswordRequired =
        #"{"id":"f1","status":"USERNAME_PASSWORD_REQUIRED","_links":{"self":{"href":"\#(link)"},"usernamePassword.check":{"href":"\#(link)"},"password.forgot":{"href":"\#(forgotLink)"}}}"#
    static let recoveryCodeRequired =
        #"{"id":"f1","status":"RECOVERY_CODE_REQUIRED","_links":{"password.recover":{"href":"\#(recoverLink)"}},"_embedded":{"passwordPolicy":{"length":{"min":8,"max":255}}}}"#
    static let wrongCode =
        #"{"id":"e1","code":"INVALID_DATA","message":"The request could not be completed.","details":[{"code":"INVALID_VALUE","target":"recoveryCode","message":"The recovery code is not valid."}]}"#

    /// A flow whose first flow read asked for the username and password, offering `password.forgot`.
    func atCredentials(_ change: (inout FlowConfiguration) -> Void = { _ in }) -> (AuthorizationCodeFlow, FlowAction) {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(change), randomness: .fixed(seed: 3))
        _ = flow.send(at: Fixture.now)
        _ = flow.receive(.redirect(SignOnStatusTests.signOnPage), at: Fixture.now, elapsed: .zero)
        _ = flow.send(at: Fixture.now)
        let action = flow.receive(.json(200, "OK", Self.usernamePasswordRequired), at: Fixture.now, elapsed: .zero)
        return (flow, action)
    }

    /// Sends the ready sign-on request and answers it with `body`.
    func answer(_ flow: inout AuthorizationCodeFlow, status: Int = 200, _ body: String) -> (HTTPRequest?, FlowAction) {
        guard case .send(let request, .signOn) = flow.send(at: Fixture.now) else { return (nil, flow.awaitedAction) }
        let action = flow.receive(
            .json(status, status == 200 ? "OK" : "Bad Request", body), at: Fixture.now, elapsed: .zero)
        return (request, action)
    }

    @Test func forgotPasswordSendsTheUsernameAndRecoverSendsTheCodeAndNewPassword() throws {
        var (flow, action) = atCredentials { $0.password = nil }
        #expect(action == .awaitCredentials)
        #expect(flow.canRecoverPassword)
        #expect(flow.forgotPassword(username: "demo") == .awaitSend(.signOn))
        #expect(flow.draft == [FormParameter("username", "demo")])
        let (forgot, recoveryAsked) = answer(&flow, Self.recoveryCodeRequired)
        #expect(forgot?.url == Self.forgotLink)
        #expect(forgot?.method == "POST")
        #expect(forgot?.header("Content-Type") == "application/vnd.pingidentity.password.forgot+json")
        #expect(String(decoding: forgot?.body ?? [], as: UTF8.self) == #"{"username":"demo"}"#)
        #expect(flow.record.last?.action == .forgotPassword)
        #expect(flow.record.last?.action.kind == "flow.forgot_password")
        #expect(recoveryAsked == .awaitCredentials)
        #expect(flow.signOnInput == .recoveryCode)
        #expect(flow.signOn?.passwordRules == ["at least 8 characters (at most 255)"])
        // The code answers this stage only, and a password check is not what it asks for.
        #expect(flow.enterCredentials(username: "u", password: "p") == .none)
        #expect(flow.enterNewPassword("Other-1234") == .none)
        #expect(flow.enterRecovery(code: "362918", newPassword: "Recovered-9876") == .awaitSend(.signOn))
        #expect(
            flow.draft == [FormParameter("recoveryCode", "362918"), FormParameter("newPassword", "Recovered-9876")])
        #expect(flow.draft.allSatisfy { $0.isSecret })
        let (recover, completed) = answer(
            &flow, #"{"id":"f1","status":"COMPLETED","resumeUrl":"https://auth.pingone.com/e/as/resume?flowId=f1"}"#)
        let request = try #require(recover)
        #expect(request.url == Self.recoverLink)
        #expect(request.header("Content-Type") == "application/vnd.pingidentity.password.recover+json")
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"recoveryCode":"362918","newPassword":"Recovered-9876"}"#)
        #expect(flow.record.last?.action == .recoverPassword)
        #expect(completed == .awaitSend(.resume))
        // The recovered password is the user's now.
        #expect(flow.configuration.password == "Recovered-9876")

        // Both secrets are credentials of the request, and the transcript shows neither.
        #expect(Set(request.credentials) == ["362918", "Recovered-9876"])
        let transcript = TranscriptWriter(redactor: Redactor(secrets: flow.secrets), now: Fixture.now)
            .step(flow.record[flow.record.count - 1])
        #expect(transcript.contains("Recover the password"))
        #expect(!transcript.contains("362918"))
        #expect(!transcript.contains("Recovered-9876"))
    }

    @Test func aWrongRecoveryCodeSaysSoAndIsAskedAgain() {
        var (flow, _) = atCredentials()
        _ = flow.forgotPassword()
        _ = answer(&flow, Self.recoveryCodeRequired)
        _ = flow.enterRecovery(code: "000000", newPassword: "Recovered-9876")
        let (_, action) = answer(&flow, status: 400, Self.wrongCode)
        guard case .failed(let failure) = action else {
            Issue.record("expected the wrong code to fail the step, got \(action)")
            return
        }
        let cause = failure.likelyCause(at: .signOn) ?? ""
        #expect(cause.contains("recovery code is wrong or expired"))
        #expect(!cause.contains("password policy"))
        // A retry asks for the code again rather than sending the wrong one.
        #expect(flow.retry() == .awaitCredentials)
        #expect(flow.signOnInput == .recoveryCode)
        #expect(flow.enterRecovery(code: "362918", newPassword: "Recovered-9876") == .awaitSend(.signOn))
    }

    @Test func afterAWrongPasswordTheUserCanStillRecover() {
        var (flow, action) = atCredentials()
        #expect(action == .awaitSend(.signOn))
        let invalid =
            #"{"id":"e2","code":"INVALID_DATA","message":"x","details":[{"code":"INVALID_CREDENTIALS","message":"Invalid username or password."}]}"#
        let (_, failed) = answer(&flow, status: 400, invalid)
        guard case .failed = failed else {
            Issue.record("expected INVALID_CREDENTIALS to fail, got \(failed)")
            return
        }
        #expect(flow.canRecoverPassword)
        #expect(flow.forgotPassword() == .awaitSend(.signOn))
        #expect(flow.draft == [FormParameter("username", Demo.username)])
    }

    @Test func noForgotLinkMeansNoRecovery() {
        let body =
            #"{"id":"f1","status":"USERNAME_PASSWORD_REQUIRED","_links":{"usernamePassword.check":{"href":"\#(Self.link)"}}}"#
        var (flow, _) = SignOnStatusTests().read(body)
        #expect(!flow.canRecoverPassword)
        #expect(flow.forgotPassword(username: "demo") == .none)

        // Asked for on the command line, recovery fails naming what the flow offers instead.
        var configuration = Fixture.configuration()
        configuration.recoversPassword = true
        var asked = AuthorizationCodeFlow(configuration: configuration, randomness: .fixed(seed: 3))
        _ = asked.send(at: Fixture.now)
        _ = asked.receive(.redirect(SignOnStatusTests.signOnPage), at: Fixture.now, elapsed: .zero)
        _ = asked.send(at: Fixture.now)
        let action = asked.receive(.json(200, "OK", body), at: Fixture.now, elapsed: .zero)
        #expect(action == .failed(.recoveryNotOffered(links: ["usernamePassword.check"])))
        #expect(
            FlowFailure.recoveryNotOffered(links: []).likelyCause(at: .signOn)?.contains("no password recovery") == true
        )
    }

    @Test func recoversPasswordSendsForgotAtTheFirstAsk() {
        let (flow, action) = atCredentials {
            $0.recoversPassword = true
            $0.password = nil
        }
        #expect(action == .awaitSend(.signOn))
        #expect(flow.signOnAction == .forgotPassword(URL: Self.forgotLink))
        #expect(flow.draft == [FormParameter("username", Demo.username)])
    }
}
