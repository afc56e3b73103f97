import FlowEngine
import Foundation

extension FrameSnapshot {
    /// The Decoded pane: errors and their likely cause first, then flow status and links, code
    /// and state, the cookie jar, and the server's clock.
    func decodedPane(width: Int) -> PaneContent {
        let safe = self.safe
        var pane = PaneBuilder(width: width, wholeValues: showsWholeValues)
        var rows: [KeyValueTable.Row] = []
        func row(_ key: String, _ value: StyledLine) { rows.append(KeyValueTable.Row(key, value)) }
        func row(_ key: String, _ value: String, style: Style = .plain) { row(key, StyledLine(value, style: style)) }

        let entry = shownEntry
        let decoded = entry?.decoded ?? StepDecoding()
        errorLines(into: &pane, entry: entry)
        // The flow's ID goes with the sign-on steps; a follow-up has nothing to do with it.
        let isFollowUp = entry.map { FlowStep.followUps.contains($0.step) } ?? false
        if let flowID = decoded.flowID ?? (viewedStep == nil && !isFollowUp ? flow.flowID : nil) {
            row("flowId", safe.line(flowID))
        }
        if let status = decoded.flowStatus { row("status", safe.line(status), style: .bold) }
        if !decoded.flowLinks.isEmpty { row("links", safe.line(decoded.flowLinks.joined(separator: ", "))) }
        if let resume = decoded.resumeURL { row("resumeUrl", safe.line(resume)) }
        if let uri = decoded.requestURI { row("request_uri", safe.line(uri)) }
        if let location = decoded.location { row("Location", safe.line(location)) }
        if let code = decoded.code { row("code", safe.line(code), style: .bold) }
        if let state = decoded.state {
            if state.matches {
                row(
                    "state",
                    StyledLine("✓ ", style: PaneStyle.success.bold())
                        .appending("received = sent (\(safe.line(state.received ?? "")))"))
            } else {
                row(
                    "state",
                    StyledLine("✗ ", style: PaneStyle.failure)
                        .appending(
                            "sent \(safe.line(state.sent ?? "(none)")), received \(safe.line(state.received ?? "(none)"))"
                        ))
            }
        }
        if let result = decoded.result { row("result", result.description, style: .bold) }
        if !rows.isEmpty {
            if !pane.lines.isEmpty { pane.add(StyledLine()) }
            pane.add(KeyValueTable(rows, maxKeyWidth: 12))
        }
        if !decoded.foreignURLs.isEmpty {
            // URLs the server handed over outside the configured origins: no credential goes there.
            pane.heading("Foreign origins", hint: "no credential sent · --allow-origin")
            for foreign in decoded.foreignURLs {
                pane.add(
                    StyledLine([
                        Span("  ⚠ ", style: PaneStyle.warning.bold()),
                        Span(safe.line(foreign.origin), style: PaneStyle.warning.bold()),
                        Span("  " + safe.line(foreign.field), style: PaneStyle.hint),
                    ]), indent: 6)
            }
        }
        if !decoded.formFields.isEmpty {
            // response_mode=form_post: the fields of the page's auto-submitting form.
            pane.heading("Form post", hint: "the auto-submit form's fields")
            pane.add(parameterTable(decoded.formFields))
        }

        if let claims = decoded.claims?.members {
            pane.heading(
                entry?.step == .introspect ? "Introspection" : "Claims",
                hint: entry?.step == .userInfo ? "from UserInfo" : nil)
            // Member by member: a UserInfo response has no exp, and that says nothing about expiry.
            let rows = claims.map { member in
                let claim = ClaimReader.read(name: member.key, value: member.value, now: now)
                return KeyValueTable.Row(safe.line(claim.name), safe.line(claim.value.text))
            }
            pane.add(KeyValueTable(rows, maxKeyWidth: 20, indent: 2))
        }
        cookieLines(into: &pane, entry: entry)
        var server: [KeyValueTable.Row] = []
        if !showsFailure(entry), let correlationID = decoded.correlationID {
            server.append(.init("Correlation-Id", safe.line(correlationID)))
        }
        if let serverDate = decoded.serverDate, let entry {
            let skew = Int(serverDate.timeIntervalSince(entry.sentAt).rounded())
            let skewText = abs(skew) <= 2 ? "(in step with this clock)" : "(clock skew \(skew > 0 ? "+" : "")\(skew) s)"
            server.append(.init("Date", "\(TimeText.utc(serverDate)) \(skewText)"))
        }
        if !server.isEmpty {
            pane.heading("Server")
            pane.add(KeyValueTable(server, maxKeyWidth: 14, indent: 2))
        }
        if pane.lines.isEmpty {
            pane.add("Nothing decoded yet.", style: PaneStyle.hint)
        }
        let subtitle = entry.map { "← \($0.step.number) \($0.step.title)" } ?? ""
        return PaneContent(title: "Decoded", subtitle: subtitle, lines: pane.lines, values: pane.values)
    }

    /// The cookie jar, which cookie goes with the next request, and what this step set and sent.
    private func cookieLines(into pane: inout PaneBuilder, entry: StepRecord?) {
        let safe = self.safe
        pane.heading("Cookies", hint: "x clears")
        // What the request being built carries, as built: the engine sends cookies only on the
        // front channel (the browser's requests), never to the token, JWKS or other back-channel endpoints.
        let next = viewedStep == nil ? pendingRequest : nil
        let nextURL = next.flatMap { URLParts($0.url) }
        let carried = Set(
            (next?.header("Cookie") ?? "").split(separator: ";").compactMap { pair in
                pair.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
            })
        if flow.cookieJar.cookies.isEmpty {
            pane.add("  jar empty: the next authorize starts a new session", style: PaneStyle.hint)
        }
        for cookie in flow.cookieJar.cookies {
            let goes: StyledLine
            let matches = nextURL.map { flow.cookieJar.cookies(for: $0, at: now).contains { $0.name == cookie.name } }
            if carried.contains(cookie.name) {
                goes = StyledLine("✓ sent with the next request", style: PaneStyle.success)
            } else if matches == true {
                goes = StyledLine("not sent (back channel)", style: PaneStyle.hint)
            } else if nextURL != nil {
                goes = StyledLine("not sent to the next URL", style: PaneStyle.hint)
            } else {
                goes = StyledLine("in the jar", style: PaneStyle.hint)
            }
            pane.add(StyledLine([Span("  " + safe.line(cookie.name) + "  ", style: .bold)] + goes.spans), indent: 4)
            pane.add(StyledLine("    " + safe.line(cookie.attributesText), style: PaneStyle.hint), indent: 4)
        }
        if let entry {
            if !entry.decoded.cookiesSent.isEmpty {
                pane.add(
                    "  this request sent " + safe.line(entry.decoded.cookiesSent.joined(separator: ", ")),
                    style: PaneStyle.hint)
            }
            if !entry.decoded.cookiesSet.isEmpty {
                pane.add(
                    "  this response set " + safe.line(entry.decoded.cookiesSet.map(\.name).joined(separator: ", ")),
                    style: PaneStyle.hint)
            }
            for rejected in entry.decoded.cookiesRejected {
                pane.add(
                    StyledLine([
                        Span("  ✗ rejected ", style: PaneStyle.failure),
                        Span(safe.line(rejected.name) + " (Domain=" + safe.line(rejected.domain) + ")", style: .bold),
                    ]), indent: 4)
                pane.add(StyledLine("    " + safe.line(rejected.reason.description), style: PaneStyle.hint), indent: 4)
            }
        }
    }

    /// Whether the pane starts with a failure (and its Correlation-Id).
    private func showsFailure(_ entry: StepRecord?) -> Bool {
        guard let entry else { return false }
        return entry.decoded.pingOneError != nil || entry.decoded.oauthError != nil || entry.failure != nil
    }

    /// The failure, its likely cause and the Correlation-Id first, then the PingOne or OAuth
    /// error fields.
    private func errorLines(into pane: inout PaneBuilder, entry: StepRecord?) {
        let safe = self.safe
        guard let entry, showsFailure(entry) else { return }
        let decoded = entry.decoded
        // Above the fold, at 80×24 too: the failure, its cause, and the Correlation-Id to quote
        // to support; each cut to two lines with "…" (whole when zoomed).
        if let failure = entry.failure {
            pane.add(
                StyledLine("✗ " + safe.line(failure.description), style: PaneStyle.failure), indent: 2, maxLines: 2)
            if let cause = flow.likelyCause(of: failure, at: entry.step) {
                pane.add(
                    StyledLine([Span("likely cause ", style: PaneStyle.label), Span(safe.line(cause), style: .bold)]),
                    indent: 2, maxLines: 2)
            }
            if case .failed(let failedStep, _) = flow.phase, failedStep == entry.step,
                case .restart(let because) = flow.nextMove
            {
                pane.add(
                    StyledLine([Span("next ", style: PaneStyle.label), Span("r restarts: " + safe.line(because))]),
                    indent: 2, maxLines: 2)
            }
        }
        if let correlationID = decoded.correlationID {
            pane.add(KeyValueTable([.init("Correlation-Id", safe.line(correlationID))], maxKeyWidth: 14))
        }
        var rows: [KeyValueTable.Row] = []
        if let error = decoded.pingOneError {
            rows.append(.init("code", safe.line(error.code), style: PaneStyle.failure))
            for detail in error.details {
                let text = [detail.code, detail.target.map { "target \($0)" }, detail.message, detail.innerError]
                    .compactMap { $0 }.joined(separator: " · ")
                rows.append(.init("detail", safe.line(text)))
            }
            if let message = error.message { rows.append(.init("message", safe.line(message))) }
            if let id = error.id { rows.append(.init("error id", safe.line(id))) }
        }
        if let error = decoded.oauthError {
            rows.append(.init("error", safe.line(error.error), style: PaneStyle.failure))
            if let description = error.description { rows.append(.init("description", safe.line(description))) }
            if let uri = error.uri { rows.append(.init("error_uri", safe.line(uri))) }
        }
        guard !rows.isEmpty else { return }
        pane.heading(decoded.pingOneError != nil ? "PingOne error" : "OAuth error")
        pane.add(KeyValueTable(rows, maxKeyWidth: 14, indent: 2))
    }
}

/// The Decoded pane: errors and their likely cause, flow status, code and state, cookies.
///
/// A pure function of the frame's snapshot: it builds no request and checks no signature.
enum DecodedPane {
    static func lines(_ frame: FrameSnapshot, width: Int) -> PaneContent {
        frame.decodedPane(width: width)
    }
}
