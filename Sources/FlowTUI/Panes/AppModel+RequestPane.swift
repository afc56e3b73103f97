import FlowEngine
import Foundation

extension AppModel {
    /// The record entry the panes show: the last of the step looked at, else the latest one.
    var shownEntry: StepRecord? {
        if let viewedStep { return flow.record.last { $0.step == viewedStep } }
        return flow.record.last
    }

    /// Whether the Request pane shows the request being built rather than one that was sent.
    var showsRequestBeingBuilt: Bool {
        guard viewedStep == nil, inFlight == nil, case .ready = flow.phase else { return false }
        return true
    }

    /// The request the Request pane shows, and when it was sent (nil while it is being built).
    var shownRequest: (request: HTTPRequest, sentAt: Date?)? {
        if showsRequestBeingBuilt {
            return flow.pendingRequest(at: now).map { ($0, nil) }
        }
        return shownEntry.map { ($0.request, $0.sentAt) }
    }

    /// Names of parameters whose values are secrets, typed masked and shown masked.
    static let secretParameterNames: Set<String> = [
        "password", "client_secret", "code_verifier", "client_assertion", "token", "refresh_token", "access_token",
    ]

    /// Whether a parameter's value is a secret.
    static func isSecretParameter(_ name: String) -> Bool {
        secretParameterNames.contains(name)
    }

    /// The Request pane: method and URL, parameters as a table, headers, body.
    func requestPane(width: Int) -> PaneContent {
        let safe = self.safe
        var pane = PaneBuilder(width: width)
        guard let (request, sentAt) = shownRequest else {
            switch flow.phase {
            case .ready: pane.add("The request cannot be built: n shows why.", style: PaneStyle.hint)
            case .needsCredentials: pane.add("Sign-on needs a username and password: press n.", style: PaneStyle.hint)
            case .needsBrowserCallback: pane.add("Sign on in a browser, then paste the callback URL: press n.", style: PaneStyle.hint)
            default: pane.add("Nothing sent yet.", style: PaneStyle.hint)
            }
            return PaneContent(title: "Request", lines: pane.lines)
        }
        let building = sentAt == nil
        let parts = request.url.split(separator: "?", maxSplits: 1).map(String.init)
        let base = parts.first ?? request.url
        pane.add(StyledLine([Span(safe.line(request.method), style: PaneStyle.method), Span(" " + safe.line(base))]), indent: 4)

        let query = parts.count > 1 ? FormURLEncoding.decode(parts[1]) : []
        if building, !flow.draft.isEmpty {
            pane.heading("Parameters", hint: "e edits")
            pane.add(parameterTable(flow.draft))
        } else if !query.isEmpty {
            pane.heading("Query")
            pane.add(parameterTable(query))
        }

        pane.heading("Headers")
        if request.headers.isEmpty { pane.add("  (none)", style: PaneStyle.hint) }
        pane.add(KeyValueTable(request.headers.map { KeyValueTable.Row(safe.line($0.name), safe.line($0.value)) },
                               maxKeyWidth: 14, indent: 2))

        if !request.body.isEmpty {
            pane.heading("Body", hint: "\(request.body.count) bytes")
            let isForm = request.header("Content-Type")?.hasPrefix("application/x-www-form-urlencoded") ?? false
            if isForm {
                let text = String(decoding: request.body, as: UTF8.self)
                if building {
                    pane.add("  form-encoded from the parameters above", style: PaneStyle.hint)
                } else {
                    for line in safe.lines(text) { pane.add("  " + line, indent: 4) }
                }
            } else {
                for line in safe.body(request.body) { pane.add("  " + line, indent: 4) }
            }
        }
        if let sentAt {
            pane.heading("Sent", hint: TimeText.utc(sentAt))
        }
        let subtitle: String
        if building {
            subtitle = "being built"
        } else if let entry = shownEntry {
            subtitle = "as sent ← \(entry.step.number) \(entry.step.title)"
        } else {
            subtitle = "as sent"
        }
        return PaneContent(title: "Request", subtitle: subtitle, lines: pane.lines)
    }

    /// Parameters as a table; secret values masked as the model says.
    func parameterTable(_ parameters: [FormParameter]) -> KeyValueTable {
        let safe = self.safe
        return KeyValueTable(parameters.map { parameter in
            let hidden = isMasked && Self.isSecretParameter(parameter.name) && !parameter.value.isEmpty
            return KeyValueTable.Row(safe.line(parameter.name), hidden ? Redactor.mask : safe.line(parameter.value))
        }, maxKeyWidth: 22, indent: 2)
    }
}
