import Foundation

extension AuthorizationServer {
    static let flowContentType = "application/hal+json;charset=UTF-8"
    static let usernamePasswordCheck = "application/vnd.pingidentity.usernamePassword.check+json"
    static let deviceSelect = "application/vnd.pingidentity.device.select+json"
    static let otpCheck = "application/vnd.pingidentity.otp.check+json"
    static let passwordReset = "application/vnd.pingidentity.password.reset+json"
    static let cancelPush = "application/vnd.pingidentity.cancel.push.authentication+json"
    static let passwordForgot = "application/vnd.pingidentity.password.forgot+json"
    static let passwordRecover = "application/vnd.pingidentity.password.recover+json"
    static let assertionCheck = "application/vnd.pingidentity.assertion.check+json"

    /// `GET /flows/{flowId}` (reference §2.1).
    func readFlow(id: String, request: SimulatorRequest) -> SimulatorResponse {
        switch accessibleFlow(id: id, request: request) {
        case .success(let flow) where flow.status == .pushConfirmationRequired: return pollPush(flow: flow)
        case .success(let flow): return .json(200, flowJSON(flow), contentType: Self.flowContentType)
        case .failure(let error): return error.response()
        }
    }

    /// `POST /flows/{flowId}`: the action is chosen by the `Content-Type` media type (reference §2.2).
    func updateFlow(id: String, request: SimulatorRequest) -> SimulatorResponse {
        let flow: Flow
        switch accessibleFlow(id: id, request: request) {
        case .success(let found): flow = found
        case .failure(let error): return error.response()
        }
        let body: JSONValue
        do {
            body = try JSONValue(parsing: request.body)
        } catch {
            return flowError(.invalidRequest("The request body is not valid JSON: \(error.reason)", target: "body"))
        }
        if request.mediaType == Self.cancelPush.lowercased() {
            guard flow.status == .pushConfirmationRequired || flow.status == .pushConfirmationTimedOut else {
                return flowError(
                    .invalidRequest(
                        "The flow is \(flow.status.rawValue) and does not accept cancel.push.authentication.",
                        target: "status"))
            }
            return cancelPush(flow: flow, body: body)
        }
        let pushStates: Set<Flow.Status> = [
            .otpRequired, .pushConfirmationRequired, .pushConfirmationTimedOut, .assertionRequired,
        ]
        let actions: [(mediaType: String, statuses: Set<Flow.Status>, name: String)] = [
            (Self.usernamePasswordCheck, [.usernamePasswordRequired, .passwordRequired], "usernamePassword.check"),
            (Self.deviceSelect, pushStates.union([.deviceSelectionRequired]), "device.select"),
            (Self.otpCheck, [.otpRequired], "otp.check"),
            (Self.passwordReset, [.mustChangePassword, .passwordExpired], "password.reset"),
            (Self.passwordForgot, [.usernamePasswordRequired], "password.forgot"),
            (Self.passwordRecover, [.recoveryCodeRequired], "password.recover"),
            (Self.assertionCheck, [.assertionRequired], "assertion.check"),
        ]
        guard let action = actions.first(where: { request.mediaType == $0.mediaType.lowercased() }) else {
            return flowError(
                .invalidRequest(
                    "The Content-Type \(request.mediaType ?? "(none)") is not a supported flow action.",
                    detailCode: "INVALID_VALUE", target: "Content-Type"))
        }
        guard action.statuses.contains(flow.status) else {
            return flowError(
                .invalidRequest(
                    "The flow is \(flow.status.rawValue) and does not accept \(action.name).", target: "status"))
        }
        switch action.mediaType {
        case Self.deviceSelect: return selectDevice(flow: flow, body: body)
        case Self.otpCheck: return checkOTP(flow: flow, body: body)
        case Self.passwordReset: return resetPassword(flow: flow, body: body)
        case Self.passwordForgot: return forgotPassword(flow: flow, body: body)
        case Self.passwordRecover: return recoverPassword(flow: flow, body: body)
        case Self.assertionCheck: return checkAssertion(flow: flow, body: body)
        default: break
        }
        guard let username = body["username"]?.stringValue, !username.isEmpty else {
            return flowError(.invalidData("username is required.", detailCode: "REQUIRED_VALUE", target: "username"))
        }
        guard let password = body["password"]?.stringValue, !password.isEmpty else {
            return flowError(.invalidData("password is required.", detailCode: "REQUIRED_VALUE", target: "password"))
        }
        switch checkPassword(username: username, password: password) {
        case .failure(let error):
            return flowError(error)
        case .success(let user):
            if let refusal = reauthenticationRefusal(flow: flow, user: user) { return flowError(refusal) }
            return signOnStepDone(flow: flow, user: user, passwordChecked: true)
        }
    }

    /// At PASSWORD_REQUIRED the password must be the signed-on user's: another user's is refused.
    /// UNCONFIRMED: PingOne's answer to another user's credentials here; 400 INVALID_DATA is this simulator's.
    func reauthenticationRefusal(flow: Flow, user: SimulatedUser) -> PingOneError? {
        guard flow.status == .passwordRequired, let expected = flow.userID, expected != user.id else { return nil }
        return .invalidData(
            "The session belongs to another user: sign on as that user, or sign off first.",
            detailCode: "INVALID_VALUE", target: "username")
    }

    /// Moves a flow on once a step of its sign-on succeeded: to a password change, an MFA device,
    /// or COMPLETED with a new `ST`.
    func signOnStepDone(flow: Flow, user: SimulatedUser, passwordChecked: Bool) -> SimulatorResponse {
        var flow = flow
        flow.userID = user.id
        let devices = mfaDevices(of: user, policy: flow.request.policy)
        // A second factor is asked once: after an OTP or an approved push the flow completes.
        let factorDone = [.otpRequired, .pushConfirmationRequired, .assertionRequired].contains(flow.status)
        // amr (RFC 8176 §2): `pwd` for the password; `otp` and `mfa` once a one-time password was checked;
        // `mfa` after an approved push. UNCONFIRMED: PingOne's amr values beyond `pwd` (reference §6.2).
        if passwordChecked { flow.methods = ["pwd"] }
        if flow.status == .otpRequired { flow.methods.append("otp") }
        // RFC 8176 §2: `hwk`, proof of possession of a hardware key.
        if flow.status == .assertionRequired { flow.methods.append("hwk") }
        if factorDone { flow.methods.append("mfa") }
        if passwordChecked, user.mustChangePassword == true, changedPasswords[user.id] == nil {
            flow.status = .mustChangePassword
        } else if passwordChecked, user.passwordExpired == true, changedPasswords[user.id] == nil {
            // The login action's doc: an expired password moves the flow to PASSWORD_EXPIRED.
            flow.status = .passwordExpired
        } else if !factorDone,
            let device = devices.first(where: { $0.isDefault == true }) ?? (devices.count == 1 ? devices.first : nil)
        {
            // UNCONFIRMED: that a default device skips DEVICE_SELECTION_REQUIRED (the MFA policy decides).
            startSecondFactor(&flow, device: device)
        } else if !factorDone, devices.count > 1 {
            flow.status = .deviceSelectionRequired
        } else {
            flows[flow.id] = flow
            completeFlow(flow.id, userID: user.id)
            // A successful check issues a new `ST` (Ping's getting-started docs, reference §2.2): the session
            // continues under the new value, and the old one is no longer accepted.
            let sessionToken = renewSessionToken(flow.sessionToken)
            // pi.flow too: the completed flow gives its resumeUrl, and the resume endpoint answers with
            // `authorizeResponse` (PingOne's MFA workflows: "The authorizeResponse.code property returned by
            // the resume endpoint contains the code", reference §3.2).
            var response = SimulatorResponse.json(
                200, flowJSON(flows[flow.id] ?? flow), contentType: Self.flowContentType)
            response.add("Set-Cookie", signedOnSessionCookie(sessionToken))
            return response
        }
        flows[flow.id] = flow
        return .json(200, flowJSON(flow), contentType: Self.flowContentType)
    }

    /// The flow, if it exists, is live, and belongs to the session in the request's `ST` cookie.
    func accessibleFlow(id: String, request: SimulatorRequest) -> Result<Flow, PingOneError> {
        guard let flow = flows[id] else {
            return .failure(.notFound("The flow \(id) was not found."))
        }
        guard flow.expiresAt > now else {
            // reference §2.1: an expired flow answers 404.
            flows[id] = nil
            return .failure(.notFound("The flow \(id) was not found or has expired."))
        }
        // ASSERTION_REQUIRED can be continued in another browser by the flow's id alone, so a client
        // that cannot give a WebAuthn assertion (authflow in a terminal) hands the flow to one; the
        // check that completes it sets the `ST` there. UNCONFIRMED: whether PingOne lets a flow be
        // continued without its `ST`.
        let handedOff = flow.status == .assertionRequired && request.cookie("ST") != flow.sessionToken
        guard handedOff || request.cookie("ST") == flow.sessionToken, sessions[flow.sessionToken]?.ended == false
        else {
            return .failure(.missingSessionToken)
        }
        return .success(flow)
    }

    /// Checks a password, counting failures towards the lockout (reference §2.4).
    func checkPassword(username: String, password: String) -> Result<SimulatedUser, PingOneError> {
        let user = configuration.users.first { $0.username.lowercased() == username.lowercased() }
        if let refusal = passwordCheckFault { return .failure(refusal) }
        var lockout = lockouts[username.lowercased()] ?? PasswordLockout()
        if let seconds = lockout.secondsUntilUnlock(now: now) {
            return .failure(.lockedOut(secondsUntilUnlock: seconds))
        }
        guard let user, (changedPasswords[user.id] ?? user.password) == password else {
            lockout.failures += 1
            if lockout.failures >= PasswordLockout.maximumFailures {
                lockout.failures = 0
                lockout.lockedUntil = now.addingTimeInterval(TimeInterval(PasswordLockout.lockoutSeconds))
            }
            lockouts[username.lowercased()] = lockout
            return .failure(.invalidCredentials)
        }
        lockouts[username.lowercased()] = nil
        return .success(user)
    }

    /// Marks the flow COMPLETED and signs the user on to its session.
    func completeFlow(_ flowID: String, userID: String) {
        guard var flow = flows[flowID] else { return }
        flow.status = .completed
        flow.userID = userID
        flow.expiresAt = now.addingTimeInterval(15 * 60)
        flows[flowID] = flow
        if var session = sessions[flow.sessionToken] {
            // OIDC Core §2: auth_time is the time of the latest authentication.
            session.userID = userID
            session.authTime = now
            session.methods = flow.methods.isEmpty ? ["pwd"] : flow.methods
            session.policy = Self.satisfiedPolicy(requested: flow.request.policy, methods: session.methods)
            sessions[flow.sessionToken] = session
        }
    }

    /// Moves a session to a new `ST` value, with every flow, code and token bound to it; returns the new value.
    func renewSessionToken(_ old: String) -> String {
        guard var session = sessions.removeValue(forKey: old) else { return old }
        let new = Self.newID()
        session.token = new
        sessions[new] = session
        for (id, flow) in flows where flow.sessionToken == old { flows[id]?.sessionToken = new }
        for (id, code) in codes where code.grant.sessionToken == old { codes[id]?.grant.sessionToken = new }
        for (id, token) in tokens where token.grant.sessionToken == old { tokens[id]?.grant.sessionToken = new }
        return new
    }

    /// The `ST` cookie set by a successful `usernamePassword.check`, attributes as in Ping's docs:
    /// `ST=<uuid>; Path=/{envId}; Max-Age=2592000; Expires=…; Secure; HttpOnly; SameSite=None`.
    func signedOnSessionCookie(_ token: String) -> String {
        let maxAge = Self.sessionCookieMaxAge
        return "ST=\(token); Path=\(cookiePath); Max-Age=\(maxAge); "
            + "Expires=\(HTTPDate.imfFixdate(serverTime.addingTimeInterval(TimeInterval(maxAge)))); "
            + "Secure; HttpOnly; SameSite=\(sessionCookieSameSite)"
    }

    /// 30 days, the `Max-Age` PingOne sends with a signed-on `ST`.
    static let sessionCookieMaxAge = 2_592_000

    /// `pi.flow` completion: the flow JSON carries `authorizeResponse {code, state}` (reference §1.3, §3.2).
    func completePiFlow(_ flowID: String) -> SimulatorResponse {
        guard var flow = flows[flowID], let code = issueCode(for: flow) else {
            return PingOneError.notFound("The flow \(flowID) was not found.").response()
        }
        flow.authorizeCode = code.value
        flows[flowID] = flow
        return .json(200, flowJSON(flow), contentType: Self.flowContentType)
    }

    /// The flow resource (reference §1.3, §2.2), members in PingOne's order.
    func flowJSON(_ flow: Flow) -> JSONValue {
        let selfLink = JSONValue.object([JSONMember("href", .string(flowURL(flow.id)))])
        var links = [JSONMember("self", selfLink)]
        switch flow.status {
        case .usernamePasswordRequired:
            links.append(JSONMember("usernamePassword.check", selfLink))
            links.append(JSONMember("password.forgot", selfLink))
        case .passwordRequired:
            // The password is checked with usernamePassword.check, as the engine's PASSWORD_REQUIRED stage
            // and Ping's custom sign-on sample do. UNCONFIRMED: the other links of this state.
            links.append(JSONMember("usernamePassword.check", selfLink))
        case .deviceSelectionRequired:
            links.append(JSONMember("device.select", selfLink))
        case .otpRequired:
            links.append(JSONMember("otp.check", selfLink))
            if (flowUser(flow).map({ mfaDevices(of: $0, policy: flow.request.policy) }) ?? []).count > 1 {
                links.append(JSONMember("device.select", selfLink))
            }
        case .pushConfirmationRequired:
            links.append(JSONMember("cancel.push.authentication", selfLink))
            if (flowUser(flow).map({ mfaDevices(of: $0, policy: flow.request.policy) }) ?? []).count > 1 {
                links.append(JSONMember("device.select", selfLink))
            }
        case .pushConfirmationTimedOut:
            // UNCONFIRMED: the links of a timed-out push; selecting a device again sends a new push.
            links.append(JSONMember("device.select", selfLink))
        case .mustChangePassword, .passwordExpired:
            links.append(JSONMember("password.reset", selfLink))
        case .assertionRequired:
            // UNCONFIRMED: the links of ASSERTION_REQUIRED; the media type is documented (reference §2.2).
            links.append(JSONMember("assertion.check", selfLink))
            if (flowUser(flow).map({ mfaDevices(of: $0) }) ?? []).count > 1 {
                links.append(JSONMember("device.select", selfLink))
            }
        case .recoveryCodeRequired:
            // UNCONFIRMED: the links of this state; the media types are documented (reference §2.2).
            links.append(JSONMember("password.recover", selfLink))
        case .completed:
            break
        }
        if flow.status != .completed {
            links.append(JSONMember("signOnPage", .object([JSONMember("href", .string(signOnURL(flow.id)))])))
        }
        var appName = configuration.application(id: flow.request.clientID)?.name ?? ""
        if faults.contains(.hostileBytes) { appName += HostileText.sample }
        var embedded: [JSONMember] = []
        var members = [
            JSONMember("_links", .object(links)),
            JSONMember("id", .string(flow.id)),
            JSONMember("environment", .object([JSONMember("id", .string(configuration.environmentID))])),
        ]
        if flow.status == .completed, let session = sessions[flow.sessionToken] {
            members.append(JSONMember("session", .object([JSONMember("id", .string(session.id))])))
        }
        members.append(JSONMember("resumeUrl", .string(resumeURL(flow.id))))
        members.append(JSONMember("status", .string(flow.status.rawValue)))
        members.append(JSONMember("createdAt", .string(HTTPDate.iso8601(flow.createdAt))))
        members.append(JSONMember("expiresAt", .string(HTTPDate.iso8601(flow.expiresAt))))
        if flow.status == .passwordRequired, let user = flowUser(flow) {
            // UNCONFIRMED: the signed-on user embedded at PASSWORD_REQUIRED (id and username).
            embedded.append(
                JSONMember(
                    "user",
                    .object([JSONMember("id", .string(user.id)), JSONMember("username", .string(user.username))])))
        }
        if flow.status == .completed, let userID = flow.userID, let user = configuration.user(id: userID) {
            embedded.append(
                JSONMember(
                    "user",
                    .object([
                        JSONMember("id", .string(user.id)),
                        JSONMember("username", .string(user.username)),
                        JSONMember(
                            "name",
                            .object([
                                JSONMember("given", .string(user.givenName)),
                                JSONMember("family", .string(user.familyName)),
                            ])),
                    ])))
        }
        embedded += signOnStateEmbedded(flow)
        embedded.append(JSONMember("application", .object([JSONMember("name", .string(appName))])))
        members.append(JSONMember("_embedded", .object(embedded)))
        if let options = assertionRequestOptions(flow) {
            members.append(JSONMember("publicKeyCredentialRequestOptions", .string(options)))
        }
        if [.otpRequired, .pushConfirmationRequired, .pushConfirmationTimedOut, .assertionRequired].contains(
            flow.status),
            let device = flow.selectedDeviceID
        {
            members.append(JSONMember("bypassAllowed", .bool(false)))
            members.append(JSONMember("selectedDevice", .object([JSONMember("id", .string(device))])))
        }
        if let code = flow.authorizeCode {
            var response = [JSONMember("code", .string(code))]
            if let state = flow.request.state { response.append(JSONMember("state", .string(state))) }
            members.append(JSONMember("authorizeResponse", .object(response)))
        }
        return .object(members)
    }

    /// A Flow API error; under `hostileBytes` its message carries control characters.
    func flowError(_ error: PingOneError) -> SimulatorResponse {
        var error = error
        if faults.contains(.hostileBytes) { error.message += " " + HostileText.sample }
        return error.response()
    }
}
