/// The faults that change what a sign-on asks for or refuses: `wrongPassword`, `lockedOut` and
/// `mfaRequired`. Each is read when the request comes, so arming one while the simulator runs
/// changes the next sign-on.
extension AuthorizationServer {
    /// The refusal a password check gives under `wrongPassword` or `lockedOut`, whatever the password.
    var passwordCheckFault: PingOneError? {
        if faults.contains(.lockedOut) {
            return .lockedOut(secondsUntilUnlock: PasswordLockout.lockoutSeconds)
        }
        if faults.contains(.wrongPassword) { return .invalidCredentials }
        return nil
    }

    /// The MFA devices a sign-on offers the user: their own, or under `mfaRequired`, when they have
    /// none, the devices of the first configured user who has some (the demo's `mfa` user, whose
    /// OTPs the demo shows), else one email device with a fixed OTP.
    func mfaDevices(of user: SimulatedUser) -> [SimulatedDevice] {
        if let own = user.devices, !own.isEmpty { return own }
        guard faults.contains(.mfaRequired) else { return [] }
        if let borrowed = configuration.users.lazy.compactMap(\.devices).first(where: { !$0.isEmpty }) {
            return borrowed
        }
        return [
            SimulatedDevice(
                id: "0f1e2d3c-4b5a-4697-8877-665544332211", type: "EMAIL", address: user.email,
                otp: "123456")
        ]
    }
}
