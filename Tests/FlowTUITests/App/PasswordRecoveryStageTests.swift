import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// Password recovery in the TUI: `p` at the credentials stage builds `password.forgot`, then the
/// recovery form takes the code (the demo shows it) and a new password for `password.recover`.
@Suite("Password recovery in the TUI")
struct PasswordRecoveryStageTests {
    static let recoveryCodeRequired = SignOnStageTests.flow(
        "RECOVERY_CODE_REQUIRED",
        #""_embedded":{"passwordPolicy":{"length":{"min":8,"max":255}}}"#)

    /// The demo model at USERNAME_PASSWORD_REQUIRED (which offers password.forgot), the recovery code shown.
    func modelAtCredentials() -> AppModel {
        var presentation = DemoFlow.presentation
        presentation.demoCredentials?.recoveryCode = "362918"
        var model = AppModel(
            flow: DemoFlow.flow(), presentation: presentation, size: Size(columns: 120, rows: 40), now: DemoFlow.start)
        DemoFlow.send(&model, answer: DemoFlow.authorizeRedirect())
        DemoFlow.send(&model, answer: DemoFlow.flowNeedsPassword())
        return model
    }

    @Test func pBuildsForgotThenTheFormTakesTheCodeAndTheNewPassword() {
        var model = modelAtCredentials()
        #expect(model.flow.phase == .needsCredentials)
        #expect(model.notice?.contains("p: forgot password") == true)
        #expect(DemoFlow.render(model).text.contains("p forgot password"))
        DemoFlow.press(.character("p"), &model)
        #expect(model.flow.phase == .ready(.signOn))
        #expect(model.flow.draft == [FormParameter("username", "demo.user")])
        let forgot = DemoFlow.send(&model, answer: Self.recoveryCodeRequired)
        #expect(forgot?.header("Content-Type") == AuthorizationCodeFlow.passwordForgot)
        #expect(String(decoding: forgot?.body ?? [], as: UTF8.self) == #"{"username":"demo.user"}"#)
        #expect(model.flow.signOnInput == .recoveryCode)
        #expect(model.notice == "Sign-on needs a recovery code and a new password: press n.")

        DemoFlow.press(.character("n"), &model)
        var screen = DemoFlow.render(model).text
        #expect(screen.contains("Recover the password (Flow API password.recover)"))
        #expect(screen.contains("demo: the simulator sent 362918"))
        #expect(screen.contains("at least 8 characters (at most 255)"))
        DemoFlow.type("362918", &model)
        DemoFlow.press(.tab, &model)
        DemoFlow.type("Recovered-9876", &model)
        screen = DemoFlow.render(model).text
        #expect(screen.contains("recovery code ••••••"))
        #expect(!screen.contains("Recovered-9876"))
        DemoFlow.press(.enter, &model)
        #expect(model.overlay == nil)
        #expect(
            model.flow.draft == [
                FormParameter("recoveryCode", "362918"), FormParameter("newPassword", "Recovered-9876"),
            ])
        // The request pane shows the body with both secrets masked.
        screen = DemoFlow.render(model).text
        #expect(screen.contains("recoveryCode"))
        #expect(!screen.contains("362918\""))
        #expect(!screen.contains("Recovered-9876"))
        let recover = DemoFlow.send(&model, answer: DemoFlow.flowCompleted())
        #expect(recover?.header("Content-Type") == AuthorizationCodeFlow.passwordRecover)
        #expect(
            String(decoding: recover?.body ?? [], as: UTF8.self)
                == #"{"recoveryCode":"362918","newPassword":"Recovered-9876"}"#)
        #expect(model.flow.phase == .ready(.resume))
    }

    @Test func pSaysWhyWhenTheFlowOffersNoRecovery() {
        var model = AppModel(
            flow: DemoFlow.flow(), presentation: DemoFlow.presentation, size: Size(columns: 120, rows: 40),
            now: DemoFlow.start)
        DemoFlow.press(.character("p"), &model)
        #expect(model.notice == "Password recovery is offered where the flow asks for the username and password.")
        #expect(!DemoFlow.render(model).text.contains("p forgot password"))
        DemoFlow.send(&model, answer: DemoFlow.authorizeRedirect())
        DemoFlow.send(
            &model,
            answer: DemoFlow.json(
                #"{"id":"\#(DemoFlow.flowID)","status":"USERNAME_PASSWORD_REQUIRED","_links":{"usernamePassword.check":{"href":"\#(SignOnStageTests.flowURL)"}}}"#
            ))
        DemoFlow.press(.character("p"), &model)
        #expect(model.flow.signOnAction != .forgotPassword(URL: nil))
        #expect(model.notice?.contains("offers no password.forgot") == true)
    }
}
