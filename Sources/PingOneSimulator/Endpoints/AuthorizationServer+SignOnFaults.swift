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

    /// The MFA devices a sign-on offers the user: none under the `Single_Factor` policy (asked for with
    /// `acr_values`); else their own, or under `mfaRequired` or the `Multi_Factor` policy, when they
    /// have none, the devices of the first configured user who has some (the demo's `mfa` user, whose
    /// OTPs the demo shows), else one email device with a fixed OTP.
    func mfaDevices(of user: SimulatedUser, policy: String? = nil) -> [SimulatedDevice] {
        if policy == Self.singleFactorPolicy { return [] }
        if let own = user.devices, !own.isEmpty { return own }
        guard faults.contains(.mfaRequired) || policy == Self.multiFactorPolicy else { return [] }
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

/// Sign-on policies named by `acr_values` (reference §1.1: "one or more sign-on policy names,
/// space-separated and in order of preference, e.g. `Single_Factor`, `Multi_Factor`").
extension AuthorizationServer {
    /// A password alone. UNCONFIRMED: what PingOne's policy of this name asks; the docs give the name only.
    static let singleFactorPolicy = "Single_Factor"
    /// A password, then a second factor (an OTP or a push). UNCONFIRMED as for `Single_Factor`.
    static let multiFactorPolicy = "Multi_Factor"
    /// The sign-on policies the simulated application has assigned, in the order `acr_values` may name them.
    static let signOnPolicies = [singleFactorPolicy, multiFactorPolicy]

    /// The policy a sign-on satisfied, for the tokens' `acr`: the one `acr_values` chose, else the
    /// simulator's default by what the user did (`Multi_Factor` after a second factor).
    static func satisfiedPolicy(requested: String?, methods: [String]) -> String {
        requested ?? (methods.contains("mfa") ? multiFactorPolicy : singleFactorPolicy)
    }
}
