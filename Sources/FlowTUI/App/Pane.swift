/// The four panes that show a step, in focus order.
public enum Pane: Int, CaseIterable, Equatable, Hashable, Sendable {
    case request
    case response
    case decoded
    case tokens

    /// The pane's title.
    public var title: String {
        switch self {
        case .request: "Request"
        case .response: "Response"
        case .decoded: "Decoded"
        case .tokens: "Tokens"
        }
    }

    /// The pane after this one (tab), wrapping around.
    public var next: Pane { Pane(rawValue: (rawValue + 1) % Self.allCases.count) ?? .request }

    /// The pane before this one (shift-tab), wrapping around.
    public var previous: Pane {
        Pane(rawValue: (rawValue + Self.allCases.count - 1) % Self.allCases.count) ?? .request
    }
}
