import Foundation

/// The Flow API's MFA and password-change states (reference §1.3, §2.2): `device.select`,
/// `otp.check` and `password.reset`, and what the flow embeds for them.
extension AuthorizationServer {
    /// The user a flow's password check identified.
    func flowUser(_ flow: Flow) -> SimulatedUser? {
        flow.userID.flatMap { configuration.user(id: $0) }
    }

    /// `device.select`: `{"device": {"id": …}}`. UNCONFIRMED: the body shape was not collected
    /// (reference §2.2); this is the shape of Ping's custom sign-on sample.
    func selectDevice(flow: Flow, body: JSONValue) -> SimulatorResponse {
        guard let id = body["device"]?["id"]?.stringValue, !id.isEmpty else {
            return flowError(.invalidData("device.id is required.", detailCode: "REQUIRED_VALUE", target: "device.id"))
        }
        guard
            let device = flowUser(flow).map({ mfaDevices(of: $0, policy: flow.request.policy) })?.first(where: {
                $0.id == id
            })
        else {
            return flowError(
                .invalidData(
                    "The device \(id) is not one of the user's devices.", detailCode: "INVALID_VALUE",
                    target: "device.id"))
        }
        var flow = flow
        startSecondFactor(&flow, device: device)
        flows[flow.id] = flow
        return .json(200, flowJSON(flow), contentType: Self.flowContentType)
    }

    /// Sends the OTP to `device`, or the push to a MOBILE one.
    func startSecondFactor(_ flow: inout Flow, device: SimulatedDevice) {
        flow.selectedDeviceID = device.id
        flow.assertionChallenge = nil
        if device.isFIDO {
            flow.status = .assertionRequired
            flow.assertionChallenge = Self.randomToken()
        } else if device.isPush {
            flow.status = .pushConfirmationRequired
            flow.pushSentAt = now
            flow.pushPolls = 0
        } else {
            flow.status = .otpRequired
            flow.otpAttemptsLeft = Flow.otpAttempts
        }
    }

    /// `GET /flows/{flowId}` while a push waits (PUSH_CONFIRMATION_REQUIRED): each read is a poll. The
    /// simulated phone approves on the device's `pushApprovedOnPoll`th poll, completing the flow (with a
    /// new `ST`, as a password check does); an unapproved push turns PUSH_CONFIRMATION_TIMED_OUT after
    /// its timeout. UNCONFIRMED: that clients poll with GET (PingOne's docs name the states, not the poll).
    func pollPush(flow: Flow) -> SimulatorResponse {
        var flow = flow
        flow.pushPolls += 1
        guard let user = flowUser(flow),
            let device = mfaDevices(of: user, policy: flow.request.policy).first(where: {
                $0.id == flow.selectedDeviceID
            })
        else {
            return flowError(.invalidRequest("The flow has no selected device.", target: "selectedDevice"))
        }
        if let sent = flow.pushSentAt, now >= sent.addingTimeInterval(TimeInterval(device.pushTimeout)) {
            flow.status = .pushConfirmationTimedOut
        } else if let approvedOn = device.pushApprovedOnPoll, flow.pushPolls >= approvedOn {
            return signOnStepDone(flow: flow, user: user, passwordChecked: false)
        }
        flows[flow.id] = flow
        return .json(200, flowJSON(flow), contentType: Self.flowContentType)
    }

    /// `cancel.push.authentication`: `{"reason": "CHANGE_DEVICE"}` (PingOne's "Cancel Authentication Flow"
    /// doc). The flow goes back to DEVICE_SELECTION_REQUIRED (UNCONFIRMED: the status after a cancel).
    func cancelPush(flow: Flow, body: JSONValue) -> SimulatorResponse {
        guard let reason = body["reason"]?.stringValue, !reason.isEmpty else {
            return flowError(.invalidData("reason is required.", detailCode: "REQUIRED_VALUE", target: "reason"))
        }
        guard reason == "CHANGE_DEVICE" else {
            return flowError(
                .invalidData("reason must be CHANGE_DEVICE.", detailCode: "INVALID_VALUE", target: "reason"))
        }
        var flow = flow
        flow.status = .deviceSelectionRequired
        flow.selectedDeviceID = nil
        flow.pushSentAt = nil
        flows[flow.id] = flow
        return .json(200, flowJSON(flow), contentType: Self.flowContentType)
    }

    /// `otp.check`: `{"otp": "123456"}` (reference §2.2). A wrong OTP is 400 `INVALID_OTP` with the
    /// attempts left in `innerError.remainingAttempts` (UNCONFIRMED: the inner member's name); the
    /// last wrong one ends the flow (later calls are 404).
    func checkOTP(flow: Flow, body: JSONValue) -> SimulatorResponse {
        guard let otp = body["otp"]?.stringValue, !otp.isEmpty else {
            return flowError(.invalidData("otp is required.", detailCode: "REQUIRED_VALUE", target: "otp"))
        }
        guard let user = flowUser(flow),
            let device = mfaDevices(of: user, policy: flow.request.policy).first(where: {
                $0.id == flow.selectedDeviceID
            })
        else {
            return flowError(.invalidRequest("The flow has no selected device.", target: "selectedDevice"))
        }
        guard otp == device.otp else {
            var flow = flow
            flow.otpAttemptsLeft -= 1
            flows[flow.id] = flow.otpAttemptsLeft > 0 ? flow : nil
            return flowError(
                .invalidData(
                    "Invalid one-time password. \(flow.otpAttemptsLeft) attempts remaining.", detailCode: "INVALID_OTP",
                    target: "otp", innerError: [JSONMember("remainingAttempts", .int(flow.otpAttemptsLeft))]))
        }
        return signOnStepDone(flow: flow, user: user, passwordChecked: false)
    }

    /// `password.reset`: `{"currentPassword", "newPassword"}` (reference §2.2), the new password
    /// checked against the policy the flow embeds.
    func resetPassword(flow: Flow, body: JSONValue) -> SimulatorResponse {
        guard let current = body["currentPassword"]?.stringValue, !current.isEmpty else {
            return flowError(
                .invalidData("currentPassword is required.", detailCode: "REQUIRED_VALUE", target: "currentPassword"))
        }
        guard let new = body["newPassword"]?.stringValue, !new.isEmpty else {
            return flowError(
                .invalidData("newPassword is required.", detailCode: "REQUIRED_VALUE", target: "newPassword"))
        }
        guard let user = flowUser(flow) else {
            return flowError(.invalidRequest("The flow has no user.", target: "user"))
        }
        guard (changedPasswords[user.id] ?? user.password) == current else {
            return flowError(.invalidCredentials)
        }
        let unmet = SimulatedPasswordPolicy.unmet(by: new, current: current)
        guard unmet.isEmpty else { return flowError(SimulatedPasswordPolicy.refusal(unmet)) }
        changedPasswords[user.id] = new
        return signOnStepDone(flow: flow, user: user, passwordChecked: false)
    }

    /// `_embedded` members of the MFA and password states: the user's devices, masked; the policy.
    func signOnStateEmbedded(_ flow: Flow) -> [JSONMember] {
        switch flow.status {
        case .deviceSelectionRequired, .otpRequired, .pushConfirmationRequired, .pushConfirmationTimedOut,
            .assertionRequired:
            let devices = (flowUser(flow).map({ mfaDevices(of: $0, policy: flow.request.policy) }) ?? []).map {
                device in
                var fields = [
                    JSONMember("id", .string(device.id)), JSONMember("type", .string(device.type)),
                    JSONMember("status", .string("ACTIVE")), JSONMember("userRetries", .int(0)),
                ]
                if let masked = device.maskedAddress {
                    fields.append(JSONMember(device.type == "EMAIL" ? "email" : "phone", .string(masked)))
                }
                return JSONValue.object(fields)
            }
            return [JSONMember("devices", .array(devices))]
        case .mustChangePassword, .passwordExpired, .recoveryCodeRequired:
            return [JSONMember("passwordPolicy", SimulatedPasswordPolicy.json)]
        case .usernamePasswordRequired, .passwordRequired, .completed:
            return []
        }
    }
}

/// The password policy of the simulated environment, in the shape of PingOne's password-policy
/// resource (UNCONFIRMED in a flow's `_embedded.passwordPolicy`: the shape was not collected).
enum SimulatedPasswordPolicy {
    static let minimumLength = 8
    static let characterSets = [
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", "0123456789", "~!@#$%^&*()-_=+[]{}|;:,.<>/?",
    ]

    static let json = JSONValue.object([
        JSONMember("id", .string("b5c3e1a9-7d2f-4e6a-8c0b-2d4f6a8c0e1b")),
        JSONMember("name", .string("Standard")),
        JSONMember("length", .object([JSONMember("min", .int(minimumLength)), JSONMember("max", .int(255))])),
        JSONMember("minCharacters", .object(characterSets.map { JSONMember($0, .int(1)) })),
        JSONMember("notSimilarToCurrent", .bool(true)),
    ])

    /// The error for a new password that breaks `unmet` rules. UNCONFIRMED: the shape of a policy
    /// failure; `innerError.errors` lists each unmet rule.
    static func refusal(_ unmet: [(code: String, message: String)]) -> PingOneError {
        .invalidData(
            "User password did not satisfy password policy requirements", detailCode: "INVALID_VALUE",
            target: "newPassword",
            innerError: [
                JSONMember(
                    "errors",
                    .array(
                        unmet.map {
                            .object([
                                JSONMember("code", .string($0.code)), JSONMember("message", .string($0.message)),
                            ])
                        }))
            ])
    }

    /// The rules `password` breaks, as `(code, message)`: the code names the policy member.
    static func unmet(by password: String, current: String) -> [(code: String, message: String)] {
        var unmet: [(code: String, message: String)] = []
        if password.count < minimumLength {
            unmet.append(("length", "The password must have at least \(minimumLength) characters."))
        }
        for set in characterSets where !password.contains(where: { set.contains($0) }) {
            unmet.append(("minCharacters", "The password must have at least 1 of \(set)."))
        }
        if password == current {
            unmet.append(("notSimilarToCurrent", "The password must differ from the current one."))
        }
        return unmet
    }
}
