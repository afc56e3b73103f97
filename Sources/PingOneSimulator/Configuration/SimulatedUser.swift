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
    /// An expired password: a correct one moves the flow on to PASSWORD_EXPIRED.
    public var passwordExpired: Bool?
    /// A locked account: from the simulator's start, every password check is PASSWORD_LOCKED_OUT for
    /// this many seconds.
    public var lockedForSeconds: Int?

    /// Creates a user.
    public init(
        id: String, username: String, password: String, givenName: String, familyName: String, email: String,
        devices: [SimulatedDevice]? = nil, mustChangePassword: Bool? = nil, passwordExpired: Bool? = nil,
        lockedForSeconds: Int? = nil
    ) {
        self.id = id
        self.username = username
        self.password = password
        self.givenName = givenName
        self.familyName = familyName
        self.email = email
        self.devices = devices
        self.mustChangePassword = mustChangePassword
        self.passwordExpired = passwordExpired
        self.lockedForSeconds = lockedForSeconds
    }
}

extension SimulatedUser {
    /// What the banner says of the user's state: `(temporary: MUST_CHANGE_PASSWORD)`, `(locked for 3600 s)`.
    public var stateSummary: String {
        var states: [String] = []
        if mustChangePassword == true { states.append("temporary: MUST_CHANGE_PASSWORD") }
        if passwordExpired == true { states.append("expired: PASSWORD_EXPIRED") }
        if let seconds = lockedForSeconds { states.append("locked out: PASSWORD_LOCKED_OUT for \(seconds) s") }
        return states.isEmpty ? "" : "  (" + states.joined(separator: "; ") + ")"
    }
}
