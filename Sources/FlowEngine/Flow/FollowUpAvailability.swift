/// Why a follow-up step (UserInfo, introspection, refresh, revocation, sign-off) cannot be chosen
/// now: the engine's rule, which the TUI's keys and `run --then` ask. Worded in
/// `FollowUpAvailability+Description`.
public enum FollowUpUnavailability: Equatable, Sendable {
    /// The step is not a follow-up.
    case notAFollowUp(FlowStep)
    /// No tokens yet: follow-ups come after the token step.
    case noTokensYet(FlowStep)
    /// The flow is at another step (or waiting for the browser or credentials).
    case flowBusy(at: FlowStep?)
    /// The server publishes no endpoint for the step (none in its discovery document).
    case noEndpoint(FlowStep)
    /// No refresh token came with the tokens.
    case noRefreshToken
    /// Sign-off sends the ID token as `id_token_hint`, and none came.
    case noIDTokenForSignOff
}

extension AuthorizationCodeFlow {
    /// Whether the flow is at a point where a follow-up may be chosen: tokens are in, and the flow
    /// completed, has a follow-up ready, or failed at a follow-up or at the inspect step.
    public var acceptsFollowUps: Bool {
        guard tokens != nil else { return false }
        switch phase {
        case .completed: return true
        case .ready(let step): return FlowStep.followUps.contains(step)
        case .failed(let step, _): return FlowStep.followUps.contains(step) || step == .inspect
        case .waitingForResponse, .needsCredentials, .needsBrowserCallback: return false
        }
    }

    /// Why `step` cannot be chosen now, or nil when it can.
    public func followUpUnavailability(_ step: FlowStep) -> FollowUpUnavailability? {
        guard FlowStep.followUps.contains(step) else { return .notAFollowUp(step) }
        guard tokens != nil else { return .noTokensYet(step) }
        guard acceptsFollowUps else { return .flowBusy(at: phase.step) }
        let endpoints = configuration.endpoints
        switch step {
        case .userInfo: return endpoints.userInfo == nil ? .noEndpoint(step) : nil
        case .introspect: return endpoints.introspection == nil ? .noEndpoint(step) : nil
        case .refresh: return tokens?.refreshToken == nil ? .noRefreshToken : nil
        case .revoke: return endpoints.revocation == nil ? .noEndpoint(step) : nil
        case .signOff:
            if endpoints.endSession == nil { return .noEndpoint(step) }
            return tokens?.idToken == nil ? .noIDTokenForSignOff : nil
        default: return .notAFollowUp(step)
        }
    }
}
