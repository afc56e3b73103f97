import FlowEngine
import Foundation

/// What the panes need that costs work to get, computed once when the model changes rather than
/// on every frame: the request being built (which signs a client assertion for the JWT auth
/// methods), the redactor (which needs that request's credentials), and the checked tokens
/// (signature verification).
///
/// ``AppModel`` rebuilds it at the end of ``AppModel/update(_:)`` when what it is made from
/// changed; ``AppModel/render(into:)`` only reads it.
public struct FrameSnapshot: Equatable, Sendable {
    /// A token of the flow's latest token response, as the engine's inspector checked it.
    public struct InspectedToken: Equatable, Sendable {
        public var name: String
        public var inspection: Inspection
    }

    /// What the snapshot is made from; a model change that leaves these alone keeps it.
    struct Inputs: Equatable, Sendable {
        var flow: AuthorizationCodeFlow
        var now: Date
        var isMasked: Bool
        var overlay: Overlay?
    }

    /// The request being built, when the flow is ready to send one.
    public var pendingRequest: HTTPRequest?
    /// Every secret of the flow (or none when unmasked), for what is on screen.
    public var redactor: Redactor
    /// The flow's tokens, checked.
    public var inspectedTokens: [InspectedToken]
    let inputs: Inputs

    /// A snapshot with nothing computed yet, for a model being initialised.
    init(unbuilt inputs: Inputs) {
        self.inputs = inputs
        pendingRequest = nil
        redactor = .none
        inspectedTokens = []
    }

    /// Builds the snapshot for a model, getting the costly parts from `sources`.
    init(_ model: AppModel, sources: FrameSources) {
        inputs = Inputs(flow: model.flow, now: model.now, isMasked: model.isMasked, overlay: model.overlay)
        let pending = sources.pendingRequest(model.flow, model.now)
        pendingRequest = pending
        redactor = model.isMasked ? Redactor(secrets: model.secrets(pendingRequest: pending)) : .none
        inspectedTokens = model.flow.tokens == nil ? [] : sources.inspectTokens(model.flow, model.now)
    }
}

/// Where a ``FrameSnapshot`` gets its costly parts: the engine, or a counting stand-in in tests.
///
/// A dependency, not state: two sources are always equal, so the model's equality is its state's.
struct FrameSources: Equatable, Sendable {
    var pendingRequest: @Sendable (AuthorizationCodeFlow, Date) -> HTTPRequest?
    var inspectTokens: @Sendable (AuthorizationCodeFlow, Date) -> [FrameSnapshot.InspectedToken]

    static let live = FrameSources(
        pendingRequest: { flow, now in flow.pendingRequest(at: now) },
        inspectTokens: { flow, now in AppModel.inspectTokens(of: flow, now: now) })

    static func == (lhs: FrameSources, rhs: FrameSources) -> Bool { true }
}
