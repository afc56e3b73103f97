/// The words for the record's data: the transcript, the JSON record and the panes all read these.
extension StepAction {
    /// `Read flow`, `Authorize (GET)`, `Revoke the refresh token`.
    public var title: String {
        switch self {
        case .pushedAuthorization: "Pushed authorization request"
        case .authorize(.authflow(let method)): "Authorize (\(method.rawValue))"
        case .authorize(.authflowWithRequestURI): "Authorize (GET with request_uri)"
        case .authorize(.browser): "Authorize (in the browser)"
        case .readFlow: "Read flow"
        case .checkCredentials: "Check username and password"
        case .selectDevice: "Select the MFA device"
        case .checkOTP: "Check the one-time password"
        case .changePassword: "Change the password"
        case .pollPush: "Poll the push confirmation"
        case .cancelPush: "Cancel the push"
        case .forgotPassword: "Forgot password: ask for a recovery code"
        case .recoverPassword: "Recover the password"
        case .callbackFromBrowser: "Callback from the browser"
        case .resume: "Resume"
        case .redeemCode: "Token (authorization_code)"
        case .fetchKeys: "Fetch the signing keys (JWKS)"
        case .userInfo: "UserInfo"
        case .introspect: "Introspect the access token"
        case .refresh: "Token (refresh_token)"
        case .revoke(let token): "Revoke the \(token.title)"
        case .signOff: "Sign off"
        }
    }

    /// A stable name for programs (the JSON record's `action_kind`).
    public var kind: String {
        switch self {
        case .pushedAuthorization: "par"
        case .authorize(.authflow(let method)): "authorize.\(method.rawValue.lowercased())"
        case .authorize(.authflowWithRequestURI): "authorize.request_uri"
        case .authorize(.browser): "authorize.browser"
        case .readFlow: "flow.read"
        case .checkCredentials: "flow.check_credentials"
        case .selectDevice: "flow.select_device"
        case .checkOTP: "flow.check_otp"
        case .changePassword: "flow.change_password"
        case .pollPush: "flow.poll_push"
        case .cancelPush: "flow.cancel_push"
        case .forgotPassword: "flow.forgot_password"
        case .recoverPassword: "flow.recover_password"
        case .callbackFromBrowser: "callback"
        case .resume: "resume"
        case .redeemCode: "token.authorization_code"
        case .fetchKeys: "jwks"
        case .userInfo: "userinfo"
        case .introspect: "introspect"
        case .refresh: "token.refresh_token"
        case .revoke(let token): "revoke.\(token.rawValue)"
        case .signOff: "signoff"
        }
    }
}

extension RevokedToken {
    /// `refresh token`, `access token`.
    public var title: String {
        switch self {
        case .refreshToken: "refresh token"
        case .accessToken: "access token"
        }
    }
}

extension StepResult: CustomStringConvertible {
    /// One line, such as "the refresh token rotated: the old one is spent".
    public var description: String {
        switch self {
        case .userInfoSubjectMismatch: "not used: UserInfo names another subject than the ID token"
        case .introspected(let active): active ? "the token is active" : "the token is not active"
        case .refreshed(rotated: true): "the refresh token rotated: the old one is spent"
        case .refreshed(rotated: false): "the same refresh token stays valid"
        case .revoked: "revoked: the server no longer accepts the token"
        case .signedOff(sessionCleared: true): "signed off: the session cookie was cleared"
        case .signedOff(sessionCleared: false): "signed off"
        case .signOffNeedsConfirmation:
            "not signed off yet: the provider answered with a page to confirm; RP-initiated logout is a browser step (open the sign-off URL in the browser that signed on)"
        }
    }

    /// A stable name for programs (the JSON record's `result_kind`).
    public var kind: String {
        switch self {
        case .userInfoSubjectMismatch: "userinfo.subject_mismatch"
        case .introspected(let active): active ? "introspected.active" : "introspected.inactive"
        case .refreshed(let rotated): rotated ? "refreshed.rotated" : "refreshed.kept"
        case .revoked(let token): "revoked.\(token.rawValue)"
        case .signedOff(let cleared): cleared ? "signed_off.session_cleared" : "signed_off"
        case .signOffNeedsConfirmation: "signed_off.needs_confirmation"
        }
    }
}
