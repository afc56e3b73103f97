import Foundation

/// A session read back from a file: authflow's JSON record, authflow's HAR, or a HAR a browser
/// exported. Each exchange is a request as sent and the response as received; the engine reads
/// them again (``AuthorizationCodeFlow/reopening(_:keySet:)``), so nothing is taken from the
/// file's own conclusions.
public struct SavedSession: Equatable, Sendable {
    /// What kind of file the session came from.
    public enum Source: String, Equatable, Sendable {
        /// `authflow run --json`, `run --out x.json`, the TUI's `w` to `.json`, the `--last` session.
        case record = "authflow-json"
        /// authflow's own HAR export (entries carry `_authflow`).
        case authflowHAR = "authflow-har"
        /// A HAR a browser (or another tool) exported.
        case browserHAR = "browser-har"
    }

    public var source: Source
    /// The configuration the flow ran with, as far as the file tells it.
    public var configuration: FlowConfiguration
    /// The flow's requests and responses, in the order sent.
    public var exchanges: [SavedExchange]
    /// What the file lacks or what was inferred, one sentence each, for the user to read.
    public var notes: [String]
    /// Every request the file holds and what it was taken for (a browser HAR's unrelated
    /// requests are counted here, not replayed).
    public var entries: [EntryRole]
    /// The program that wrote the file (HAR's `creator`), when it says.
    public var creator: String?
    /// Whether the file shows how the client authenticated: a browser HAR without a token request
    /// (the application redeems the code from its server) does not, and the configuration's
    /// method is then only the default.
    public var clientAuthenticationShown = true

    /// One request of the file and what it was taken for.
    public struct EntryRole: Equatable, Sendable {
        /// Its place in the file (0-based, before sorting by time).
        public var index: Int
        public var method: String
        public var url: String
        public var status: Int?
        /// `authorize`, `sign-on page`, `flow`, `resume`, `callback`, `token`, `jwks`, `userinfo`…,
        /// or `unrelated`.
        public var role: String
    }

    /// The largest file read, in bytes: a session is kilobytes, a browser HAR a few megabytes.
    public static let maximumFileSize = 128 << 20
    /// The most entries a HAR may have.
    public static let maximumEntries = 50_000

    public init(
        source: Source, configuration: FlowConfiguration, exchanges: [SavedExchange], notes: [String] = [],
        entries: [EntryRole] = [], creator: String? = nil
    ) {
        self.source = source
        self.configuration = configuration
        self.exchanges = exchanges
        self.notes = notes
        self.entries = entries
        self.creator = creator
    }

    /// Reads a saved session or a HAR from the file's bytes; throws a worded reason for anything else.
    public static func read(_ bytes: [UInt8]) throws(SessionImportError) -> SavedSession {
        guard bytes.count <= maximumFileSize else {
            throw SessionImportError("the file is larger than \(maximumFileSize >> 20) MiB: not a saved session")
        }
        var body = bytes[...]
        // A UTF-8 byte order mark, as some Windows tools write.
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard body.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            throw SessionImportError("the file is empty")
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(body)
        } catch {
            let truncated = error.offset >= body.count - 1
            throw SessionImportError(
                truncated
                    ? "the file is not complete JSON (it ends early: truncated?): \(error.description)"
                    : "the file is not JSON (\(error.description)): authflow opens its JSON record or a HAR")
        }
        if json["log"]?["entries"] != nil {
            return try HARImport.read(json)
        }
        if json["tool"]?.stringValue == "authflow", json["steps"] != nil {
            return try RecordImport.read(json)
        }
        if json["log"] != nil {
            throw SessionImportError("the file is a HAR without log.entries: nothing to open")
        }
        throw SessionImportError(
            "the file is JSON but neither authflow's record (tool, schema_version, steps) nor a HAR (log.entries)")
    }
}

/// One request of a saved session and what came back.
public struct SavedExchange: Equatable, Sendable {
    public var step: FlowStep
    public var action: StepAction
    public var attempt: Int
    public var changes: [AttemptChange]
    public var request: HTTPRequest
    public var sentAt: Date
    public var response: HTTPResponse?
    public var elapsed: Duration?
    /// Why no response came, as the file words it.
    public var transportError: String?
    /// Whether the file has the response without its body (a browser did not export it).
    public var bodyMissing = false

    public init(
        step: FlowStep, action: StepAction, attempt: Int = 1, changes: [AttemptChange] = [], request: HTTPRequest,
        sentAt: Date, response: HTTPResponse?, elapsed: Duration? = nil, transportError: String? = nil
    ) {
        self.step = step
        self.action = action
        self.attempt = attempt
        self.changes = changes
        self.request = request
        self.sentAt = sentAt
        self.response = response
        self.elapsed = elapsed
        self.transportError = transportError
    }
}

/// Why a file could not be opened as a session.
public struct SessionImportError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

// MARK: - Reading back what authflow wrote

extension StepAction {
    /// The action a JSON record's `action_kind` (or a HAR's `_authflow.action_kind`) names.
    init?(kind: String) {
        switch kind {
        case "par": self = .pushedAuthorization
        case "authorize.get": self = .authorize(sentBy: .authflow(.get))
        case "authorize.post": self = .authorize(sentBy: .authflow(.post))
        case "authorize.request_uri": self = .authorize(sentBy: .authflowWithRequestURI)
        case "authorize.browser": self = .authorize(sentBy: .browser)
        case "flow.read": self = .readFlow
        case "flow.check_credentials": self = .checkCredentials
        case "flow.select_device": self = .selectDevice
        case "flow.check_otp": self = .checkOTP
        case "flow.change_password": self = .changePassword
        case "flow.forgot_password": self = .forgotPassword
        case "flow.recover_password": self = .recoverPassword
        case "callback": self = .callbackFromBrowser
        case "resume": self = .resume
        case "token.authorization_code": self = .redeemCode
        case "jwks": self = .fetchKeys
        case "userinfo": self = .userInfo
        case "introspect": self = .introspect
        case "token.refresh_token": self = .refresh
        case "revoke.refresh_token": self = .revoke(.refreshToken)
        case "revoke.access_token": self = .revoke(.accessToken)
        case "signoff": self = .signOff
        default: return nil
        }
    }
}

extension AttemptChange {
    /// A change read back from its one-line description (``description(redactor:)``).
    init(describing text: String) {
        if text == "retried" {
            self = .retried
        } else if text.hasPrefix("credentials entered for ") {
            self = .credentialsEntered(username: String(text.dropFirst("credentials entered for ".count)))
        } else if text.hasPrefix("cookie jar cleared") {
            let names =
                text.firstIndex(of: "(").map { open in
                    text[text.index(after: open)...].dropLast().split(separator: ",").map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }
                } ?? []
            self = .cookiesCleared(names: names == ["it was empty"] ? [] : names)
        } else if text.hasPrefix("parameter "), let colon = text.firstIndex(of: ":") {
            let head = text[text.index(text.startIndex, offsetBy: 10)..<colon].split(separator: " ")
            let name = head.first.map(String.init) ?? ""
            let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            let parts = value.components(separatedBy: " → ")
            self =
                parts.count == 2
                ? .parameterEdited(name: name, from: parts[0], to: parts[1])
                : .parameterEdited(name: name, from: nil, to: value)
        } else {
            self = .parameterEdited(name: "(change)", from: nil, to: text)
        }
    }
}

/// Reads `authflow run --json`'s record back (docs/user-guide.md, "JSON output").
enum RecordImport {
    static func read(_ json: JSONValue) throws(SessionImportError) -> SavedSession {
        guard let version = json["schema_version"]?.int64Value else {
            throw SessionImportError("the authflow record has no schema_version")
        }
        guard version <= Int64(RecordExport.schemaVersion) else {
            throw SessionImportError(
                "the record is schema_version \(version); this authflow reads up to \(RecordExport.schemaVersion)")
        }
        guard let steps = json["steps"]?.elements else { throw SessionImportError("the record's steps is not a list") }
        var exchanges: [SavedExchange] = []
        var notes: [String] = []
        for (index, step) in steps.enumerated() {
            guard let name = step["step"]?.stringValue, let flowStep = FlowStep(rawValue: name),
                let action = step["action_kind"]?.stringValue.flatMap(StepAction.init(kind:)),
                let request = requestValue(step["request"])
            else {
                notes.append("Step entry \(index + 1) of the record is not one authflow wrote: left out.")
                continue
            }
            var exchange = SavedExchange(
                step: flowStep, action: action, attempt: Int(step["attempt"]?.int64Value ?? 1),
                changes: (step["changes"]?.elements ?? []).compactMap { $0["description"]?.stringValue }.map(
                    AttemptChange.init(describing:)),
                request: request,
                sentAt: HARImport.date(step["sent_at"]?.stringValue) ?? Date(timeIntervalSince1970: 0),
                response: responseValue(step["response"]))
            exchange.elapsed = step["elapsed_ms"]?.int64Value.map { .milliseconds(max(0, $0)) }
            exchange.transportError = step["transport_error"]?.stringValue
            exchanges.append(exchange)
        }
        var configuration = ConfigurationInference.infer(from: exchanges, notes: &notes)
        if let recorded = json["configuration"] {
            if let base = recorded["auth_base_url"]?.stringValue { configuration.authBaseURL = base }
            if recorded["environment_id"] != nil {
                configuration.environmentID = recorded["environment_id"]?.stringValue
            }
            if configuration.discoveredEndpoints?.flowAPIBase == nil,
                exchanges.contains(where: { $0.step == .signOn && $0.action != .callbackFromBrowser })
            {
                // The record's PingOne layout: the Flow API under the environment.
                configuration.discoveredEndpoints = nil
            }
            if let client = recorded["client_id"]?.stringValue { configuration.clientID = client }
            if let redirect = recorded["redirect_uri"]?.stringValue { configuration.redirectURI = redirect }
            if let scope = recorded["scope"]?.stringValue {
                configuration.scopes = scope.split(separator: " ").map(String.init)
            }
            if let method = recorded["token_endpoint_auth_method"]?.stringValue.flatMap(
                ClientAuthenticationMethod.init(rawValue:))
            {
                configuration.clientAuthentication = method
            }
            configuration.responseMode = recorded["response_mode"]?.stringValue
        }
        if exchanges.contains(where: { $0.action == .callbackFromBrowser }) { configuration.signOnInBrowser = true }
        if exchanges.contains(where: { $0.response.map(TokenMasking.masksTokens) ?? false }) {
            notes.append(TokenMasking.note)
        }
        return SavedSession(source: .record, configuration: configuration, exchanges: exchanges, notes: notes)
    }

    static func headers(_ value: JSONValue?) -> [HTTPHeader] {
        (value?.elements ?? []).compactMap { header in
            guard let name = header["name"]?.stringValue, let value = header["value"]?.stringValue else { return nil }
            return HTTPHeader(name, value)
        }
    }

    /// A body as the record wrote it: JSON inline, text as a string, none as `null`.
    static func body(_ value: JSONValue?) -> [UInt8] {
        switch value {
        case nil, .null?: []
        case .string(let text)?: Array(text.utf8)
        case let other?: Array(other.compactText.utf8)
        }
    }

    static func requestValue(_ value: JSONValue?) -> HTTPRequest? {
        guard let value, let method = value["method"]?.stringValue, let url = value["url"]?.stringValue else {
            return nil
        }
        return HTTPRequest(method: method, url: url, headers: headers(value["headers"]), body: body(value["body"]))
    }

    static func responseValue(_ value: JSONValue?) -> HTTPResponse? {
        guard let value, let status = value["status"]?.int64Value, (0...999).contains(status) else { return nil }
        let line = value["status_line"]?.stringValue ?? ""
        let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
        return HTTPResponse(
            version: parts.first ?? "HTTP/1.1", status: Int(status), reason: parts.count > 2 ? parts[2] : "",
            headers: headers(value["headers"]), body: body(value["body"]))
    }
}

/// Whether a saved token response had its tokens masked (a redacted save).
enum TokenMasking {
    static let note =
        "A token was masked whole when the session was saved (an opaque token, or a file saved before "
        + "authflow kept a JWT's claims): it cannot be read back. "
        + "Save with secrets shown (m, then w; or run --out with --show-secrets) to reopen them decoded."

    static func masksTokens(_ response: HTTPResponse) -> Bool {
        guard let json = response.jsonBody else { return false }
        return ["access_token", "id_token", "refresh_token"].contains { json[$0]?.stringValue == Redactor.mask }
    }
}
