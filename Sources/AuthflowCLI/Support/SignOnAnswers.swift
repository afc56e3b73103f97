import ArgumentParser
import FlowEngine
import Foundation

/// How `authflow run` answers the Flow API's MFA and password states: the device from `--device`
/// (else the first), the one-time password from `$AUTHFLOW_OTP` or a prompt, the new password from
/// `$AUTHFLOW_NEW_PASSWORD` or a prompt, a password-recovery code from `$AUTHFLOW_RECOVERY_CODE` or a
/// prompt. Secrets never come from flags.
struct SignOnAnswers: Sendable {
    /// `--device`: a device id or type (`EMAIL`, `SMS`, `TOTP`).
    var device: String?
    var environment: [String: String]
    var isInteractive: Bool
    /// In the demo: the OTP the simulator "sent" to a device, shown in the prompt for the presenter.
    var demoOTP: @Sendable (_ deviceID: String?) -> String?
    /// In the demo: the recovery code the simulator "sent", shown in the prompt for the presenter.
    var demoRecoveryCode: String? = nil

    static let otpVariable = "AUTHFLOW_OTP"
    static let newPasswordVariable = "AUTHFLOW_NEW_PASSWORD"
    static let recoveryCodeVariable = "AUTHFLOW_RECOVERY_CODE"

    func answer(_ input: SignOn.Input, _ signOn: SignOn) async throws -> String {
        switch input {
        case .device:
            return try chooseDevice(in: signOn.devices)
        case .otp:
            if let otp = environment[Self.otpVariable], !otp.isEmpty { return otp }
            let target = signOn.selectedDevice.map { " from \(TerminalSafe.line($0.summary))" } ?? ""
            let demo = demoOTP(signOn.selectedDeviceID).map { " (demo simulator sent \($0))" } ?? ""
            return try await prompt("One-time password\(target)\(demo)", variable: Self.otpVariable)
        case .newPassword:
            if let password = environment[Self.newPasswordVariable], !password.isEmpty { return password }
            let rules = signOn.passwordRules.isEmpty ? "" : " (" + signOn.passwordRules.joined(separator: "; ") + ")"
            return try await prompt("New password\(rules)", variable: Self.newPasswordVariable)
        case .recoveryCode:
            if let code = environment[Self.recoveryCodeVariable], !code.isEmpty { return code }
            let demo = demoRecoveryCode.map { " (demo simulator sent \($0))" } ?? ""
            return try await prompt("Recovery code\(demo)", variable: Self.recoveryCodeVariable)
        case .credentials:
            throw ValidationError("the sign-on needs a username and password")
        }
    }

    /// The device `--device` names (by id or type, any case), or the first.
    func chooseDevice(in devices: [MFADevice]) throws -> String {
        guard let first = devices.first else {
            throw ValidationError("the flow asks for an MFA device but lists none")
        }
        guard let device else { return first.id }
        let wanted = device.lowercased()
        guard let chosen = devices.first(where: { $0.id.lowercased() == wanted || $0.type.lowercased() == wanted })
        else {
            let offered = devices.map { "\($0.id) (\(TerminalSafe.line($0.summary)))" }.joined(separator: ", ")
            throw ValidationError("--device \(device) is none of the user's devices: \(offered)")
        }
        return chosen.id
    }

    /// The secret prompt, on a thread of its own: typing waits for a person, not on the cooperative pool.
    private func prompt(_ label: String, variable: String) async throws -> String {
        let prompter = SecretPrompter(isInteractive: isInteractive)
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try prompter.secret(label, variable: variable) })
            }.start()
        }
    }
}
