import FlowEngine
import Foundation

/// Everything the interactive screen shows, as a value: the flow, the view state and the clock.
///
/// The Elm architecture: ``update(_:)`` takes a message and returns a command for the session
/// loop to perform; ``render(into:)`` draws the whole frame from the model. Nothing here does
/// I/O, so tests drive it with keys and canned responses and compare the canvas as text.
public struct AppModel: Equatable, Sendable {
    /// The smallest terminal the layout works in.
    public static let minimumSize = Size(columns: 80, rows: 24)

    /// The flow being debugged; it keeps the record of every request and response.
    public internal(set) var flow: AuthorizationCodeFlow
    /// How the session is presented (demo credentials, TLS opt-out, mask default).
    public let presentation: Presentation
    /// The terminal's size.
    public internal(set) var size: Size
    /// The clock, as of the last message.
    public internal(set) var now: Date
    /// Whether secrets are masked on screen and in copies.
    public internal(set) var isMasked: Bool
    /// The pane the scrolling keys act on.
    public internal(set) var focus: Pane = .request
    /// Each pane's scroll position.
    public internal(set) var scroll: [Pane: TextView] = [:]
    /// The overlay taking the keys, if one is open.
    public internal(set) var overlay: Overlay?
    /// An earlier step being looked at (keys 1…5), or nil to follow the flow.
    public internal(set) var viewedStep: FlowStep? {
        didSet { viewedAttempt = nil }
    }
    /// The request on the wire, if one is.
    public internal(set) var inFlight: InFlight?
    /// The wait on the loopback listener for the browser's redirect, if one is on.
    public internal(set) var listening: Listening?
    /// A one-line note about the last action (cookies cleared, copied…).
    public internal(set) var notice: String?
    /// The file the session was last saved to, offered again by the save prompt.
    public internal(set) var lastSaveName: String?
    /// The demo simulator's faults armed now, by name, sorted (`F`, `--fault`).
    public internal(set) var armedFaults: [String] = []
    /// Whether the focused pane fills the screen (`z`), header and footer kept.
    public internal(set) var isZoomed = false
    /// The search in the focused pane (`/`), while its prompt is open or its matches are shown.
    public internal(set) var search: PaneSearch?
    /// The attempt of the shown step being looked at (`<` `>`), as its index in the record, or
    /// nil for the step's latest.
    public internal(set) var viewedAttempt: Int?
    /// What the copy on its way to the clipboard is, for the notice once it was handed over.
    var pendingCopy: CopyDescription?
    /// How many attempts the record held when the session was last saved (`w`).
    public internal(set) var savedAttempts = 0
    /// Tickets handed out so far; each request gets the next one.
    public internal(set) var lastTicket: Int = 0
    /// What the frame needs that costs work to get, as of the last message.
    public private(set) var frame: FrameSnapshot
    /// The panes laid out from `frame` for `size`; a frame only draws them.
    private(set) var layouts = PaneLayouts()
    /// Where the frame's costly parts come from.
    var frameSources: FrameSources = .live {
        didSet {
            frame = FrameSnapshot(self, sources: frameSources)
            layouts = PaneLayouts()
            layouts.layOut(frame, size: size, zoomed: zoomedPane)
        }
    }

    /// A request on the wire.
    public struct InFlight: Equatable, Sendable {
        public var ticket: Int
        public var step: FlowStep
        public var sentAt: Date
    }

    /// A wait on the loopback listener.
    public struct Listening: Equatable, Sendable {
        public var ticket: Int
        public var since: Date
    }

    /// How long one wait on the loopback listener lasts before it gives up (l listens again).
    public static let listenTimeout = Duration.seconds(900)

    /// A model showing a flow that has not started.
    public init(flow: AuthorizationCodeFlow, presentation: Presentation = Presentation(), size: Size, now: Date) {
        self.flow = flow
        self.presentation = presentation
        self.size = size
        self.now = now
        isMasked = presentation.masksSecrets
        armedFaults = presentation.armedFaults.sorted()
        frame = FrameSnapshot(unbuilt: flow, presentation: presentation, now: now)
        frame = FrameSnapshot(self, sources: frameSources)
        layouts.layOut(frame, size: size)
        notice = readOnlySummary ?? presentation.startNotice
    }

    /// Takes the model's state into the frame's snapshot; its costly parts are made again only
    /// when what they are made from changed, and the panes are laid out again only when the
    /// snapshot or the size changed (not for a scroll key, a focus change or an unchanged tick).
    mutating func refreshFrame() {
        let previous = frame
        frame = FrameSnapshot(self, sources: frameSources, previous: previous)
        if frame != previous || layouts.size != size || layouts.zoomed != zoomedPane {
            layouts.layOut(frame, size: size, zoomed: zoomedPane)
        }
    }

    /// Whether the terminal is too small for the layout.
    public var isTooSmall: Bool { !size.contains(Self.minimumSize) }

    /// The redactor for what is on screen now: every secret of the flow, or none when unmasked.
    public var redactor: Redactor { frame.redactor }

    /// The secrets to mask: the flow's, the assertions sent, and the ones it does not list yet
    /// (one being typed in a masked field, the client credentials of the request being built).
    func secrets(pendingRequest: HTTPRequest?) -> [String] {
        flow.secrets + typedSecrets(pendingRequest: pendingRequest)
    }

    /// The redactor, also hiding the client credentials a request carries (one built just now,
    /// whose assertion may be signed afresh on every build).
    func redactor(alsoHiding request: HTTPRequest) -> Redactor {
        frame.redactor(alsoHiding: request)
    }

    /// Secrets the flow does not list yet: one being typed in a masked field, and the client
    /// credentials in the Authorization header of the request being built.
    private func typedSecrets(pendingRequest: HTTPRequest?) -> [String] {
        var secrets: [String] = []
        switch overlay {
        case .credentials(let form) where form.password.isMasked: secrets.append(form.password.text)
        case .parameterEditor(_, let field) where field.isMasked: secrets.append(field.text)
        default: break
        }
        secrets += pendingRequest?.credentials ?? []
        return secrets.filter { !$0.isEmpty }
    }

    /// Whether a parameter's value is a secret: the engine's rule.
    static func isSecretParameter(_ name: String) -> Bool {
        FormParameter.isSecret(name: name)
    }

    /// Text from a server or a user, made safe for the terminal and masked as the model says.
    var safe: SafeText { SafeText(redactor: redactor) }

    /// The record entry the panes show: the last of the step looked at, else the latest one.
    var shownEntry: StepRecord? { flow.shownEntry(viewing: viewedStep, attempt: viewedAttempt) }

    /// The step the panes show: the one looked at, else the flow's current one.
    public var shownStep: FlowStep? {
        viewedStep ?? flow.phase.step ?? flow.record.last?.step
    }
}
