import Foundation

/// The Flow API's password recovery (reference §2.2, §2.3): `password.forgot` `{"username"}` moves the
/// flow to RECOVERY_CODE_REQUIRED and "sends" a recovery code; `password.recover`
/// `{"recoveryCode", "newPassword"}` sets the new password and signs the user on.
extension AuthorizationServer {
    /// The recovery code the simulator "sends" to every user (``SimulatorConfiguration/demoRecoveryCode``).
    static let demoRecoveryCode = SimulatorConfiguration.demoRecoveryCode

    /// `password.forgot`: `{"username"}`. An unknown username moves on too, so the answer does not say
    /// which usernames exist (UNCONFIRMED: PingOne's answer for an unknown user); no code then works.
    func forgotPassword(flow: Flow, body: JSONValue) -> SimulatorResponse {
        guard let username = body["username"]?.stringValue, !username.isEmpty else {
            return flowError(.invalidData("username is required.", detailCode: "REQUIRED_VALUE", target: "username"))
        }
        var flow = flow
        flow.userID = configuration.users.first { $0.username.lowercased() == username.lowercased() }?.id
        flow.status = .recoveryCodeRequired
        flows[flow.id] = flow
        return .json(200, flowJSON(flow), contentType: Self.flowContentType)
    }

    /// `password.recover`: `{"recoveryCode", "newPassword"}`. A wrong code is 400 INVALID_DATA, detail
    /// INVALID_VALUE, target `recoveryCode` (UNCONFIRMED); the new password is checked against the policy.
    func recoverPassword(flow: Flow, body: JSONValue) -> SimulatorResponse {
        guard let code = body["recoveryCode"]?.stringValue, !code.isEmpty else {
            return flowError(
                .invalidData("recoveryCode is required.", detailCode: "REQUIRED_VALUE", target: "recoveryCode"))
        }
        guard let new = body["newPassword"]?.stringValue, !new.isEmpty else {
            return flowError(
                .invalidData("newPassword is required.", detailCode: "REQUIRED_VALUE", target: "newPassword"))
        }
        guard let user = flowUser(flow), code == Self.demoRecoveryCode else {
            return flowError(
                .invalidData("The recovery code is not valid.", detailCode: "INVALID_VALUE", target: "recoveryCode"))
        }
        let current = changedPasswords[user.id] ?? user.password
        let unmet = SimulatedPasswordPolicy.unmet(by: new, current: current)
        guard unmet.isEmpty else { return flowError(SimulatedPasswordPolicy.refusal(unmet)) }
        changedPasswords[user.id] = new
        lockouts[user.username.lowercased()] = nil
        return signOnStepDone(flow: flow, user: user, passwordChecked: true)
    }
}
