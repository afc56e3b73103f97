import Foundation
import PingOneSimulator
import TestSupport
import Testing

@testable import FlowEngine

/// Saved sessions read back: authflow's JSON record and HAR reopen as the same steps, decoded by
/// the engine again; bad files are refused with a reason.
@Suite struct SessionImportTests {
    /// A demo flow with a wrong password, then the right one, to the checked tokens.
    static func wrongThenRightPassword() async throws -> AuthorizationCodeFlow {
        let harness = try await SimulatorHarness.start()
        let right = harness.configuration(.web)
        var wrong = right
        wrong.password = "not-the-password"
        var (flow, _) = await harness.run(wrong)
        _ = flow.retry()
        _ = flow.enterCredentials(username: right.username ?? "", password: right.password ?? "")
        let outcome = await harness.runner.run(&flow)
        await harness.stop()
        #expect(outcome == .completed)
        return flow
    }

    /// What the panes read from each entry, compared between a live flow and a reopened one.
    static func summary(_ flow: AuthorizationCodeFlow) -> [String] {
        flow.record.map { entry in
            let decoded = entry.decoded
            return [
                entry.step.rawValue, entry.action.kind, "\(entry.attempt)",
                entry.changes.map(\.kind).joined(separator: ","), entry.request.url,
                "\(entry.response?.status ?? 0)", decoded.flowID ?? "-", decoded.flowStatus ?? "-",
                decoded.code ?? "-", decoded.state.map { "\($0.sent ?? "")=\($0.received ?? "")" } ?? "-",
                decoded.pingOneError?.code ?? "-", decoded.tokens?.decoded.map(\.name).joined(separator: ",") ?? "-",
                decoded.inspections.map { "\($0.name):\($0.inspection.failures.map(\.name))" }.joined(separator: ","),
                entry.failure?.description ?? "-",
            ].joined(separator: " | ")
        }
    }

    @Test(arguments: [ExportFormat.json, .har])
    func anUnmaskedSaveReopensAsTheSameStepsAndChecks(format: ExportFormat) async throws {
        let flow = try await Self.wrongThenRightPassword()
        let text = SessionExport(flow: flow).text(format, redactor: .none)
        let session = try SavedSession.read(Array(text.utf8))
        #expect(session.source == (format == .json ? .record : .authflowHAR))
        let reopened = AuthorizationCodeFlow.reopening(session)
        #expect(Self.summary(reopened) == Self.summary(flow))
        #expect(reopened.phase == flow.phase)
        #expect(reopened.tokens == flow.tokens)
        #expect(reopened.record.filter { $0.action == .checkCredentials }.map(\.attempt) == [1, 2])
        // The wrong password's cause is the engine's, read again.
        let failed = try #require(reopened.record.first { $0.failure != nil })
        #expect(failed.decoded.pingOneError != nil)
        #expect(!session.notes.contains(TokenMasking.note))
    }

    @Test(arguments: [ExportFormat.json, .har])
    func aMaskedSaveSaysItsTokensAreMaskedAndKeepsEveryAttempt(format: ExportFormat) async throws {
        let flow = try await Self.wrongThenRightPassword()
        let text = SessionExport(flow: flow).text(format, redactor: Redactor(secrets: flow.secrets))
        let session = try SavedSession.read(Array(text.utf8))
        #expect(session.notes.contains(TokenMasking.note))
        let reopened = AuthorizationCodeFlow.reopening(session)
        #expect(reopened.record.map(\.action.kind) == flow.record.map(\.action.kind))
        #expect(reopened.record.map(\.decoded.flowID) == flow.record.map(\.decoded.flowID))
        // No secret of the flow comes back out of a masked file.
        let analysis = SessionAnalysis.json(session, flow: reopened, redactor: .none).prettyText()
        for secret in flow.secrets where secret.count >= 8 {
            #expect(!analysis.contains(secret))
        }
    }

    @Test func theAnalysisIsVersionedAndCarriesTheRecord() async throws {
        let flow = try await Self.wrongThenRightPassword()
        let text = SessionExport(flow: flow).text(.har, redactor: .none)
        let session = try SavedSession.read(Array(text.utf8))
        let reopened = AuthorizationCodeFlow.reopening(session)
        let json = SessionAnalysis.json(session, flow: reopened, redactor: Redactor(secrets: reopened.secrets))
        #expect(json["analysis_version"] == .integer(SessionAnalysis.version))
        #expect(json["source"] == .string("authflow-har"))
        #expect(json["session"]?["outcome"] == .string("completed"))
        #expect(json["session"]?["steps"]?.elements?.count == flow.record.count)
        #expect(json["token_checks"]?.elements?.isEmpty == false)
    }

    // MARK: - Bad files

    @Test(arguments: [
        ("", "empty"),
        ("   \n", "empty"),
        ("not json at all", "not JSON"),
        ("{\"log\": {\"entries\": [", "truncated"),
        ("{\"tool\": \"other\"}", "neither authflow's record"),
        ("{\"log\": {\"version\": \"1.2\"}}", "without log.entries"),
        ("{\"log\": {\"entries\": 5}}", "not a list"),
        ("{\"tool\": \"authflow\", \"schema_version\": 99, \"steps\": []}", "schema_version 99"),
        ("[1, 2, 3]", "neither authflow's record"),
    ])
    func aBadFileIsRefusedWithAReason(text: String, reason: String) {
        #expect {
            _ = try SavedSession.read(Array(text.utf8))
        } throws: { error in
            (error as? SessionImportError)?.description.contains(reason) == true
        }
    }

    @Test func hostileBytesAndDeepNestingAreRefusedOrReadWithoutATrap() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: SessionImportError.self) { _ = try SavedSession.read(Array(deep.utf8)) }
        let binary: [UInt8] = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(throws: SessionImportError.self) { _ = try SavedSession.read(binary) }
        // Entries of the wrong shapes are left out, not trusted.
        let odd = """
            {"log": {"entries": [1, "x", {"request": {}}, {"request": {"method": "GET", "url": "\\u001b[31mhttp://x/"},
             "response": {"status": 70000, "content": {"text": "!!", "encoding": "base64"}}}]}}
            """
        let session = try? SavedSession.read(Array(odd.utf8))
        #expect(session != nil)
        #expect(session?.exchanges.isEmpty == true)
        #expect(session?.notes.contains { $0.contains("No authorize request") } == true)
    }
}
