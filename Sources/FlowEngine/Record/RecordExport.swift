import Foundation

/// The flow's record as JSON, for `authflow run --json` and other exports.
///
/// Secrets are redacted by the given redactor; the JSON keeps the order things happened in.
public struct RecordExport: Sendable {
    public var redactor: Redactor
    /// How requests left the machine (TLS verification, proxy, CAs), recorded when known.
    public var connection: ConnectionSummary?

    public init(redactor: Redactor, connection: ConnectionSummary? = nil) {
        self.redactor = redactor
        self.connection = connection
    }

    /// The version of the record's JSON shape (docs/user-guide.md, "JSON output"): raised when a
    /// member changes meaning or goes away; new members may appear within a version.
    public static let schemaVersion = 1

    /// The whole run: configuration, outcome and every step.
    public func json(configuration: FlowConfiguration, record: [StepRecord], outcome: FlowOutcome) -> JSONValue {
        json(configuration: configuration, record: record, outcome: .some(outcome))
    }

    /// The whole session so far; a `nil` outcome is a flow still under way (`"outcome": "in_progress"`).
    public func json(configuration: FlowConfiguration, record: [StepRecord], outcome: FlowOutcome?) -> JSONValue {
        var members = [
            JSONMember("tool", .string("authflow")),
            JSONMember("schema_version", .integer(Self.schemaVersion)),
            JSONMember("configuration", configurationJSON(configuration)),
        ]
        if let connection { members.append(JSONMember("connection", connection.json)) }
        switch outcome {
        case nil:
            members.append(JSONMember("outcome", .string("in_progress")))
        case .completed:
            members.append(JSONMember("outcome", .string("completed")))
        case .failed(let step, let failure):
            members.append(JSONMember("outcome", .string("failed")))
            let index = record.lastIndex { $0.step == step }
            let facts = index.map { CauseFacts(configuration: configuration, record: record, index: $0) }
            members.append(JSONMember("failure", failureJSON(failure, step: step, facts: facts)))
        }
        let steps = record.indices.map { index in
            stepJSON(record[index], facts: CauseFacts(configuration: configuration, record: record, index: index))
        }
        members.append(JSONMember("steps", .array(steps)))
        return .object(members)
    }

    func configurationJSON(_ configuration: FlowConfiguration) -> JSONValue {
        var members = [JSONMember("auth_base_url", .string(configuration.authBaseURL))]
        if let environmentID = configuration.environmentID {
            members.append(JSONMember("environment_id", .string(environmentID)))
        }
        members += [
            JSONMember("client_id", .string(configuration.clientID)),
            JSONMember("redirect_uri", .string(configuration.redirectURI)),
            JSONMember("scope", .string(configuration.scopes.joined(separator: " "))),
            JSONMember("authorize_method", .string(configuration.authorizeMethod.rawValue)),
            JSONMember("token_endpoint_auth_method", .string(configuration.clientAuthentication.rawValue)),
            JSONMember("pkce", configuration.pkceMethod.map { .string($0.rawValue) } ?? .null),
        ]
        if let mode = configuration.responseMode { members.append(JSONMember("response_mode", .string(mode))) }
        members.append(
            JSONMember("trusted_origins", .array(configuration.originPolicy.trusted.map { .string($0) })))
        let foreignEndpoints = configuration.foreignEndpoints
        if !foreignEndpoints.isEmpty {
            members.append(
                JSONMember(
                    "foreign_endpoints",
                    .array(
                        foreignEndpoints.map {
                            .object([
                                JSONMember("name", .string($0.field)), JSONMember("url", .string($0.url)),
                                JSONMember("origin", .string($0.origin)),
                            ])
                        })))
        }
        return .object(members)
    }

    func failureJSON(_ failure: FlowFailure, step: FlowStep, facts: CauseFacts? = nil) -> JSONValue {
        var members = [
            JSONMember("step", .string(step.rawValue)),
            JSONMember("message", .string(redactor.redact(failure.description))),
        ]
        if let cause = failure.likelyCause(facts ?? CauseFacts(step: step)) {
            members.append(JSONMember("likely_cause", .string(cause)))
        }
        return .object(members)
    }

    func stepJSON(_ entry: StepRecord, facts: CauseFacts? = nil) -> JSONValue {
        var members = [
            JSONMember("step", .string(entry.step.rawValue)),
            JSONMember("number", .integer(entry.step.number)),
            JSONMember("action", .string(entry.action.title)),
            JSONMember("action_kind", .string(entry.action.kind)),
            JSONMember("attempt", .integer(entry.attempt)),
            JSONMember(
                "changes",
                .array(
                    entry.changes.map {
                        .object([
                            JSONMember("kind", .string($0.kind)),
                            JSONMember("description", .string($0.description(redactor: redactor))),
                        ])
                    })),
            JSONMember("sent_at", .string(TimeText.iso8601(entry.sentAt))),
            JSONMember("request", requestJSON(entry.request)),
        ]
        if let response = entry.response { members.append(JSONMember("response", responseJSON(response))) }
        if let elapsed = entry.elapsed { members.append(JSONMember("elapsed_ms", .integer(elapsed.milliseconds))) }
        if let error = entry.transportError {
            members.append(JSONMember("transport_error", .string(error.description)))
        }
        members.append(JSONMember("decoded", decodedJSON(entry.decoded)))
        if let failure = entry.failure {
            members.append(JSONMember("failure", failureJSON(failure, step: entry.step, facts: facts)))
        }
        return .object(members)
    }

    func headersJSON(_ headers: [HTTPHeader]) -> JSONValue {
        .array(
            headers.map {
                .object([JSONMember("name", .string($0.name)), JSONMember("value", .string(redactor.redact($0.value)))])
            })
    }

    func bodyJSON(_ body: [UInt8]) -> JSONValue {
        if body.isEmpty { return .null }
        if let json = try? JSONValue.parse(body) { return redacted(json) }
        return .string(redactor.redact(String(decoding: body, as: UTF8.self)))
    }

    func requestJSON(_ request: HTTPRequest) -> JSONValue {
        let request = redactor.redact(request)
        return .object([
            JSONMember("method", .string(request.method)),
            JSONMember("url", .string(redactor.redact(request.url))),
            JSONMember("headers", headersJSON(request.headers)),
            JSONMember("body", bodyJSON(request.body)),
        ])
    }

    func responseJSON(_ response: HTTPResponse) -> JSONValue {
        let response = redactor.redact(response)
        return .object([
            JSONMember("status_line", .string(response.statusLine)),
            JSONMember("status", .integer(response.status)),
            JSONMember("headers", headersJSON(response.headers)),
            JSONMember("body", bodyJSON(response.body)),
        ])
    }

    func decodedJSON(_ decoded: StepDecoding) -> JSONValue {
        var members: [JSONMember] = []
        func add(_ key: String, _ value: String?) {
            if let value { members.append(JSONMember(key, .string(redactor.redactValue(value)))) }
        }
        add("location", decoded.location)
        add("flow_id", decoded.flowID)
        add("flow_status", decoded.flowStatus)
        if !decoded.flowLinks.isEmpty {
            members.append(JSONMember("flow_links", .array(decoded.flowLinks.map { .string($0) })))
        }
        add("resume_url", decoded.resumeURL)
        if !decoded.cookiesSent.isEmpty {
            members.append(JSONMember("cookies_sent", .array(decoded.cookiesSent.map { .string($0) })))
        }
        if !decoded.cookiesSet.isEmpty {
            members.append(
                JSONMember(
                    "cookies_set",
                    .array(
                        decoded.cookiesSet.map {
                            .object([
                                JSONMember("name", .string($0.name)),
                                JSONMember("value", .string(redactor.redactValue($0.value))),
                                JSONMember("attributes", .string($0.attributesText)),
                            ])
                        })))
        }
        if !decoded.cookiesRejected.isEmpty {
            members.append(
                JSONMember(
                    "cookies_rejected",
                    .array(
                        decoded.cookiesRejected.map {
                            .object([
                                JSONMember("name", .string($0.name)),
                                JSONMember("domain", .string($0.domain)),
                                JSONMember("reason", .string($0.reason.description)),
                            ])
                        })))
        }
        if !decoded.foreignURLs.isEmpty {
            members.append(
                JSONMember(
                    "foreign_urls",
                    .array(
                        decoded.foreignURLs.map {
                            .object([
                                JSONMember("field", .string($0.field)),
                                JSONMember("url", .string(redactor.redactURL($0.url))),
                                JSONMember("origin", .string($0.origin)),
                            ])
                        })))
        }
        add("code", decoded.code)
        if let state = decoded.state {
            members.append(
                JSONMember(
                    "state",
                    .object([
                        JSONMember("sent", state.sent.map { .string($0) } ?? .null),
                        JSONMember("received", state.received.map { .string($0) } ?? .null),
                        JSONMember("matches", .bool(state.matches)),
                    ])))
        }
        if let error = decoded.pingOneError {
            members.append(
                JSONMember(
                    "pingone_error",
                    .object([
                        JSONMember("id", error.id.map { .string($0) } ?? .null),
                        JSONMember("code", .string(error.code)),
                        JSONMember("message", error.message.map { .string($0) } ?? .null),
                        JSONMember(
                            "details",
                            .array(
                                error.details.map { detail in
                                    .object([
                                        JSONMember("code", detail.code.map { .string($0) } ?? .null),
                                        JSONMember("target", detail.target.map { .string($0) } ?? .null),
                                        JSONMember("message", detail.message.map { .string($0) } ?? .null),
                                    ])
                                })),
                    ])))
        }
        if let error = decoded.oauthError {
            members.append(
                JSONMember(
                    "oauth_error",
                    .object([
                        JSONMember("error", .string(error.error)),
                        JSONMember("error_description", error.description.map { .string($0) } ?? .null),
                    ])))
        }
        add("request_uri", decoded.requestURI)
        if let keySet = decoded.keySet { members.append(JSONMember("jwks", keySet)) }
        if let claims = decoded.claims { members.append(JSONMember("claims", redacted(claims))) }
        add("note", decoded.result?.description)
        add("result_kind", decoded.result?.kind)
        if !decoded.inspections.isEmpty {
            members.append(
                JSONMember(
                    "inspections",
                    .array(
                        decoded.inspections.map {
                            .object([
                                JSONMember("name", .string($0.name)),
                                JSONMember("inspection", redacted($0.inspection.jsonValue)),
                            ])
                        })))
        }
        add("correlation_id", decoded.correlationID)
        if let date = decoded.serverDate {
            members.append(JSONMember("server_date", .string(TimeText.iso8601(date))))
        }
        if let tokens = decoded.tokens {
            members.append(
                JSONMember(
                    "tokens",
                    .array(
                        tokens.decoded.map { token in
                            var fields = [JSONMember("name", .string(token.name))]
                            if let jwt = token.jwt {
                                fields.append(JSONMember("header", jwt.header))
                                fields.append(JSONMember("claims", jwt.claims ?? .null))
                            } else if let error = token.parseError {
                                fields.append(JSONMember("error", .string(error.description)))
                            }
                            return .object(fields)
                        })))
        }
        return .object(members)
    }

    /// A JSON value with every string passed through the redactor.
    func redacted(_ value: JSONValue) -> JSONValue {
        redactor.redact(value)
    }
}
