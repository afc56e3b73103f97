import Foundation

/// Reads a HAR 1.2 file (http://www.softwareishard.com/blog/har-12-spec/): authflow's own export,
/// or one a browser exported, among whose requests the sign-in is found.
///
/// Browsers differ in what they write: Chrome's default ("sanitized") export and Firefox and Safari
/// leave out cookies and `Set-Cookie`; bodies may be missing or base64 (`content.encoding`);
/// `postData` may hold `params` without `text`; fields are optional and `_`-prefixed ones are
/// custom. What a HAR lacks is said in ``SavedSession/notes``, never guessed.
enum HARImport {
    /// One HAR entry, read leniently.
    struct Entry {
        var index: Int
        var startedAt: Date?
        var request: HTTPRequest
        var response: HTTPResponse?
        var elapsed: Duration?
        /// Whether the HAR had a response body to give (`content.text`), or only a size.
        var bodyMissing: Bool
        var error: String?
        var authflow: JSONValue?
        var hadCookieFields: Bool
    }

    static func read(_ json: JSONValue) throws(SessionImportError) -> SavedSession {
        guard let list = json["log"]?["entries"]?.elements else {
            throw SessionImportError("the HAR's log.entries is not a list")
        }
        guard list.count <= SavedSession.maximumEntries else {
            throw SessionImportError(
                "the HAR has \(list.count) entries; authflow reads up to \(SavedSession.maximumEntries)")
        }
        let creatorName = json["log"]?["creator"]?["name"]?.stringValue
        let creator = creatorName.map { name in
            [name, json["log"]?["creator"]?["version"]?.stringValue].compactMap { $0 }.joined(separator: " ")
        }
        var entries: [Entry] = []
        var skipped = 0
        for (index, value) in list.enumerated() {
            if let entry = entry(value, index: index) { entries.append(entry) } else { skipped += 1 }
        }
        // Browsers write entries as requests finish; the flow is the order they started in.
        entries = entries.enumerated().sorted { lhs, rhs in
            let left = lhs.element.startedAt ?? .distantPast
            let right = rhs.element.startedAt ?? .distantPast
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
        var notes: [String] = []
        if skipped > 0 { notes.append("\(skipped) HAR entries have no request method or URL: left out.") }
        let isAuthflow = creatorName == "authflow" || entries.contains { $0.authflow != nil }
        var session =
            isAuthflow
            ? authflowSession(entries, notes: notes)
            : BrowserHARAnalysis(entries: entries, notes: notes).session()
        session.creator = creator
        if !isAuthflow, let creatorName {
            session.notes.insert("Exported by \(creatorName).", at: 0)
        }
        return session
    }

    /// authflow's own HAR: each entry names its step, action and attempt in `_authflow`.
    static func authflowSession(_ entries: [Entry], notes: [String]) -> SavedSession {
        var notes = notes
        var exchanges: [SavedExchange] = []
        for entry in entries {
            guard let custom = entry.authflow, let step = custom["step"]?.stringValue.flatMap(FlowStep.init(rawValue:)),
                let action = custom["action_kind"]?.stringValue.flatMap(StepAction.init(kind:))
            else {
                notes.append("HAR entry \(entry.index + 1) has no _authflow step: left out.")
                continue
            }
            var exchange = SavedExchange(
                step: step, action: action, attempt: Int(custom["attempt"]?.int64Value ?? 1),
                changes: (custom["changes"]?.elements ?? []).compactMap(\.stringValue).map(
                    AttemptChange.init(describing:)),
                request: entry.request, sentAt: entry.startedAt ?? Date(timeIntervalSince1970: 0),
                response: action == .callbackFromBrowser ? nil : entry.response, elapsed: entry.elapsed)
            if entry.response == nil, action != .callbackFromBrowser {
                exchange.transportError = entry.error ?? "no response"
            }
            exchanges.append(exchange)
        }
        var configuration = ConfigurationInference.infer(from: exchanges, notes: &notes)
        if exchanges.contains(where: { $0.action == .callbackFromBrowser }) { configuration.signOnInBrowser = true }
        if exchanges.contains(where: { $0.response.map(TokenMasking.masksTokens) ?? false }) {
            notes.append(TokenMasking.note)
        }
        return SavedSession(
            source: .authflowHAR, configuration: configuration, exchanges: exchanges, notes: notes,
            entries: entries.map { EntryRoles.role($0, "authflow") })
    }

    // MARK: - Entries

    static func entry(_ value: JSONValue, index: Int) -> Entry? {
        guard let request = value["request"], let method = request["method"]?.stringValue,
            let url = request["url"]?.stringValue, !method.isEmpty, !url.isEmpty
        else { return nil }
        var headers = RecordImport.headers(request["headers"])
        // HTTP/2 pseudo-headers (`:authority`) are the URL's, not headers.
        headers.removeAll { $0.name.hasPrefix(":") }
        var hadCookieFields = !(request["cookies"]?.elements ?? []).isEmpty
        if !headers.contains(where: { $0.name.lowercased() == "cookie" }),
            let cookies = request["cookies"]?.elements, !cookies.isEmpty
        {
            let pairs = cookies.compactMap { cookie -> String? in
                guard let name = cookie["name"]?.stringValue else { return nil }
                return "\(name)=\(cookie["value"]?.stringValue ?? "")"
            }
            headers.append(HTTPHeader("Cookie", pairs.joined(separator: "; ")))
        }
        var body: [UInt8] = []
        if let postData = request["postData"] {
            if let text = postData["text"]?.stringValue {
                body = Array(text.utf8)
            } else if let params = postData["params"]?.elements {
                // Firefox may give the form as params only.
                body = Array(
                    FormURLEncoding.encode(
                        params.compactMap { param in
                            param["name"]?.stringValue.map { FormParameter($0, param["value"]?.stringValue ?? "") }
                        }
                    ).utf8)
            }
            if !headers.contains(where: { $0.name.lowercased() == "content-type" }),
                let mime = postData["mimeType"]?.stringValue, !mime.isEmpty
            {
                headers.append(HTTPHeader("Content-Type", mime))
            }
        }
        var entry = Entry(
            index: index, startedAt: date(value["startedDateTime"]?.stringValue),
            request: HTTPRequest(method: method.uppercased(), url: url, headers: headers, body: body),
            response: nil, elapsed: nil, bodyMissing: false, error: nil, authflow: value["_authflow"],
            hadCookieFields: hadCookieFields)
        if let time = value["time"]?.doubleValue, time >= 0, time < 86_400_000 {
            entry.elapsed = .milliseconds(Int64(time.rounded()))
        }
        entry.error = value["response"]?["_error"]?.stringValue ?? value["_error"]?.stringValue
        guard let response = value["response"], let status = response["status"]?.int64Value,
            (100...999).contains(status)
        else {
            // Status 0: blocked, cancelled, or never answered.
            return entry
        }
        var responseHeaders = RecordImport.headers(response["headers"])
        responseHeaders.removeAll { $0.name.hasPrefix(":") }
        let responseCookies = response["cookies"]?.elements ?? []
        hadCookieFields = hadCookieFields || !responseCookies.isEmpty
        if !responseHeaders.contains(where: { $0.name.lowercased() == "set-cookie" }) {
            for cookie in responseCookies {
                guard let name = cookie["name"]?.stringValue else { continue }
                var line = "\(name)=\(cookie["value"]?.stringValue ?? "")"
                if let path = cookie["path"]?.stringValue { line += "; Path=\(path)" }
                if let domain = cookie["domain"]?.stringValue { line += "; Domain=\(domain)" }
                if cookie["httpOnly"]?.boolValue == true { line += "; HttpOnly" }
                if cookie["secure"]?.boolValue == true { line += "; Secure" }
                responseHeaders.append(HTTPHeader("Set-Cookie", line))
            }
        }
        if !responseHeaders.contains(where: { $0.name.lowercased() == "location" }),
            let redirect = response["redirectURL"]?.stringValue, !redirect.isEmpty
        {
            responseHeaders.append(HTTPHeader("Location", redirect))
        }
        var responseBody: [UInt8] = []
        let content = response["content"]
        if let text = content?["text"]?.stringValue {
            if content?["encoding"]?.stringValue?.lowercased() == "base64" {
                if let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) {
                    responseBody = Array(data)
                } else {
                    entry.bodyMissing = true
                }
            } else {
                responseBody = Array(text.utf8)
            }
        } else if !(300..<400).contains(status), status != 204,
            (content?["size"]?.int64Value ?? 0) != 0 || (response["bodySize"]?.int64Value ?? 0) > 0
                || Int(responseHeaders.first { $0.name.lowercased() == "content-length" }?.value ?? "0") ?? 0 > 0
        {
            // A body was sent (a size, or -1 for unknown) but the browser did not export it.
            entry.bodyMissing = true
        }
        entry.hadCookieFields = hadCookieFields
        let version = response["httpVersion"]?.stringValue ?? ""
        entry.response = HTTPResponse(
            version: version.isEmpty ? "HTTP/1.1" : version.uppercased(), status: Int(status),
            reason: response["statusText"]?.stringValue ?? "", headers: responseHeaders, body: responseBody)
        return entry
    }

    /// HAR's ISO 8601 times, with or without fractions and with any offset.
    static func date(_ text: String?) -> Date? {
        guard let text, !text.isEmpty else { return nil }
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return date }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        return plain.date(from: text)
    }
}
