import FlowEngine

/// The Flow API's MFA and password stages in the TUI: the one-field prompt's answer, and the lines
/// it shows (the devices, the policy's rules, the demo's OTP).
extension AppModel {
    /// Applies what the user typed at a device, OTP or new-password prompt.
    mutating func answerSignOn(_ input: SignOn.Input, _ answer: String) -> AppCommand {
        switch input {
        case .device:
            let devices = flow.signOn?.devices ?? []
            let wanted = answer.lowercased()
            let chosen =
                Int(answer).flatMap { devices.indices.contains($0 - 1) ? devices[$0 - 1] : nil }
                ?? devices.first { $0.id.lowercased() == wanted || $0.type.lowercased() == wanted }
            guard let chosen else {
                notice = "No device \(answer): type its number (1-\(devices.count)), id or type."
                overlay = .credentials(CredentialsForm(asking: .device))
                return .none
            }
            notice = "Device \(chosen.summary) chosen: n sends device.select."
            return follow(flow.selectDevice(id: chosen.id))
        case .otp:
            notice = "One-time password set: n sends otp.check."
            return follow(flow.enterOTP(answer))
        case .newPassword:
            notice = "New password set: n sends password.reset."
            return follow(flow.enterNewPassword(answer))
        case .credentials, .recoveryCode:
            // Both are two-field forms, submitted as such.
            return .none
        }
    }

    /// The prompt's title and the lines under its field.
    func signOnPrompt(for input: SignOn.Input) -> (title: String, lines: [String]) {
        let signOn = flow.signOn
        switch input {
        case .device:
            let devices = (signOn?.devices ?? []).enumerated().map { "\($0.offset + 1)  \($0.element.summary)" }
            return ("Choose an MFA device (Flow API device.select)", devices)
        case .otp:
            var lines = signOn?.selectedDevice.map { ["sent to \($0.summary)"] } ?? []
            if let otp = presentation.demoCredentials?.otps[signOn?.selectedDeviceID ?? ""] {
                lines.append("demo: the simulator sent \(otp)")
            }
            return ("One-time password (Flow API otp.check)", lines)
        case .newPassword:
            return ("New password (Flow API password.reset)", signOn?.passwordRules ?? [])
        case .recoveryCode:
            var lines = ["the code PingOne sent after password.forgot; tab moves to the new password"]
            lines += signOn?.passwordRules ?? []
            if let code = presentation.demoCredentials?.recoveryCode {
                lines.append("demo: the simulator sent \(code)")
            }
            return ("Recover the password (Flow API password.recover)", lines)
        case .credentials:
            return ("Sign on (Flow API usernamePassword.check)", [])
        }
    }

    /// `p`: the user forgot the password: `password.forgot` is built for the username known (given,
    /// typed earlier, or the demo's), which `n` sends.
    mutating func forgotPassword() -> AppCommand {
        viewedStep = nil
        let username = flow.configuration.username ?? presentation.demoCredentials?.username
        guard let username, !username.isEmpty else {
            notice =
                "password.forgot needs the username: start with --username, or type it in the sign-on form (n) first."
            return .none
        }
        overlay = nil
        let command = follow(flow.forgotPassword(username: username))
        notice = "password.forgot built for \(safe.line(username)): n sends it; PingOne then sends a recovery code."
        return command
    }

    /// Why `p` does nothing now.
    var forgotPasswordDisabledReason: String? {
        if let reason = inFlightReason { return reason }
        if flow.canRecoverPassword { return nil }
        if flow.signOn?.credentialsURL != nil || flow.signOnInput == .credentials {
            return "The flow offers no password.forgot: the sign-on policy allows no recovery."
        }
        return "Password recovery is offered where the flow asks for the username and password."
    }
}

extension Binding {
    /// `p`: forgot password, at the username-and-password stage when the flow links `password.forgot`.
    static let forgotPassword = Binding(
        [.character("p")], section: .flow, help: nil,
        footer: KeyBinding("p", "forgot password"), footerPriority: 135,
        disabledReason: { $0.forgotPasswordDisabledReason },
        action: { model, _ in model.forgotPassword() })
}
