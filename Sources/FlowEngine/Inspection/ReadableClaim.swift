import Foundation

/// One claim (or header member) made readable: its label and its value in a form to show.
public struct ReadableClaim: Equatable, Sendable {
    /// How the value reads.
    public enum Value: Equatable, Sendable {
        /// A NumericDate: the date, its UTC text and how far from now.
        case time(Date, utc: String, relative: String)
        /// A list: `aud`, `scope` split on spaces, `amr`.
        case list([String])
        /// A string as sent.
        case text(String)
        /// Anything else, as compact JSON.
        case json(String)
        /// The claim is absent and that itself means something (no `exp`: no expiry).
        case absent(String)
        /// The claim cannot be read as its kind should be (a time that is not a number).
        case invalid(raw: String, reason: String)
    }

    /// The claim name as sent.
    public var name: String
    /// What it is, in words (`issuer`, `PingOne environment`); `nil` when authflow has no label.
    public var label: String?
    /// The value.
    public var value: Value

    /// A readable claim from its parts.
    public init(name: String, label: String?, value: Value) {
        self.name = name
        self.label = label
        self.value = value
    }
}

extension ReadableClaim.Value {
    /// The value as one line of text.
    public var text: String {
        switch self {
        case .time(_, let utc, let relative): "\(utc) (\(relative))"
        case .list(let items): items.joined(separator: ", ")
        case .text(let string): string
        case .json(let json): json
        case .absent(let note): note
        case .invalid(let raw, let reason): "\(raw) (\(reason))"
        }
    }
}
