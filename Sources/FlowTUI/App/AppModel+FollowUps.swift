import FlowEngine

extension AppModel {
    /// The key that chooses each follow-up step once tokens are in.
    public static let followUpKeys: [(key: Character, step: FlowStep)] = [
        ("u", .userInfo), ("i", .introspect), ("f", .refresh), ("v", .revoke), ("s", .signOff),
    ]

    /// Whether a follow-up may be chosen now: nothing on the wire, and the engine says so.
    var acceptsFollowUps: Bool { inFlight == nil && flow.acceptsFollowUps }

    /// The follow-up steps that can be chosen now, in key order.
    var availableFollowUps: [FlowStep] {
        guard inFlight == nil else { return [] }
        return Self.followUpKeys.map(\.step).filter { flow.followUpUnavailability($0) == nil }
    }

    /// Why a follow-up key does nothing now (a request in flight, or the engine's reason), or nil
    /// when its step can be built.
    func followUpDisabledReason(_ step: FlowStep) -> String? {
        if let reason = inFlightReason { return reason }
        return flow.followUpUnavailability(step)?.description
    }

    /// u, i, f, v, s: build a follow-up step's request, for `n` to send.
    mutating func chooseFollowUp(_ step: FlowStep) -> AppCommand {
        viewedStep = nil
        let command = follow(flow.chooseFollowUp(step))
        notice = flow.phase == .ready(step) ? "\(step.number) \(step.title) built: n sends it, e edits it." : notice
        return command
    }

    /// A follow-up's name in the footer.
    static func shortName(_ step: FlowStep) -> String {
        switch step {
        case .userInfo: "userinfo"
        case .introspect: "introspect"
        case .refresh: "refresh"
        case .revoke: "revoke"
        case .signOff: "sign off"
        default: step.title.lowercased()
        }
    }
}
