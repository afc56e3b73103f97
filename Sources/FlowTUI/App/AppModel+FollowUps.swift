import FlowEngine

extension AppModel {
    /// The key that chooses each follow-up step once tokens are in.
    public static let followUpKeys: [(key: Character, step: FlowStep)] = [
        ("u", .userInfo), ("i", .introspect), ("f", .refresh), ("v", .revoke), ("s", .signOff),
    ]

    /// Whether the flow is at a point where a follow-up may be chosen: tokens are in, nothing is
    /// on the wire, and the flow completed, has a follow-up ready, or failed after the tokens.
    var acceptsFollowUps: Bool {
        guard inFlight == nil, flow.tokens != nil else { return false }
        switch flow.phase {
        case .completed: return true
        case .ready(let step): return FlowStep.followUps.contains(step)
        case .failed(let step, _): return FlowStep.followUps.contains(step) || step == .inspect
        case .waitingForResponse, .needsCredentials, .needsBrowserCallback: return false
        }
    }

    /// Why a follow-up step cannot be built with what this flow has, or nil when it can.
    func followUpUnavailability(_ step: FlowStep) -> String? {
        let endpoints = flow.configuration.endpoints
        switch step {
        case .userInfo:
            return endpoints.userInfo == nil
                ? "The server offers no UserInfo endpoint (none in its discovery document)." : nil
        case .introspect:
            return endpoints.introspection == nil
                ? "The server offers no introspection endpoint (none in its discovery document)." : nil
        case .refresh:
            if flow.tokens?.refreshToken == nil {
                return
                    "No refresh token came with the tokens: the app needs the refresh_token grant (or offline_access)."
            }
            return nil
        case .revoke:
            return endpoints.revocation == nil
                ? "The server offers no revocation endpoint (none in its discovery document)." : nil
        case .signOff:
            if endpoints.endSession == nil {
                return "The server offers no sign-off endpoint (no end_session_endpoint)."
            }
            return flow.tokens?.idToken == nil
                ? "Sign-off sends the ID token as id_token_hint, and none came with the tokens." : nil
        default:
            return "\(step.title) is not a follow-up step."
        }
    }

    /// The follow-up steps that can be chosen now, in key order.
    var availableFollowUps: [FlowStep] {
        guard acceptsFollowUps else { return [] }
        return Self.followUpKeys.map(\.step).filter { followUpUnavailability($0) == nil }
    }

    /// Why a follow-up key does nothing now, or nil when its step can be built.
    func followUpDisabledReason(_ step: FlowStep) -> String? {
        if let reason = inFlightReason { return reason }
        guard flow.tokens != nil else { return "\(step.title) comes after the tokens: finish the flow first (n)." }
        guard acceptsFollowUps else {
            return
                "Send \(flow.phase.step.map { "\($0.number) \($0.title)" } ?? "the current step") first; then choose a follow-up."
        }
        return followUpUnavailability(step)
    }

    /// u, i, f, v, s: build a follow-up step's request, for `n` to send.
    mutating func chooseFollowUp(_ step: FlowStep) -> AppCommand {
        viewedStep = nil
        let command = follow(flow.handle(.followUpChosen(step)))
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
