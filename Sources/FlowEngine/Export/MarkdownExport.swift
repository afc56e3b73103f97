import Foundation

/// The session as Markdown for a ticket or a chat: the failure and its likely cause first, the
/// configuration, a table of steps (status, elapsed time, `Correlation-Id`), then each exchange.
///
/// Every attempt is a row and an exchange of its own. Secrets pass through the redactor; text
/// from a server sits in code blocks whose fence is longer than any backtick run inside them.
public struct MarkdownExport: Sendable {
    public var redactor: Redactor
    /// Longest body written, in lines; the rest is counted.
    public var bodyLineLimit = 80

    public init(redactor: Redactor) {
        self.redactor = redactor
    }

    public func text(_ session: SessionExport) -> String {
        var lines: [String] = []
        switch session.outcome {
        case nil:
            let last = session.record.last.map { " (last: step \($0.step.number) \($0.step.title))" } ?? ""
            lines.append("# authflow: the flow is under way" + inline(last))
        case .completed:
            lines.append("# authflow: the flow completed")
        case .failed(let step, let failure):
            lines.append("# authflow: step \(step.number) \(step.title) failed")
            lines.append("")
            lines.append("**Failure:** " + inline(failure.description))
            if let cause = failure.likelyCause(at: step) { lines += ["", "**Likely cause:** " + inline(cause)] }
            if let entry = session.record.last(where: { $0.step == step }),
                let id = SessionExport.correlationID(entry)
            {
                lines += ["", "**Correlation-Id:** `\(code(id))`"]
            }
        }
        if !redactor.showsEverything { lines += ["", "_Secrets are masked (\(Redactor.mask))._"] }
        lines += ["", "## Configuration", "", "| Setting | Value |", "| --- | --- |"]
        for (name, value) in configurationRows(session.configuration) {
            lines.append("| \(name) | \(cell(value)) |")
        }
        lines += ["", "## Steps", ""]
        lines.append("| # | Step | Request | Attempt | Status | Elapsed | Correlation-Id |")
        lines.append("| --- | --- | --- | --- | --- | --- | --- |")
        for (index, entry) in session.record.enumerated() {
            let status: String
            if let response = entry.response {
                status = "\(response.status) \(response.reason)" + (entry.failure == nil ? "" : " ✗")
            } else if let error = entry.transportError {
                status = "✗ " + error.description
            } else if case .callbackFromBrowser = entry.action {
                status = "callback" + (entry.failure == nil ? "" : " ✗")
            } else {
                status = entry.failure == nil ? "no response" : "✗"
            }
            let elapsed = entry.elapsed.map { "\($0.milliseconds) ms" } ?? ""
            let correlation = SessionExport.correlationID(entry).map { "`\(code($0))`" } ?? ""
            lines.append(
                "| \(index + 1) | \(entry.step.number) \(cell(entry.step.title)) | \(cell(entry.action.title)) "
                    + "| \(entry.attempt) | \(cell(status)) | \(elapsed) | \(correlation) |")
        }
        lines += ["", "## Exchanges"]
        for (index, entry) in session.record.enumerated() {
            lines.append("")
            lines += exchange(entry, number: index + 1)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func configurationRows(_ configuration: FlowConfiguration) -> [(String, String)] {
        var rows = [("Auth base URL", configuration.authBaseURL)]
        if let environmentID = configuration.environmentID { rows.append(("Environment ID", environmentID)) }
        rows += [
            ("Client ID", configuration.clientID),
            ("Redirect URI", configuration.redirectURI),
            ("Scope", configuration.scopes.joined(separator: " ")),
            ("Authorize method", configuration.authorizeMethod.rawValue),
            ("Token endpoint auth method", configuration.clientAuthentication.rawValue),
            ("PKCE", configuration.pkceMethod?.rawValue ?? "none"),
        ]
        if let mode = configuration.responseMode { rows.append(("Response mode", mode)) }
        if let username = configuration.username { rows.append(("Username", username)) }
        return rows
    }

    func exchange(_ entry: StepRecord, number: Int) -> [String] {
        var title = "### \(number). Step \(entry.step.number) \(entry.step.title): \(entry.action.title)"
        if entry.attempt > 1 { title += " (attempt \(entry.attempt))" }
        var lines = [inline(title), ""]
        lines.append(
            "Sent at \(TimeText.iso8601(entry.sentAt))" + (entry.elapsed.map { ", \($0.milliseconds) ms" } ?? ""))
        for change in entry.changes { lines += ["", "- Changed: " + inline(change.description(redactor: redactor))] }
        let request = redactor.redact(entry.request)
        var wire = ["\(request.method) \(redactor.redactURL(request.url))"]
        wire += request.headers.map { "\($0.name): \(redactor.redact($0.value))" }
        if !request.body.isEmpty { wire += [""] + body(request.body) }
        lines += [""] + fenced(wire)
        if let response = entry.response.map(redactor.redact) {
            var wire = [response.statusLine]
            wire += response.headers.map { "\($0.name): \(redactor.redact($0.value))" }
            if !response.body.isEmpty { wire += [""] + body(response.body) }
            lines += [""] + fenced(wire)
        }
        if let error = entry.transportError { lines += ["", "No complete response: " + inline(error.description)] }
        if let failure = entry.failure {
            lines += ["", "**✗ " + inline(failure.description) + "**"]
            if let cause = failure.likelyCause(at: entry.step) { lines += ["", "Likely cause: " + inline(cause)] }
        }
        return lines
    }

    /// A body's lines, JSON pretty-printed and masked member by member.
    func body(_ bytes: [UInt8]) -> [String] {
        let text: [String]
        if let json = try? JSONValue.parse(bytes) {
            text = redactor.redact(redactor.redact(json).prettyText()).components(separatedBy: "\n")
        } else {
            text = redactor.redact(String(decoding: bytes, as: UTF8.self)).components(separatedBy: "\n")
        }
        guard text.count > bodyLineLimit else { return text }
        return text.prefix(bodyLineLimit) + ["… \(text.count - bodyLineLimit) more lines"]
    }

    /// Lines in a code block whose fence no line inside can close.
    func fenced(_ lines: [String]) -> [String] {
        let cleaned = lines.map(printable)
        var longest = 0
        for line in cleaned {
            var run = 0
            for character in line {
                run = character == "`" ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return [fence + "http"] + cleaned + [fence]
    }

    /// Text outside a code block: one line, printable, Markdown's own characters escaped.
    func inline(_ text: String) -> String {
        var output = ""
        for character in printable(redactor.redact(text)) {
            if "\\`*_[]<>|".contains(character) { output.append("\\") }
            output.append(character)
        }
        return output
    }

    /// A table cell: like ``inline(_:)``, pipes escaped so the row keeps its columns.
    func cell(_ text: String) -> String { inline(text) }

    /// Text inside inline code: backticks cannot be escaped there, so they become quotes.
    func code(_ text: String) -> String {
        printable(redactor.redact(text)).replacingOccurrences(of: "`", with: "'")
    }

    /// Control characters (a server's escape sequences, CR, line breaks) made visible.
    func printable(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    scalar.properties.generalCategory == .control && scalar != "\t" ? "\u{FFFD}" : scalar
                }))
    }
}
