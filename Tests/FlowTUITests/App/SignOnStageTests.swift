import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// The TUI at the Flow API's MFA and password stages: the one-field prompts, what they show, and
/// the requests they build.
@Suite("Sign-on stages in the TUI")
struct SignOnStageTests {
    static let flowURL = "\(DemoFlow.base)/flows/\(DemoFlow.flowID)"

    static func flow(_ status: String, _ rest: String) -> HTTPResponse {
        DemoFlow.json(
            #"{"id":"\#(DemoFlow.flowID)","status":"\#(status)","_links":{"self":{"href":"\#(flowURL)"}},\#(rest)}"#)
    }

    static let devices =
        #""_embedded":{"devices":[{"id":"d-email","type":"EMAIL","email":"m**@example.com"},{"id":"d-totp","type":"TOTP"}]}"#

    /// The demo model, with the simulator's OTPs for the presenter, at the password prompt's answer.
    func signedOnModel() -> AppModel {
        var presentation = DemoFlow.presentation
        presentation.demoCredentials?.otps = ["d-email": "428913"]
        var model = AppModel(
            flow: DemoFlow.flow(), presentation: presentation, size: Size(columns: 120, rows: 40), now: DemoFlow.start)
        DemoFlow.send(&model, answer: DemoFlow.authorizeRedirect())
        DemoFlow.send(&model, answer: DemoFlow.flowNeedsPassword())
        DemoFlow.press(.character("n"), &model)
        DemoFlow.type("2Federate!", &model)
        DemoFlow.press(.enter, &model)
        return model
    }

    @Test func theMFAUserChoosesADeviceAndTypesTheOTPTheDemoShows() {
        var model = signedOnModel()
        DemoFlow.send(&model, answer: Self.flow("DEVICE_SELECTION_REQUIRED", Self.devices))
        #expect(model.flow.signOnInput == .device)
        #expect(model.notice == "Sign-on needs an MFA device: press n.")
        DemoFlow.press(.character("n"), &model)
        var screen = DemoFlow.render(model).text
        #expect(screen.contains("Choose an MFA device (Flow API device.select)"))
        #expect(screen.contains("1  EMAIL m**@example.com"))
        #expect(screen.contains("2  TOTP"))
        DemoFlow.press(.enter, &model)  // the first device, filled in
        #expect(model.overlay == nil)
        #expect(model.flow.phase == .ready(.signOn))
        let select = DemoFlow.send(
            &model,
            answer: Self.flow("OTP_REQUIRED", Self.devices + #","selectedDevice":{"id":"d-email"}"#))
        #expect(select?.header("Content-Type") == AuthorizationCodeFlow.deviceSelect)
        #expect(String(decoding: select?.body ?? [], as: UTF8.self) == #"{"device":{"id":"d-email"}}"#)

        #expect(model.flow.signOnInput == .otp)
        DemoFlow.press(.character("n"), &model)
        screen = DemoFlow.render(model).text
        #expect(screen.contains("One-time password (Flow API otp.check)"))
        #expect(screen.contains("sent to EMAIL m**@example.com"))
        #expect(screen.contains("demo: the simulator sent 428913"))
        DemoFlow.type("428913", &model)
        #expect(DemoFlow.render(model).text.contains("one-time password ••••••"))
        DemoFlow.press(.enter, &model)
        #expect(model.flow.draft == [FormParameter("otp", "428913")])
        let check = DemoFlow.send(&model, answer: DemoFlow.flowCompleted())
        #expect(check?.header("Content-Type") == AuthorizationCodeFlow.otpCheck)
        #expect(String(decoding: check?.body ?? [], as: UTF8.self) == #"{"otp":"428913"}"#)
        #expect(model.flow.phase == .ready(.resume))
        // The OTP is masked on screen once sent.
        #expect(model.flow.secrets.contains("428913"))
    }

    @Test func anUnknownDeviceIsAskedAgain() {
        var model = signedOnModel()
        DemoFlow.send(&model, answer: Self.flow("DEVICE_SELECTION_REQUIRED", Self.devices))
        DemoFlow.press(.character("n"), &model)
        DemoFlow.press(.backspace, &model)
        DemoFlow.type("7", &model)
        DemoFlow.press(.enter, &model)
        #expect(model.notice?.contains("No device 7") == true)
        guard case .credentials(let form) = model.overlay else {
            Issue.record("the device prompt did not stay open")
            return
        }
        #expect(form.input == .device)
        DemoFlow.press(.backspace, &model)
        DemoFlow.type("totp", &model)
        DemoFlow.press(.enter, &model)
        #expect(model.flow.signOn?.selectedDeviceID == "d-totp")
    }

    @Test func theTemporaryPasswordUserTypesANewOneUnderThePolicy() {
        var model = signedOnModel()
        let policy =
            #""_embedded":{"passwordPolicy":{"length":{"min":8,"max":255},"minCharacters":{"0123456789":1}}}"#
        DemoFlow.send(&model, answer: Self.flow("MUST_CHANGE_PASSWORD", policy))
        #expect(model.flow.signOnInput == .newPassword)
        DemoFlow.press(.character("n"), &model)
        let screen = DemoFlow.render(model).text
        #expect(screen.contains("New password (Flow API password.reset)"))
        #expect(screen.contains("at least 8 characters (at most 255)"))
        #expect(screen.contains("at least 1 of 0123456789"))
        DemoFlow.type("Changed-5678", &model)
        #expect(!DemoFlow.render(model).text.contains("Changed-5678"))
        DemoFlow.press(.enter, &model)
        let reset = DemoFlow.send(&model, answer: DemoFlow.flowCompleted())
        #expect(reset?.header("Content-Type") == AuthorizationCodeFlow.passwordReset)
        #expect(
            String(decoding: reset?.body ?? [], as: UTF8.self)
                == #"{"currentPassword":"2Federate!","newPassword":"Changed-5678"}"#)
        #expect(model.flow.phase == .ready(.resume))
    }
}
