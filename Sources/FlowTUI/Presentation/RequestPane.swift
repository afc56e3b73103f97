import FlowEngine
import Foundation

extension FrameSnapshot {
    /// The record entry the panes show: the last of the step looked at, else the latest one.
    var shownEntry: StepRecord? { flow.shownEntry(viewing: viewedStep, attempt: viewedAttempt) }

    /// Whether the Request pane shows the request being built rather than one that was sent.
    var showsRequestBeingBuilt: Bool {
        guard viewedStep == nil, viewedAttempt == nil, inFlight == nil, case .ready = flow.phase else { return false }
        return true
    }

    /// The request the Request pane shows, and when it was sent (nil while it is being built).
    var shownRequest: (request: HTTPRequest, sentAt: Date?)? {
        if showsRequestBeingBuilt {
            return pendingRequest.map { ($0, nil) }
        }
        return shownEntry.map { ($0.request, $0.sentAt) }
    }

    /// The Request pane: method and URL, parameters as a table, headers, body.
    func requestPane(width: Int) -> PaneContent {
        let safe = self.safe
        var pane = PaneBuilder(width: width, wholeValues: showsWholeValues)
        guard let (unmasked, sentAt) = shownRequest else {
            switch flow.phase {
            case .ready:
                if let failure = flow.pendingRequestFailure(at: now) {
                    pane.add(StyledLine("✗ The request cannot be built:", style: PaneStyle.failure))
                    for line in safe.lines(failure.description) { pane.add("  " + line, indent: 2) }
                } else {
                    pane.add("The request cannot be built: n shows why.", style: PaneStyle.hint)
                }
            case .needsCredentials:
                pane.add(
                    "Sign-on needs \(flow.signOnInput?.noun ?? "a username and password"): press n.",
                    style: PaneStyle.hint)
            case .needsBrowserCallback:
                pane.add("Sign on in a browser, then paste the callback URL: press n.", style: PaneStyle.hint)
            default: pane.add("Nothing sent yet.", style: PaneStyle.hint)
            }
            return PaneContent(title: "Request", lines: pane.lines, values: pane.values)
        }
        let building = sentAt == nil
        // Secrets masked as values before anything is written out (URL, headers, form, JSON).
        let request = redactor(alsoHiding: unmasked).redact(unmasked)
        let parts = request.url.split(separator: "?", maxSplits: 1).map(String.init)
        let base = parts.first ?? request.url
        if !building, let entry = shownEntry, sentByBrowser(entry) {
            pane.add("The browser sends this request, not authflow (c copies the URL).", style: PaneStyle.hint)
        }
        pane.add(
            StyledLine([Span(safe.line(request.method), style: PaneStyle.method), Span(" " + safe.line(base))]),
            indent: 4, value: unmasked.url, named: "the URL")
        if let origin = flow.configuration.originPolicy.foreignOrigin(of: request.url) {
            pane.add(
                StyledLine([
                    Span("⚠ foreign origin ", style: PaneStyle.warning.bold()),
                    Span(safe.line(origin), style: PaneStyle.warning.bold()),
                    Span("  not one you configured: no credential goes there", style: PaneStyle.hint),
                ]), indent: 4)
        }

        let query = request.queryParameters
        let carriesRequestObject = unmasked.parameters.contains { $0.name == "request" }
        if building, !flow.draft.isEmpty {
            pane.heading(
                "Parameters", hint: carriesRequestObject ? "e edits · signed into the request object" : "e edits")
            pane.add(parameterTable(flow.draft))
            // What the engine adds as it builds the request: client authentication, a request object.
            let drafted = Set(flow.draft.map(\.name))
            // The table masks secret parameters by name and shortens JWTs (decoded below).
            let added = unmasked.parameters.filter { !drafted.contains($0.name) || carriesRequestObject }
            if !added.isEmpty {
                pane.heading(
                    carriesRequestObject ? "Sent as" : "Added when sent",
                    hint: carriesRequestObject ? "RFC 9101" : "client authentication")
                pane.add(parameterTable(added))
            }
        } else if !query.isEmpty {
            pane.heading("Query")
            pane.add(parameterTable(query))
        }

        pane.heading("Headers")
        if request.headers.isEmpty { pane.add("  (none)", style: PaneStyle.hint) }
        pane.add(
            KeyValueTable(
                request.headers.map { KeyValueTable.Row(safe.line($0.name), safe.line($0.value)) },
                maxKeyWidth: 14, indent: 2))

        if !request.body.isEmpty {
            pane.heading("Body", hint: "\(unmasked.body.count) bytes")
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
        for jwt in unmasked.carriedJWTs {
            carriedJWTLines(jwt, at: sentAt ?? now, into: &pane)
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
        return PaneContent(title: "Request", subtitle: subtitle, lines: pane.lines, values: pane.values)
    }

    /// Parameters as a table; secret values masked as the model says, JWTs shortened (they are
    /// decoded below the table).
    func parameterTable(_ parameters: [FormParameter]) -> KeyValueTable {
        let safe = self.safe
        return KeyValueTable(
            parameters.map { parameter in
                let hidden = isMasked && AppModel.isSecretParameter(parameter.name) && !parameter.value.isEmpty
                let value = hidden ? Redactor.mask : safe.line(parameter.value)
                if ["client_assertion", "request"].contains(parameter.name), JSONWebToken.looksLikeJWT(parameter.value)
                {
                    let short = hidden ? value : String(value.prefix(20)) + "…"
                    return KeyValueTable.Row(
                        safe.line(parameter.name),
                        StyledLine(short).appending("  JWT, decoded below", style: PaneStyle.hint),
                        raw: parameter.value)
                }
                return KeyValueTable.Row(safe.line(parameter.name), value)
            }, maxKeyWidth: 22, indent: 2)
    }

    /// Whether a record entry is a request the browser sent (authorize, when sign-on is in a browser).
    func sentByBrowser(_ entry: StepRecord) -> Bool {
        entry.step == .authorize && entry.action != .callbackFromBrowser && flow.signsOnInBrowser
            && entry.response == nil && entry.transportError == nil
    }

    /// A JWT the request carries (`client_assertion`, `request`): its header, its claims with
    /// times as dates, and what signed it.
    func carriedJWTLines(_ parameter: FormParameter, at date: Date, into pane: inout PaneBuilder) {
        let safe = self.safe
        let isAssertion = parameter.name == "client_assertion"
        pane.heading(
            isAssertion ? "client_assertion" : "request object",
            hint: isAssertion ? "decoded · RFC 7523" : "decoded · RFC 9101")
        let token: JSONWebToken
        do {
            token = try JSONWebToken.parse(parameter.value)
        } catch {
            pane.add(StyledLine("  ✗ not a JWT: " + safe.line(error.description), style: PaneStyle.failure), indent: 4)
            return
        }
        var rows = [KeyValueTable.Row("header", safe.line(token.header.compactText))]
        for claim in ClaimReader.read(token.claims ?? .object([]), now: now) {
            let value: StyledLine
            switch claim.value {
            case .time(let when, let utc, let relative):
                let expired = claim.name == "exp" && when <= date
                value = StyledLine(safe.line(utc), style: expired ? PaneStyle.failure : .plain)
                    .appending("  (\(safe.line(relative)))", style: expired ? PaneStyle.failure : PaneStyle.hint)
            default:
                value = StyledLine(safe.line(claim.value.text))
            }
            rows.append(KeyValueTable.Row(safe.line(claim.name), value))
        }
        rows.append(KeyValueTable.Row("signed", StyledLine(signerText(token), style: PaneStyle.hint)))
        pane.add(KeyValueTable(rows, maxKeyWidth: 21, indent: 2))
    }

    /// What signed a JWT this client made: the secret (HS*) or its private key.
    private func signerText(_ token: JSONWebToken) -> String {
        let algorithm = safe.line(token.algorithm ?? "no alg")
        if algorithm.hasPrefix("HS") { return "\(algorithm) with the client secret" }
        if algorithm == "none" { return "not signed (alg none)" }
        let kid = token.keyID.map { " (kid \(safe.line(AppModel.abbreviate($0))))" } ?? ""
        return "\(algorithm) with the client's private key\(kid)"
    }
}

/// The Request pane: method and URL, parameters, headers, body, and the JWTs the request carries.
///
/// A pure function of the frame's snapshot: it builds no request and checks no signature.
enum RequestPane {
    static func lines(_ frame: FrameSnapshot, width: Int) -> PaneContent {
        frame.requestPane(width: width)
    }
}
