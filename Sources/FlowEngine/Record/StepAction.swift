/// What one request of a step does, as data; ``StepAction/title`` words it.
public enum StepAction: Equatable, Sendable {
    /// RFC 9126: the authorize parameters pushed to the PAR endpoint.
    case pushedAuthorization
    /// The authorize request, and who sends it.
    case authorize(sentBy: AuthorizeSender)
    /// Flow API: `GET /{envID}/flows/{flowID}`.
    case readFlow
    /// Flow API: `usernamePassword.check`.
    case checkCredentials
    /// Flow API: `device.select`, an MFA device chosen.
    case selectDevice
    /// Flow API: `otp.check`.
    case checkOTP
    /// Flow API: `password.reset`, a temporary or expired password changed.
    case changePassword
    /// Flow API: the flow read again while a push waits (PUSH_CONFIRMATION_REQUIRED).
    case pollPush
    /// Flow API: `cancel.push.authentication`, to choose another device.
    case cancelPush
    /// Flow API: `password.forgot`, a recovery code asked for instead of the password.
    case forgotPassword
    /// Flow API: `password.recover`, a new password set with the recovery code.
    case recoverPassword
    /// The redirect the browser followed back to the redirect URI, caught or pasted.
    case callbackFromBrowser
    case resume
    /// The token request with `grant_type=authorization_code` (RFC 6749 §4.1.3).
    case redeemCode
    /// The JWKS fetched at the inspect step.
    case fetchKeys
    case userInfo
    case introspect
    /// The token request with `grant_type=refresh_token` (RFC 6749 §6).
    case refresh
    /// RFC 7009: which token is revoked.
    case revoke(RevokedToken)
    case signOff
}

/// Who sends the authorize request, and how.
public enum AuthorizeSender: Equatable, Sendable {
    /// authflow sends it, as a GET or a form POST.
    case authflow(AuthorizeMethod)
    /// authflow sends a GET that carries PAR's `request_uri` only.
    case authflowWithRequestURI
    /// A browser sends it and signs on; authflow waits for the callback.
    case browser
}

/// The token a revocation names (RFC 7009 §2.1 `token_type_hint`).
public enum RevokedToken: String, Equatable, Sendable {
    case refreshToken = "refresh_token"
    case accessToken = "access_token"
}

/// The outcome of a follow-up step, as data; ``StepResult/description`` words it.
public enum StepResult: Equatable, Sendable {
    /// OIDC Core §5.3.2: UserInfo's claims are not used (its `sub` is not the ID token's).
    case userInfoSubjectMismatch
    /// RFC 7662: whether the server says the token is active.
    case introspected(active: Bool)
    /// RFC 6749 §6: whether a new refresh token replaced the old one.
    case refreshed(rotated: Bool)
    /// RFC 7009: the revocation was accepted.
    case revoked(RevokedToken)
    /// RP-initiated sign-off: whether the session cookie was cleared.
    case signedOff(sessionCleared: Bool)
    /// RP-initiated sign-off answered with a page the user still has to confirm in a browser.
    case signOffNeedsConfirmation
}
