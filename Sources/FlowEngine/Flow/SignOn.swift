import Foundation

/// A sign-on through PingOne's Flow API (reference §2): what exists only once authorize opened a flow.
///
/// The flow's id, what the flow asks for next (and so what the sign-on step's request does), and
/// where the flow said to go. A browser sign-on, or a flow not yet authorized, has none.
public struct SignOn: Equatable, Sendable {
    /// The flow's id: the authorize redirect's `flowId`, or the flow object's `id`.
    public var flowID: String?
    /// What the sign-on step's next request does.
    public var stage: Stage
    /// The flow's `resumeUrl`, once it gave one: where the resume step goes.
    public var resumeURL: String?
    /// The user's MFA devices, from the flow's `_embedded.devices` (addresses masked by PingOne).
    public var devices: [MFADevice] = []
    /// The device the flow's `selectedDevice` names, or the one chosen.
    public var selectedDeviceID: String?
    /// The password policy's rules, from `_embedded.passwordPolicy`, in words.
    public var passwordRules: [String] = []
    /// The flow's `password.forgot` link, when USERNAME_PASSWORD_REQUIRED offered one: the user may
    /// recover the password instead of typing it.
    public var forgotPasswordURL: String?
    /// When the flow first said PUSH_CONFIRMATION_REQUIRED in this wait: the deadline counts from here.
    public var pushStartedAt: Date?
    /// The flow's reads while the push waited.
    public var pushPolls = 0
    /// When the next poll of a waiting push is due.
    public var nextPollAt: Date?
    /// The hosted sign-on page that continues this flow in a browser, when the flow asked for what only a
    /// browser gives (ASSERTION_REQUIRED, a FIDO2 assertion): authflow hands the flow over and waits
    /// for the redirect back to `redirect_uri`.
    public var handOffURL: String?

    public init(flowID: String?, stage: Stage = .readFlow, resumeURL: String? = nil) {
        self.flowID = flowID
        self.stage = stage
        self.resumeURL = resumeURL
    }

    /// The requests of the sign-on step: read the flow, then answer what its status asks for.
    ///
    /// Each Flow API status that asks the user for something is one case here, carrying what its
    /// request needs (the link to post to).
    public enum Stage: Equatable, Sendable {
        /// Read the flow: its status says what it needs (reference §2.1).
        case readFlow
        /// Post the username and password (USERNAME_PASSWORD_REQUIRED, reference §2.2), to the
        /// flow's `usernamePassword.check` link when it gave one.
        case checkCredentials(URL: String?)
        /// Choose an MFA device (DEVICE_SELECTION_REQUIRED): `device.select`.
        case selectDevice(URL: String?)
        /// Post the one-time password (OTP_REQUIRED): `otp.check`.
        case checkOTP(URL: String?)
        /// Change the password (MUST_CHANGE_PASSWORD, PASSWORD_EXPIRED): `password.reset`.
        case changePassword(URL: String?)
        /// Read the flow again while the push waits for the user's approval on the phone
        /// (PUSH_CONFIRMATION_REQUIRED); `cancelURL` is its `cancel.push.authentication` link.
        case confirmPush(URL: String?, cancelURL: String?)
        /// Cancel the push to choose another device: `cancel.push.authentication`, `{"reason": "CHANGE_DEVICE"}`.
        case cancelPush(URL: String?)
        /// Ask for a recovery code instead of typing the password: `password.forgot`, `{"username"}`.
        case forgotPassword(URL: String?)
        /// Set a new password with the recovery code sent to the user (RECOVERY_CODE_REQUIRED):
        /// `password.recover`, `{"recoveryCode", "newPassword"}`.
        case recoverPassword(URL: String?)
    }

    /// What the user must give the sign-on at its current stage.
    public enum Input: Equatable, Sendable {
        case credentials
        case device
        case otp
        case newPassword
        /// The recovery code PingOne sent, and with it a new password (RECOVERY_CODE_REQUIRED).
        case recoveryCode

        /// `a one-time password`, for messages.
        public var noun: String {
            switch self {
            case .credentials: "a username and password"
            case .device: "an MFA device"
            case .otp: "a one-time password"
            case .newPassword: "a new password"
            case .recoveryCode: "a recovery code and a new password"
            }
        }
    }

    /// What the current stage needs from the user; nothing while the flow is only read.
    public var input: Input? {
        switch stage {
        case .readFlow, .confirmPush, .cancelPush, .forgotPassword: nil
        case .checkCredentials: .credentials
        case .selectDevice: .device
        case .checkOTP: .otp
        case .changePassword: .newPassword
        case .recoverPassword: .recoveryCode
        }
    }

    /// The device the OTP goes to, when the flow named one.
    public var selectedDevice: MFADevice? {
        devices.first { $0.id == selectedDeviceID }
    }

    /// Whether the flow waits for a push to be approved: the sign-on step polls it.
    public var awaitsPush: Bool {
        if case .confirmPush = stage { return true }
        return false
    }

    /// The `usernamePassword.check` link, when the sign-on is at that stage and the flow gave one.
    public var credentialsURL: String? {
        guard case .checkCredentials(let url) = stage else { return nil }
        return url
    }

    /// Moves on to checking a username and password; a link the flow gave earlier is kept.
    mutating func checkCredentials(at link: String? = nil) {
        stage = .checkCredentials(URL: link ?? credentialsURL)
    }
}

/// An MFA device the Flow API lists in `_embedded.devices` (reference §1.3).
public struct MFADevice: Equatable, Sendable {
    public var id: String
    /// `SMS`, `EMAIL`, `TOTP`, `MOBILE`…
    public var type: String
    /// The masked phone or email PingOne shows (`*******01`), if any.
    public var maskedAddress: String?

    public init(id: String, type: String, maskedAddress: String? = nil) {
        self.id = id
        self.type = type
        self.maskedAddress = maskedAddress
    }

    /// `EMAIL m**@example.com`, `TOTP`.
    public var summary: String {
        maskedAddress.map { "\(type) \($0)" } ?? type
    }

    /// Reads `_embedded.devices`; entries without an id are skipped.
    static func list(in json: JSONValue) -> [MFADevice] {
        (json["_embedded"]?["devices"]?.elements ?? []).compactMap { device in
            guard let id = device["id"]?.stringValue else { return nil }
            let address = device["phone"]?.stringValue ?? device["email"]?.stringValue
            return MFADevice(id: id, type: device["type"]?.stringValue ?? "(no type)", maskedAddress: address)
        }
    }
}
