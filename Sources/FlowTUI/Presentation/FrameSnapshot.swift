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
        /// The clock to the whole second (``costlyPartsTime(_:)``), not the clock itself.
        var now: Date
        var isMasked: Bool
        var overlay: Overlay?
    }

    // MARK: The model's state the panes read

    /// The flow, with its record.
    public private(set) var flow: AuthorizationCodeFlow
    /// The step looked at, if any.
    public private(set) var viewedStep: FlowStep?
    /// The attempt of the shown step looked at (its index in the record), if not its latest.
    public private(set) var viewedAttempt: Int?
    /// The request on the wire, if one is.
    public private(set) var inFlight: AppModel.InFlight?
    /// The wait on the loopback listener, if one is on.
    public private(set) var listening: AppModel.Listening?
    /// The clock, as of the last message.
    public private(set) var now: Date
    /// Whether secrets are masked.
    public private(set) var isMasked: Bool
    /// How the session is presented.
    public let presentation: Presentation

    // MARK: Made once per change of `inputs`

    /// The request being built, when the flow is ready to send one.
    public private(set) var pendingRequest: HTTPRequest?
    /// Every secret of the flow (or none when unmasked), for what is on screen.
    public private(set) var redactor: Redactor
    /// The flow's tokens, checked.
    public private(set) var inspectedTokens: [InspectedToken]
    private(set) var inputs: Inputs
    /// Whether the panes show table values and failures whole (the zoomed pane) rather than cut
    /// with "…"; set only on the copy a zoomed pane is laid out from.
    var showsWholeValues = false
    /// Where the costly parts came from (the panes ask it for a body's safe lines).
    private(set) var sources: FrameSources = .live

    /// A snapshot with nothing costly made yet, for a model being initialised.
    init(unbuilt flow: AuthorizationCodeFlow, presentation: Presentation, now: Date) {
        self.flow = flow
        self.now = now
        self.presentation = presentation
        isMasked = presentation.masksSecrets
        inputs = Inputs(
            flow: flow, now: Self.costlyPartsTime(now), isMasked: presentation.masksSecrets, overlay: nil)
        redactor = .none
        inspectedTokens = []
    }

    /// A snapshot of a model; the costly parts come from `sources`, or are kept from `previous`
    /// when what they are made from is unchanged.
    init(_ model: AppModel, sources: FrameSources, previous: FrameSnapshot? = nil) {
        self.sources = sources
        flow = model.flow
        viewedStep = model.viewedStep
        viewedAttempt = model.viewedAttempt
        inFlight = model.inFlight
        listening = model.listening
        now = model.now
        isMasked = model.isMasked
        presentation = model.presentation
        inputs = Inputs(
            flow: model.flow, now: Self.costlyPartsTime(model.now), isMasked: model.isMasked, overlay: model.overlay)
        if let previous, previous.inputs == inputs {
            pendingRequest = previous.pendingRequest
            redactor = previous.redactor
            inspectedTokens = previous.inspectedTokens
            return
        }
        let pending = sources.pendingRequest(model.flow, inputs.now)
        pendingRequest = pending
        // --present hides personal claims whether or not `m` shows the secrets.
        let personal = model.presentation.masksPersonalClaims ? PersonalClaims.values(in: model.flow.record) : []
        let secrets = model.isMasked ? model.secrets(pendingRequest: pending) : []
        // A long value (an email, a full name, an address) is hidden wherever it occurs; a single
        // short word (a given name) only where it is a whole value, not inside other words.
        let everywhere = personal.filter { $0.count >= 8 || $0.contains("@") || $0.contains(" ") }
        let whole = personal.filter { !everywhere.contains($0) }
        redactor =
            secrets.isEmpty && personal.isEmpty
            ? .none : Redactor(secrets: secrets + everywhere, wholeValues: whole)
        inspectedTokens = model.flow.tokens == nil ? [] : sources.inspectTokens(model.flow, inputs.now)
    }

    /// The time the costly parts are made at: the clock to the whole second.
    ///
    /// What they show of the time is in whole seconds (a client assertion's `iat` and `exp`, a
    /// token's expiry and "in 59 m"), so the ticks within one second (ten a second while a request
    /// is on the wire) keep them instead of signing, inspecting and building the redactor again;
    /// elapsed times are drawn from ``now``, which every tick updates.
    static func costlyPartsTime(_ now: Date) -> Date {
        let seconds = now.timeIntervalSince1970
        return seconds.isFinite ? Date(timeIntervalSince1970: seconds.rounded(.down)) : now
    }

    /// The redactor, also hiding the credentials `request` carries (one built just now, whose client
    /// assertion may be signed afresh on every build).
    func redactor(alsoHiding request: HTTPRequest) -> Redactor {
        isMasked ? redactor.hiding(credentialsOf: request) : redactor
    }

    /// Text from a server or a user, made safe for the terminal and masked as the snapshot says.
    var safe: SafeText { SafeText(redactor: redactor) }
}

extension AuthorizationCodeFlow {
    /// The record entry the panes show: the last of the step looked at, else the latest one.
    func shownEntry(viewing step: FlowStep?) -> StepRecord? {
        if let step { return record.last { $0.step == step } }
        return record.last
    }

    /// The record entry the panes show: the one at record index `attempt` when an attempt of
    /// the step is looked at (`<` `>`).
    func shownEntry(viewing step: FlowStep?, attempt: Int?) -> StepRecord? {
        shownEntryIndex(viewing: step, attempt: attempt).map { record[$0] }
    }

    /// Where ``shownEntry(viewing:attempt:)`` is in the record.
    func shownEntryIndex(viewing step: FlowStep?, attempt: Int?) -> Int? {
        let latest = step.map { step in record.lastIndex { $0.step == step } } ?? record.indices.last
        guard let attempt, let latest else { return latest }
        guard record.indices.contains(attempt), record[attempt].step == record[latest].step else { return latest }
        return attempt
    }

    /// Whether the flow waits for the browser to come back from signing on.
    var awaitsBrowserCallback: Bool {
        if case .needsBrowserCallback = phase { return true }
        return false
    }
}

/// Where a ``FrameSnapshot`` gets its costly parts: the engine, or a counting stand-in in tests.
///
/// A dependency, not state: two sources are always equal, so the model's equality is its state's.
struct FrameSources: Equatable, Sendable {
    var pendingRequest: @Sendable (AuthorizationCodeFlow, Date) -> HTTPRequest?
    var inspectTokens: @Sendable (AuthorizationCodeFlow, Date) -> [FrameSnapshot.InspectedToken]
    /// A response body as safe lines: decoded, masked, sanitised (the pane lays them out once per
    /// body, mask and width; see ``PaneLayouts``).
    var bodyLines: @Sendable (SafeText, [UInt8]) -> [String] = { safe, bytes in safe.body(bytes) }

    static let live = FrameSources(
        pendingRequest: { flow, now in flow.pendingRequest(at: now) },
        inspectTokens: { flow, now in FrameSnapshot.inspectTokens(of: flow, now: now) })

    static func == (lhs: FrameSources, rhs: FrameSources) -> Bool { true }
}
