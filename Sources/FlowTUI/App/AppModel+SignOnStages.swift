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
        case .credentials:
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
        case .credentials:
            return ("Sign on (Flow API usernamePassword.check)", [])
        }
    }
}
