/// An MFA device of a simulated user: the flow asks for it after the password (reference §1.3, §2.2).
public struct SimulatedDevice: Codable, Sendable, Equatable {
    /// The device UUID, sent in `_embedded.devices[].id` and chosen with `device.select`.
    public var id: String
    /// `EMAIL`, `SMS` or `TOTP`.
    public var type: String
    /// The email address or phone number the OTP goes to; shown masked in the flow. None for TOTP.
    public var address: String?
    /// The one-time password the simulator "sends" (or the authenticator app shows); fixed so a
    /// presenter or a test can read it. `authflow simulate` prints it.
    public var otp: String

    /// Creates a device.
    public init(id: String, type: String, address: String? = nil, otp: String) {
        self.id = id
        self.type = type
        self.address = address
        self.otp = otp
    }

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
