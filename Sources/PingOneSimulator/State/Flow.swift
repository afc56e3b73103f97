import Foundation

/// A sign-on flow created by authorize and driven through the Flow API (reference §2).
struct Flow: Sendable, Equatable {
    enum Status: String, Sendable {
        case usernamePasswordRequired = "USERNAME_PASSWORD_REQUIRED"
        case passwordRequired = "PASSWORD_REQUIRED"
        case recoveryCodeRequired = "RECOVERY_CODE_REQUIRED"
        case deviceSelectionRequired = "DEVICE_SELECTION_REQUIRED"
        case otpRequired = "OTP_REQUIRED"
        case mustChangePassword = "MUST_CHANGE_PASSWORD"
        case passwordExpired = "PASSWORD_EXPIRED"
        case pushConfirmationRequired = "PUSH_CONFIRMATION_REQUIRED"
        case pushConfirmationTimedOut = "PUSH_CONFIRMATION_TIMED_OUT"
        case assertionRequired = "ASSERTION_REQUIRED"
        case completed = "COMPLETED"
    }

    /// Wrong OTPs allowed before the flow fails (UNCONFIRMED: PingOne's count is not documented).
    static let otpAttempts = 3

    var id: String
    /// The `ST` cookie of the browser session that created the flow.
    var sessionToken: String
    var request: AuthorizationRequest
    var createdAt: Date
    var expiresAt: Date
    var status: Status = .usernamePasswordRequired
    var userID: String?
    /// The MFA device chosen with `device.select` (or the only one).
    var selectedDeviceID: String?
    /// Wrong OTPs still allowed.
    var otpAttemptsLeft = Flow.otpAttempts
    /// When the push to the selected MOBILE device was sent.
    var pushSentAt: Date?
    /// Reads of the flow since the push was sent.
    var pushPolls = 0
    /// The WebAuthn challenge of ASSERTION_REQUIRED (base64url), which the assertion's client data must carry.
    var assertionChallenge: String?
    /// The code issued in `pi.flow` mode when the flow completed.
    var authorizeCode: String?
    /// How the user authenticated in this flow, as `amr` values (RFC 8176 §2): `pwd`, `otp`, `mfa`.
    var methods: [String] = []
}
