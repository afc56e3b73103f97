/// An MFA device of a simulated user: the flow asks for it after the password (reference §1.3, §2.2).
public struct SimulatedDevice: Codable, Sendable, Equatable {
    /// The device UUID, sent in `_embedded.devices[].id` and chosen with `device.select`.
    public var id: String
    /// `EMAIL`, `SMS`, `TOTP`, or `MOBILE` (the authenticator app: a push to approve).
    public var type: String
    /// The email address or phone number the OTP goes to; shown masked in the flow. None for TOTP.
    public var address: String?
    /// The one-time password the simulator "sends" (or the authenticator app shows); fixed so a
    /// presenter or a test can read it. `authflow simulate` prints it.
    public var otp: String
    /// The user's default device: a correct password goes straight to it, with no device selection.
    public var isDefault: Bool?
    /// A `MOBILE` device: the simulated phone approves the push on this read of the flow (1 = the first
    /// poll); none, and the push is never approved.
    public var pushApprovedOnPoll: Int?
    /// A `MOBILE` device: seconds after it was sent that an unapproved push times out (default 60).
    public var pushTimeoutSeconds: Int?

    /// Creates a device.
    public init(
        id: String, type: String, address: String? = nil, otp: String, isDefault: Bool? = nil,
        pushApprovedOnPoll: Int? = nil, pushTimeoutSeconds: Int? = nil
    ) {
        self.id = id
        self.type = type
        self.address = address
        self.otp = otp
        self.isDefault = isDefault
        self.pushApprovedOnPoll = pushApprovedOnPoll
        self.pushTimeoutSeconds = pushTimeoutSeconds
    }

    /// What the presenter needs to sign on with the device: `OTP 428913`, or how its push is answered.
    public var answerSummary: String {
        let answer: String
        if isFIDO {
            answer = "simulated security key on the hosted sign-on page"
        } else if isPush {
            let approval = pushApprovedOnPoll.map { "push approved on poll \($0)" } ?? "push never approved"
            answer = "\(approval), times out after \(pushTimeout) s"
        } else {
            answer = "OTP \(otp)"
        }
        return answer + (isDefault == true ? "  (default device)" : "")
    }

    /// Whether a sign-on with this device is a push to approve rather than an OTP to type.
    var isPush: Bool { type == "MOBILE" }

    /// Whether the device is a FIDO2 authenticator (PingOne's `SECURITY_KEY` or `PLATFORM` types): the
    /// flow asks for a WebAuthn assertion (ASSERTION_REQUIRED), which only a browser can give.
    var isFIDO: Bool { type == "SECURITY_KEY" || type == "PLATFORM" }

    /// The credential ID the simulated authenticator holds for this device: base64url of the device id.
    var credentialID: String { Base64URL.encode(Array(id.utf8)) }

    /// Seconds an unapproved push waits before PUSH_CONFIRMATION_TIMED_OUT (UNCONFIRMED: PingOne's
    /// default is set by the MFA policy; 60 s is assumed).
    var pushTimeout: Int { pushTimeoutSeconds ?? 60 }

    /// The address as PingOne shows it in a flow: all but the last two characters of a phone
    /// masked (`*******01`), an email's local part masked but for its first letter.
    var maskedAddress: String? {
        guard let address else { return nil }
        if let at = address.firstIndex(of: "@") {
            let local = address[..<at]
            return String(local.prefix(1)) + String(repeating: "*", count: max(local.count - 1, 1))
                + address[at...]
        }
        return String(repeating: "*", count: max(address.count - 2, 0)) + address.suffix(2)
    }
}
