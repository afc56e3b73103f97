/// The sign-on prompt: a username and a masked password, one of them focused.
public struct CredentialsForm: Equatable, Sendable {
    /// The field being typed in.
    public enum Field: Equatable, Sendable {
        case username
        case password
    }

    /// What a key did to the form.
    public enum Outcome: Equatable, Sendable {
        /// Both fields were submitted.
        case submitted(username: String, password: String)
        /// The prompt was dismissed.
        case cancelled
        /// The form changed (or the key meant nothing).
        case edited
    }

    public private(set) var username: TextField
    public private(set) var password: TextField
    public private(set) var focus: Field

    /// A form with the username filled in (if known) and the focus where typing is needed.
    public init(username: String = "") {
        self.username = TextField(label: "username", text: username)
        self.password = TextField(label: "password", isMasked: true)
        focus = username.isEmpty ? .username : .password
    }

    /// Applies a key: tab and the arrows move between the fields, Enter on the username moves on,
    /// Enter on the password submits, Esc cancels.
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .tab, .backTab, .up, .down:
            focus = focus == .username ? .password : .username
            return .edited
        case .escape:
            return .cancelled
        default:
            break
        }
        switch focus {
        case .username:
            if case .submitted = username.handle(key) { focus = .password }
            return .edited
        case .password:
            if case .submitted(let typed) = password.handle(key) {
                guard !username.text.isEmpty else {
                    focus = .username
                    return .edited
                }
                return .submitted(username: username.text, password: typed)
            }
            return .edited
        }
    }
}
