/// What the user changed since the step's previous request, kept with the request it led to.
///
/// Every request is kept in the record, so a wrong password, a retry, an edited parameter or a
/// cleared cookie jar each show up as a new attempt with the changes that came before it.
public enum AttemptChange: Equatable, Sendable {
    /// The user asked to build the step's request again after it failed (or after tokens).
    case retried
    /// The user changed a parameter of the request being built; `from` is `nil` when it was added.
    case parameterEdited(name: String, from: String?, to: String)
    /// The user emptied the cookie jar; the names of the cookies it held.
    case cookiesCleared(names: [String])
    /// The user typed a username and password at the sign-on step.
    case credentialsEntered(username: String)
    /// The user removed a parameter from the request being built; the value it had.
    case parameterRemoved(name: String, value: String)
    /// The user changed how the client authenticates at the token, introspection and revocation endpoints.
    case clientAuthenticationChanged(from: ClientAuthenticationMethod, to: ClientAuthenticationMethod)

    /// A short machine-readable name, for the JSON record.
    public var kind: String {
        switch self {
        case .retried: "retried"
        case .parameterEdited: "parameter_edited"
        case .cookiesCleared: "cookies_cleared"
        case .credentialsEntered: "credentials_entered"
        case .parameterRemoved: "parameter_removed"
        case .clientAuthenticationChanged: "client_authentication_changed"
        }
    }

    /// One line saying what changed; a secret parameter's values go through the redactor as values.
    public func description(redactor: Redactor) -> String {
        switch self {
        case .retried:
            return "retried"
        case .parameterEdited(let name, let from, let to):
            let mask = { (value: String) -> String in
                FormParameter.isSecret(name: name) && !redactor.showsEverything
                    ? Redactor.mask : redactor.redactValue(value)
            }
            guard let from else { return "parameter \(name) added: \(mask(to))" }
            return "parameter \(name) edited: \(mask(from)) → \(mask(to))"
        case .cookiesCleared(let names):
            return names.isEmpty
                ? "cookie jar cleared (it was empty)" : "cookie jar cleared (\(names.joined(separator: ", ")))"
        case .credentialsEntered(let username):
            return "credentials entered for \(redactor.redact(username))"
        case .parameterRemoved(let name, let value):
            let shown =
                FormParameter.isSecret(name: name) && !redactor.showsEverything
                ? Redactor.mask : redactor.redactValue(value)
            return "parameter \(name) removed (it was \(shown))"
        case .clientAuthenticationChanged(let from, let to):
            return "client authentication changed: \(from.rawValue) → \(to.rawValue)"
        }
    }
}
