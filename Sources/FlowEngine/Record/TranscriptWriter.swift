import Foundation

/// Writes a flow's record as a readable transcript, for `authflow run`.
///
/// Requests and responses appear as on the wire (`>` sent, `<` received), then what was decoded.
/// Every server-derived string passes through ``TerminalSafe``; secrets pass through the redactor.
public struct TranscriptWriter: Sendable {
    public var redactor: Redactor
    public var now: Date
    /// Longest body shown, in lines; the rest is counted, not printed.
    public var bodyLineLimit = 60

    public init(redactor: Redactor, now: Date) {
        self.redactor = redactor
        self.now = now
    }

    /// The header line naming the environment, app and options.
    public func header(for configuration: FlowConfiguration, masked: Bool) -> String {
        var parts = ["authflow run"]
        if let environmentID = configuration.environmentID { parts.append("env \(environmentID)") }
        if let region = configuration.region { parts.append(region) }
        parts.append("app \(configuration.clientID)")
        parts.append(configuration.clientAuthentication.rawValue)
        parts.append(configuration.pkceMethod.map { "PKCE \($0.rawValue)" } ?? "no PKCE")
        parts.append(masked ? "secrets masked" : "secrets SHOWN")
        return parts.joined(separator: " · ")
    }

    /// Every step of the record.
    public func transcript(of record: [StepRecord], configuration: FlowConfiguration? = nil) -> String {
        record.indices.map { index in
            step(
                record[index], facts: configuration.map { CauseFacts(configuration: $0, record: record, index: index) })
        }.joined(separator: "\n")
    }

    /// One step: request, response, decoded values, failure.
    public func step(_ entry: StepRecord, facts: CauseFacts? = nil) -> String {
        var lines: [String] = []
        let attempt = entry.attempt > 1 ? " (attempt \(entry.attempt))" : ""
        let title = "── \(entry.step.number) \(entry.step.title): \(entry.action.title)\(attempt) "
        lines.append(title + String(repeating: "─", count: max(4, 78 - title.count)))
        for change in entry.changes { lines.append("  changed: " + safe(change.description(redactor: redactor))) }
        lines += requestLines(redactor.redact(entry.request))
        if let response = entry.response.map(redactor.redact) {
            let elapsed = entry.elapsed.map { "  (\($0.milliseconds) ms)" } ?? ""
            lines.append("< " + safe(response.statusLine) + elapsed)
            for header in response.headers { lines.append("< " + safe("\(header.name): \(header.value)")) }
            lines += bodyLines(response.body, contentType: response.header("Content-Type")).map { "< " + $0 }
            if let error = entry.transportError { lines.append("× incomplete response: " + safe(error.description)) }
        } else if let error = entry.transportError {
            lines.append("× no response: " + safe(error.description))
        }
        lines += decodedLines(entry.decoded)
        if let failure = entry.failure {
            lines.append("  ✗ " + safe(failure.description))
            if let cause = failure.likelyCause(facts ?? CauseFacts(step: entry.step)) {
                lines.append("    likely cause: " + cause)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func requestLines(_ request: HTTPRequest) -> [String] {
        var lines = ["> " + safe("\(request.method) \(request.url)")]
        for header in request.headers { lines.append("> " + safe("\(header.name): \(header.value)")) }
        if !request.body.isEmpty {
            lines += bodyLines(request.body, contentType: request.header("Content-Type")).map { "> " + $0 }
        }
        return lines
    }

    func bodyLines(_ body: [UInt8], contentType: String?) -> [String] {
        guard !body.isEmpty else { return [] }
        let text: [String]
        if let json = try? JSONValue.parse(body) {
            // Masked as values before writing (JSON escaping would hide a secret from the text search),
            // and written only up to the line limit: indented text grows with depth times size.
            text = TerminalSafe.lines(redactor.redact(redactor.redact(json).prettyText(lineLimit: bodyLineLimit)))
            let total = json.prettyLineCount
            guard total > text.count else { return [""] + text }
            return [""] + text + ["… \(total - text.count) more lines"]
        } else {
            text = TerminalSafe.lines(redactor.redact(TerminalSafe.decode(body)))
        }
        guard text.count > bodyLineLimit else { return [""] + text }
        return [""] + text.prefix(bodyLineLimit) + ["… \(text.count - bodyLineLimit) more lines"]
    }

    func decodedLines(_ decoded: StepDecoding) -> [String] {
        var lines: [String] = []
        func add(_ label: String, _ value: String) {
            lines.append("  " + label.padding(toLength: 16, withPad: " ", startingAt: 0) + value)
        }
        if let flowID = decoded.flowID { add("flowId", safe(flowID)) }
        if let status = decoded.flowStatus { add("flow status", safe(status)) }
        if !decoded.flowLinks.isEmpty { add("links", safe(decoded.flowLinks.joined(separator: ", "))) }
        if let resume = decoded.resumeURL { add("resumeUrl", safe(resume)) }
        if !decoded.cookiesSent.isEmpty { add("cookies sent", safe(decoded.cookiesSent.joined(separator: ", "))) }
        for cookie in decoded.cookiesSet { add("cookie set", safe("\(cookie.name) (\(cookie.attributesText))")) }
        for cookie in decoded.cookiesRejected {
            add("cookie REJECTED", safe("\(cookie.name) (Domain=\(cookie.domain)): \(cookie.reason)"))
        }
        for foreign in decoded.foreignURLs {
            add("FOREIGN origin", safe("\(foreign.origin) in \(foreign.field): \(foreign.url)"))
        }
        for field in decoded.formFields { add("form field", safe("\(field.name)=\(field.value)")) }
        if let code = decoded.code { add("code", safe(redactor.redactValue(code))) }
        if let state = decoded.state {
            add(
                "state",
                state.matches
                    ? "✓ matches the one sent"
                    : "✗ sent \(safe(state.sent ?? "(none)")), got \(safe(state.received ?? "(none)"))")
        }
        if let error = decoded.pingOneError {
            add("PingOne error", safe("\(error.code)" + (error.message.map { ": \($0)" } ?? "")))
            for detail in error.details {
                add(
                    "  detail",
                    safe(
                        [detail.code, detail.target.map { "target \($0)" }, detail.message, detail.innerError]
                            .compactMap { $0 }.joined(separator: " · ")))
            }
            if let id = error.id { add("  error id", safe(id)) }
        }
        if let error = decoded.oauthError {
            add("OAuth error", safe(error.error + (error.description.map { ": \($0)" } ?? "")))
        }
        if let requestURI = decoded.requestURI { add("request_uri", safe(requestURI)) }
        if let keys = decoded.keySet?["keys"]?.elements {
            add(
                "signing keys",
                safe(
                    keys.map { "\($0["kid"]?.stringValue ?? "(no kid)") \($0["kty"]?.stringValue ?? "?")" }.joined(
                        separator: ", ")))
        }
        for member in decoded.claims?.members ?? [] { add(member.key, safe(member.value.compactText)) }
        if let result = decoded.result { add("result", result.description) }
        if let correlationID = decoded.correlationID { add("Correlation-Id", safe(correlationID)) }
        if let tokens = decoded.tokens { lines += tokenLines(tokens) }
        for inspected in decoded.inspections {
            lines.append("  \(inspected.name) checks:")
            lines += inspected.inspection.verdictLines.filter { !$0.isEmpty }.map { "    " + redactor.redact($0) }
        }
        return lines
    }

    func tokenLines(_ tokens: TokenSet) -> [String] {
        var lines: [String] = []
        if let type = tokens.tokenType { lines.append("  token_type      " + safe(type)) }
        if let expiresIn = tokens.expiresIn { lines.append("  expires_in      \(expiresIn) s") }
        if let scope = tokens.scope { lines.append("  scope           " + safe(scope)) }
        for token in tokens.decoded {
            lines.append("  \(token.name):")
            guard let jwt = token.jwt else {
                lines.append("    cannot decode: " + (token.parseError.map { safe($0.description) } ?? "unknown"))
                continue
            }
            lines.append("    header  " + safe(jwt.header.compactText))
            guard let claims = jwt.claims?.members else {
                lines.append("    (encrypted: the claims cannot be read)")
                continue
            }
            for member in claims {
                var line =
                    "    " + safe(member.key).padding(toLength: 20, withPad: " ", startingAt: 0) + " "
                    + safe(member.value.compactText)
                if TimeText.timeClaims.contains(member.key), let date = TimeText.date(fromEpoch: member.value) {
                    line += "  (\(TimeText.utc(date)), \(TimeText.relative(date, to: now)))"
                }
                lines.append(line)
            }
        }
        return lines
    }

    private func safe(_ text: String) -> String {
        TerminalSafe.line(redactor.redact(text))
    }
}
