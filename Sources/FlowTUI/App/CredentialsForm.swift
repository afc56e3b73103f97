import FlowEngine

/// The sign-on prompt: a username and a masked password, one of them focused; at password recovery,
/// the recovery code and the new password; or, at the Flow API's MFA and password stages, one field
/// for the device, the one-time password or the new password.
public struct CredentialsForm: Equatable, Sendable {
    /// The field being typed in.
    public enum Field: Equatable, Sendable {
        case username
        case password
    }

    /// What a key did to the form.
    public enum Outcome: Equatable, Sendable {
        /// Both fields were submitted (at recovery: `username` is the recovery code, `password` the new one).
        case submitted(username: String, password: String)
        /// The one field of a device, OTP or new-password prompt was submitted.
        case answered(String)
        /// The prompt was dismissed.
        case cancelled
        /// The form changed (or the key meant nothing).
        case edited
    }

    public private(set) var username: TextField
    public private(set) var password: TextField
    public private(set) var focus: Field
    /// What the prompt asks for; with anything but credentials, only `password` is used (its label,
    /// and whether it is masked, say what it holds).
    public let input: SignOn.Input

    /// A one-field prompt for a device (by number, id or type), a one-time password or a new password.
    public init(asking input: SignOn.Input) {
        self.input = input
        username = TextField(label: "username")
        switch input {
        case .credentials: password = TextField(label: "password", isMasked: true)
        case .device: password = TextField(label: "device", text: "1")
        case .otp: password = TextField(label: "one-time password", isMasked: true)
        case .newPassword: password = TextField(label: "new password", isMasked: true)
        case .recoveryCode:
            // Two fields: the code PingOne sent, and the new password it lets the user set.
            username = TextField(label: "recovery code", isMasked: true)
            password = TextField(label: "new password", isMasked: true)
            focus = .username
            return
        }
        focus = .password
    }

    /// A form with the username filled in (if known) and the focus where typing is needed.
    public init(username: String = "") {
        self.username = TextField(label: "username", text: username)
        self.password = TextField(label: "password", isMasked: true)
        focus = username.isEmpty ? .username : .password
        input = .credentials
    }

    /// Applies a key: tab and the arrows move between the fields, Enter on the username moves on,
    /// Enter on the password submits, Esc cancels.
    public mutating func handle(_ key: Key) -> Outcome {
        if input != .credentials, input != .recoveryCode {
            if key == .escape { return .cancelled }
            if case .submitted(let typed) = password.handle(key), !typed.isEmpty { return .answered(typed) }
            return .edited
        }
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
