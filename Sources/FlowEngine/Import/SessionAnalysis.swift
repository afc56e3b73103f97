import Foundation

/// `authflow open --json`: what a saved session or a browser HAR holds, read by the engine, for
/// scripts (docs/sessions.md). Versioned by ``version``.
public enum SessionAnalysis {
    /// Raised when a member changes meaning or goes away; new members may appear within a version.
    public static let version = 1

    /// The analysis: the file's kind, what it lacks, each request's role, the steps as authflow's
    /// JSON record (the same shape as `run --json`), and the tokens checked.
    public static func json(_ session: SavedSession, flow: AuthorizationCodeFlow, redactor: Redactor) -> JSONValue {
        var members = [
            JSONMember("tool", .string("authflow")),
            JSONMember("analysis_version", .integer(version)),
            JSONMember("source", .string(session.source.rawValue)),
        ]
        if let creator = session.creator { members.append(JSONMember("creator", .string(creator))) }
        let related = session.entries.filter { $0.role != "unrelated" }
        members += [
            JSONMember(
                "entries_total", .integer(session.entries.isEmpty ? session.exchanges.count : session.entries.count)),
            JSONMember("entries_related", .integer(session.entries.isEmpty ? session.exchanges.count : related.count)),
            JSONMember("notes", .array(session.notes.map { .string(redactor.redact($0)) })),
            JSONMember(
                "entries",
                .array(
                    related.map { entry in
                        .object([
                            JSONMember("index", .integer(entry.index)),
                            JSONMember("role", .string(entry.role)),
                            JSONMember("method", .string(entry.method)),
                            JSONMember("url", .string(redactor.redactURL(entry.url))),
                            JSONMember("status", entry.status.map { .integer($0) } ?? .null),
                        ])
                    })),
        ]
        let export = SessionExport(flow: flow)
        members.append(
            JSONMember(
                "session",
                RecordExport(redactor: redactor).json(
                    configuration: export.configuration, record: export.record, outcome: export.outcome)))
        let checkedAt = flow.record.last { $0.decoded.tokens != nil }?.sentAt ?? Date(timeIntervalSince1970: 0)
        members.append(
            JSONMember(
                "token_checks",
                .array(
                    flow.inspectTokens(now: checkedAt).map {
                        .object([
                            JSONMember("name", .string($0.name)),
                            JSONMember("inspection", redactor.redact($0.inspection.jsonValue)),
                        ])
                    })))
        return .object(members)
    }
}
