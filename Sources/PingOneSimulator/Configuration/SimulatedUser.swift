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

    /// Creates a user.
    public init(id: String, username: String, password: String, givenName: String, familyName: String, email: String) {
        self.id = id
        self.username = username
        self.password = password
        self.givenName = givenName
        self.familyName = familyName
        self.email = email
    }
}
