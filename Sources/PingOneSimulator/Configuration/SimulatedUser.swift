/// A user who can sign on with a username and password.
public struct SimulatedUser: Codable, Sendable, Equatable {
    /// The user UUID, sent as `sub`.
    public var id: String
    /// The username typed on the sign-on form, sent as `preferred_username`.
    public var username: String
    /// The password checked by `usernamePassword.check`.
    public var password: String
    /// Sent as `given_name`.
    public var givenName: String
    /// Sent as `family_name`.
    public var familyName: String
    /// Sent as `email`.
    public var email: String
    /// MFA devices: with any, a correct password moves the flow on to DEVICE_SELECTION_REQUIRED
    /// (two or more) or OTP_REQUIRED (one) rather than COMPLETED.
    public var devices: [SimulatedDevice]?
    /// A temporary password: a correct one moves the flow on to MUST_CHANGE_PASSWORD.
    public var mustChangePassword: Bool?

    /// Creates a user.
    public init(
        id: String, username: String, password: String, givenName: String, familyName: String, email: String,
        devices: [SimulatedDevice]? = nil, mustChangePassword: Bool? = nil
    ) {
        self.id = id
        self.username = username
        self.password = password
        self.givenName = givenName
        self.familyName = familyName
        self.email = email
        self.devices = devices
        self.mustChangePassword = mustChangePassword
    }
}
