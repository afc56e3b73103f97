/// What is shown over the panes and takes the keys while it is open.
public enum Overlay: Equatable, Sendable {
    /// Every key binding.
    case help
    /// The parameters of the request being built, one selected, to pick one to edit.
    case parameterPicker(selected: Int)
    /// The name of a parameter to add to the request being built.
    case parameterName(field: TextField)
    /// One parameter being edited.
    case parameterEditor(name: String, field: TextField)
    /// The sign-on step's username and password.
    case credentials(CredentialsForm)
    /// Sign-on happens in a browser: the URL to open, and a field for the callback URL.
    case browserCallback(authorizeURL: String, field: TextField)
    /// The file to save the session to; its extension names the format.
    case saveSession(field: TextField)
    /// The demo simulator's faults, one selected, to arm or clear (`F`).
    case faultPicker(selected: Int)
    /// Every exchange so far with its time on the wire (`t`).
    case timeline
}
