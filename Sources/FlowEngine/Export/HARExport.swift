import Foundation

/// The record as an HTTP Archive (HAR 1.2, http://www.softwareishard.com/blog/har-12-spec/), for a
/// HAR viewer or another tool: one entry per request, in the order sent, every attempt included.
///
/// Secrets are masked by the redactor in URLs, headers, cookies and bodies. Each entry carries
/// authflow's own view in `_authflow` (the step, the attempt and what changed before it), as the
/// spec allows for custom fields.
public struct HARExport: Sendable {
    public var redactor: Redactor

    public init(redactor: Redactor) {
        self.redactor = redactor
    }

    /// The HAR version written.
    public static let version = "1.2"
    /// The one page every entry belongs to.
    static let pageID = "authflow-session"

    public func json(_ session: SessionExport) -> JSONValue {
        .object([
            JSONMember(
                "log",
                .object([
                    JSONMember("version", .string(Self.version)),
                    JSONMember(
                        "creator",
                        .object([
                            JSONMember("name", .string("authflow")),
                            JSONMember("version", .string(AuthorizationCodeFlow.toolVersion)),
                        ])),
                    // Pages are optional in HAR 1.2, but readers group entries by page: the session is one.
                    JSONMember(
                        "pages",
                        .array([
                            .object([
                                JSONMember(
                                    "startedDateTime",
                                    .string(
                                        Self.timestamp(session.record.first?.sentAt ?? Date(timeIntervalSince1970: 0)))),
                                JSONMember("id", .string(Self.pageID)),
                                JSONMember("title", .string(redactor.redact(summary(session)))),
                                JSONMember(
                                    "pageTimings",
                                    .object([
                                        JSONMember("onContentLoad", .integer(-1)), JSONMember("onLoad", .integer(-1)),
                                    ])),
                            ])
                        ])),
                    JSONMember("entries", .array(session.record.map(entry))),
                    JSONMember("comment", .string(redactor.redact(summary(session)))),
                ]))
        ])
    }

    func summary(_ session: SessionExport) -> String {
        switch session.outcome {
        case nil: return "authflow: the flow is under way"
        case .completed: return "authflow: the flow completed"
        case .failed(let step, let failure):
            return "authflow: step \(step.number) \(step.title) failed: \(failure.description)"
        }
    }

    func entry(_ entry: StepRecord) -> JSONValue {
        let milliseconds = max(0, entry.elapsed?.milliseconds ?? 0)
        var members = [
            JSONMember("pageref", .string(Self.pageID)),
            JSONMember("startedDateTime", .string(Self.timestamp(entry.sentAt))),
            JSONMember("time", .integer(milliseconds)),
            JSONMember("request", request(entry.request)),
            JSONMember("response", response(entry)),
            JSONMember("cache", .object([])),
            JSONMember(
                "timings",
                .object([
                    JSONMember("send", .integer(0)), JSONMember("wait", .integer(milliseconds)),
                    JSONMember("receive", .integer(0)),
                ])),
        ]
        var comment = "\(entry.step.number) \(entry.step.title): \(entry.action.title)"
        if entry.attempt > 1 { comment += " (attempt \(entry.attempt))" }
        if case .callbackFromBrowser = entry.action { comment += "; seen in the browser, not sent by authflow" }
        if let error = entry.transportError { comment += "; " + error.description }
        if let failure = entry.failure { comment += "; failed: " + failure.description }
        members.append(JSONMember("comment", .string(redactor.redact(comment))))
        members.append(
            JSONMember(
                "_authflow",
                .object([
                    JSONMember("step", .string(entry.step.rawValue)),
                    JSONMember("action_kind", .string(entry.action.kind)),
                    JSONMember("attempt", .integer(entry.attempt)),
                    JSONMember(
                        "changes", .array(entry.changes.map { .string($0.description(redactor: redactor)) })),
                ])))
        return .object(members)
    }

    func request(_ original: HTTPRequest) -> JSONValue {
        let request = redactor.redact(original)
        let url = redactor.redactURL(request.url)
        var members = [
            JSONMember("method", .string(request.method)),
            JSONMember("url", .string(url)),
            JSONMember("httpVersion", .string("HTTP/1.1")),
            JSONMember("cookies", .array(requestCookies(request.header("Cookie")))),
            JSONMember("headers", headers(request.headers)),
            JSONMember(
                "queryString",
                .array(
                    (URLParts(url)?.queryParameters ?? []).map {
                        .object([JSONMember("name", .string($0.name)), JSONMember("value", .string($0.value))])
                    })),
        ]
        if !original.body.isEmpty {
            let mimeType = request.header("Content-Type") ?? "application/octet-stream"
            var postData = [JSONMember("mimeType", .string(mimeType))]
            let text = bodyText(request.body)
            if mimeType.lowercased().hasPrefix("application/x-www-form-urlencoded") {
                postData.append(
                    JSONMember(
                        "params",
                        .array(
                            FormURLEncoding.decode(text).map {
                                .object([
                                    JSONMember("name", .string($0.name)), JSONMember("value", .string($0.value)),
                                ])
                            })))
            }
            postData.append(JSONMember("text", .string(text)))
            members.append(JSONMember("postData", .object(postData)))
        }
        members += [
            JSONMember("headersSize", .integer(-1)),
            JSONMember("bodySize", .integer(original.body.count)),
        ]
        return .object(members)
    }

    func response(_ entry: StepRecord) -> JSONValue {
        guard let original = entry.response else {
            // No response came (or authflow did not send this request): HAR's way to say so.
            return .object([
                JSONMember("status", .integer(0)),
                JSONMember("statusText", .string("")),
                JSONMember("httpVersion", .string("")),
                JSONMember("cookies", .array([])),
                JSONMember("headers", .array([])),
                JSONMember(
                    "content",
                    .object([
                        JSONMember("size", .integer(0)), JSONMember("mimeType", .string("x-unknown")),
                        JSONMember("text", .string("")),
                    ])),
                JSONMember("redirectURL", .string("")),
                JSONMember("headersSize", .integer(-1)),
                JSONMember("bodySize", .integer(-1)),
                JSONMember("_error", .string(redactor.redact(entry.transportError?.description ?? "no response"))),
            ])
        }
        let response = redactor.redact(original)
        var content = [
            JSONMember("size", .integer(original.body.count)),
            JSONMember("mimeType", .string(response.header("Content-Type") ?? "x-unknown")),
        ]
        // `text` is optional in HAR 1.2; readers expect it, so an empty body has an empty one.
        content.append(JSONMember("text", .string(response.body.isEmpty ? "" : bodyText(response.body))))
        return .object([
            JSONMember("status", .integer(response.status)),
            JSONMember("statusText", .string(response.reason)),
            JSONMember("httpVersion", .string(response.version)),
            JSONMember("cookies", .array(responseCookies(response.headers(named: "Set-Cookie")))),
            JSONMember("headers", headers(response.headers)),
            JSONMember("content", .object(content)),
            JSONMember("redirectURL", .string(response.header("Location").map(redactor.redactURL) ?? "")),
            JSONMember("headersSize", .integer(-1)),
            JSONMember("bodySize", .integer(original.body.count)),
        ])
    }

    func headers(_ headers: [HTTPHeader]) -> JSONValue {
        .array(
            headers.map {
                .object([JSONMember("name", .string($0.name)), JSONMember("value", .string(redactor.redact($0.value)))])
            })
    }

    /// `Cookie: a=1; b=2` as HAR cookies.
    func requestCookies(_ header: String?) -> [JSONValue] {
        guard let header else { return [] }
        return header.split(separator: ";").compactMap { pair in
            let trimmed = pair.trimmingCharacters(in: .whitespaces)
            guard let equals = trimmed.firstIndex(of: "=") else { return nil }
            return .object([
                JSONMember("name", .string(String(trimmed[..<equals]))),
                JSONMember("value", .string(redactor.redactValue(String(trimmed[trimmed.index(after: equals)...])))),
            ])
        }
    }

    /// Each `Set-Cookie` as a HAR cookie: its name, value and the attributes HAR names.
    func responseCookies(_ headers: [String]) -> [JSONValue] {
        headers.compactMap { header in
            let parts = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let first = parts.first, let equals = first.firstIndex(of: "=") else { return nil }
            var members = [
                JSONMember("name", .string(String(first[..<equals]))),
                JSONMember("value", .string(redactor.redactValue(String(first[first.index(after: equals)...])))),
            ]
            for attribute in parts.dropFirst() {
                let pieces = attribute.split(separator: "=", maxSplits: 1).map(String.init)
                let name = pieces[0].lowercased()
                let value = pieces.count > 1 ? pieces[1] : ""
                switch name {
                case "path": members.append(JSONMember("path", .string(value)))
                case "domain": members.append(JSONMember("domain", .string(value)))
                case "httponly": members.append(JSONMember("httpOnly", .bool(true)))
                case "secure": members.append(JSONMember("secure", .bool(true)))
                default: break
                }
            }
            return .object(members)
        }
    }

    /// A body as text; JSON is masked member by member first, since escaping can hide a secret from
    /// a search of the text.
    func bodyText(_ body: [UInt8]) -> String {
        if !redactor.showsEverything, let json = try? JSONValue.parse(body) {
            return redactor.redact(redactor.redact(json).compactText)
        }
        return redactor.redact(String(decoding: body, as: UTF8.self))
    }

    /// `2026-11-22T10:00:00.123Z`: HAR's ISO 8601 with milliseconds.
    static func timestamp(_ date: Date) -> String {
        let text = TimeText.iso8601(date)
        guard text.hasSuffix("Z") else { return text }
        let fraction = date.timeIntervalSince1970 - date.timeIntervalSince1970.rounded(.down)
        let milliseconds = min(999, max(0, Int((fraction * 1000).rounded(.down))))
        let padded = String(repeating: "0", count: 3 - "\(milliseconds)".count) + "\(milliseconds)"
        return String(text.dropLast()) + ".\(padded)Z"
    }
}
