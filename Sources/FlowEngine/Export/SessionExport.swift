import Foundation

/// The formats a session can be saved in: `authflow run --out FILE` and the TUI's save key.
public enum ExportFormat: String, CaseIterable, Equatable, Sendable {
    /// HAR 1.2: every request and response, for a HAR viewer.
    case har
    /// Markdown for a ticket or a chat: the failure first, then a table of steps and each exchange.
    case markdown = "md"
    /// A bash + curl script that replays the flow.
    case script = "sh"
    /// The record as JSON, the same shape as `authflow run --json`.
    case json

    /// The format a file name's extension names (`.har`, `.md`, `.sh`, `.json`); `nil` for others.
    public init?(fileName: String) {
        let name = fileName.lowercased()
        guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return nil }
        switch name[name.index(after: dot)...] {
        case "har": self = .har
        case "md", "markdown": self = .markdown
        case "sh", "bash": self = .script
        case "json": self = .json
        default: return nil
        }
    }

    /// The format a `--format` value or a typed answer names: `har`, `md`/`markdown`, `sh`/`script`, `json`.
    public init?(name: String) {
        switch name.lowercased() {
        case "har": self = .har
        case "md", "markdown": self = .markdown
        case "sh", "script", "bash", "curl": self = .script
        case "json": self = .json
        default: return nil
        }
    }
}

/// A session as data, for the exporters: each export is a pure function of it and a redactor.
public struct SessionExport: Sendable {
    public var configuration: FlowConfiguration
    public var record: [StepRecord]
    /// How the flow ended; `nil` while it is still under way (a save from the TUI mid-flow).
    public var outcome: FlowOutcome?
    /// The PKCE pair sent, so the script can draw its own in its place.
    public var pkce: PKCE?
    /// How requests left the machine, when known (the JSON record carries it).
    public var connection: ConnectionSummary?

    public init(
        configuration: FlowConfiguration, record: [StepRecord], outcome: FlowOutcome?, pkce: PKCE? = nil,
        connection: ConnectionSummary? = nil
    ) {
        self.configuration = configuration
        self.record = record
        self.outcome = outcome
        self.pkce = pkce
        self.connection = connection
    }

    /// The flow as it stands: failed where it stopped, completed once it has tokens and nothing
    /// is pending, else under way.
    public init(flow: AuthorizationCodeFlow, outcome: FlowOutcome? = nil, connection: ConnectionSummary? = nil) {
        var derived: FlowOutcome?
        switch flow.phase {
        case .failed(let step, let failure): derived = .failed(step, failure)
        case .completed: derived = .completed
        default: derived = nil
        }
        self.init(
            configuration: flow.configuration, record: flow.record, outcome: outcome ?? derived, pkce: flow.pkce,
            connection: connection)
    }

    /// The session in a format, its secrets masked by the redactor (``Redactor/none`` shows them).
    public func text(_ format: ExportFormat, redactor: Redactor) -> String {
        switch format {
        case .har: HARExport(redactor: redactor).json(self).prettyText() + "\n"
        case .markdown: MarkdownExport(redactor: redactor).text(self)
        case .script: ScriptExport(showSecrets: redactor.showsEverything, redactor: redactor).text(self)
        case .json:
            RecordExport(redactor: redactor, connection: connection).json(
                configuration: configuration, record: record, outcome: outcome
            ).prettyText() + "\n"
        }
    }

    /// The `Correlation-Id` PingOne gave an entry, from the decoded body or the header.
    static func correlationID(_ entry: StepRecord) -> String? {
        entry.decoded.correlationID ?? entry.response?.header("Correlation-Id")
    }
}
