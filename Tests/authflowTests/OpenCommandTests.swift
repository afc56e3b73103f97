import FlowEngine
import Foundation
import TestSupport
import Testing

/// `authflow open`: the last TUI session kept and reopened, saved files and browser HARs read,
/// bad files refused with a reason.
@Suite(.serialized) struct OpenCommandTests {
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "authflow-open-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// The text of the column beside the steps (where the notice goes), its wrapped lines joined.
    static func sideColumn(_ screen: String) -> String {
        screen.split(separator: "\n").compactMap { line -> String? in
            let cells = line.split(separator: "│", omittingEmptySubsequences: false)
            guard cells.count > 2 else { return nil }
            return cells[1].trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Waits until the column beside the steps says `text`.
    static func waitForSideColumn(_ tmux: TmuxSession, _ text: String) async throws -> (found: Bool, screen: String) {
        var screen = ""
        for _ in 0..<150 {
            screen = try await tmux.screen()
            if sideColumn(screen).contains(text) { return (true, screen) }
            try await Task.sleep(for: .milliseconds(100))
        }
        return (false, screen)
    }

    @Test func aWrongPasswordThenTheRightOneIsKeptAndOpenLastShowsBothAttempts() async throws {
        let state = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let binary = AuthflowProcess.binary.path
        let tmux = try await TmuxSession.start(
            command:
                "export XDG_STATE_HOME=\(state.path); \(binary) demo; echo DEMO_EXIT=$?; read again; "
                + "\(binary) open --last; echo OPEN_EXIT=$?; sleep 120")
        defer { tmux.kill() }
        #expect(try await tmux.waitFor("1 Authorize", "n send").found)
        try await tmux.send("n")
        #expect(try await tmux.waitFor("✓ 1 Authorize", "flowId").found)
        try await tmux.send("n")
        #expect(try await tmux.waitFor("USERNAME_PASSWORD_REQUIRED").found)
        try await tmux.send("n")
        #expect(try await tmux.waitFor("assword").found)
        try await tmux.send("not-the-password", literal: true)
        try await tmux.send("Enter")
        #expect(try await tmux.waitFor("Credentials set").found)
        try await tmux.send("n")
        var step = try await tmux.waitFor("INVALID_CREDENTIALS")
        #expect(step.found, "after the wrong password:\n\(step.screen)")
        // Kept as it goes: the wrong attempt is on disk before the UI quits.
        let kept = state.appendingPathComponent("authflow/last-session.json").path
        #expect(FileManager.default.fileExists(atPath: kept))
        try await tmux.send("n")
        #expect(try await tmux.waitFor("assword").found)
        try await tmux.send(Demo.password, literal: true)
        try await tmux.send("Enter")
        #expect(try await tmux.waitFor("Credentials set").found)
        try await tmux.send("n")
        step = try await tmux.waitFor("COMPLETED")
        #expect(step.found, "after the right password:\n\(step.screen)")
        // On to the tokens, so that the kept session holds some.
        try await tmux.send("n")
        step = try await tmux.waitFor("✓ 3 Resume")
        #expect(step.found, "after resume:\n\(step.screen)")
        try await tmux.send("n")
        step = try await tmux.waitFor("✓ 4 Token")
        #expect(step.found, "after token:\n\(step.screen)")
        try await tmux.send("q")
        step = try await tmux.waitFor("DEMO_EXIT=0", "kept in", "authflow open --last")
        #expect(step.found, "after q:\n\(step.screen)")
        #expect(try Self.mode(kept) == 0o600)
        #expect(try Self.mode(state.appendingPathComponent("authflow").path) == 0o700)
        let text = try String(contentsOfFile: kept, encoding: .utf8)
        #expect(!text.contains(Demo.password) && !text.contains("not-the-password"))
        // The kept session's JWTs keep their claims, not their signatures: --json reads the claims,
        // checks what needs no signature, and says the signature was redacted.
        let analysis = try await AuthflowProcess.run(["open", "--json", kept])
        #expect(analysis.status == 0, "stderr: \(analysis.standardError)")
        let checks = try JSONValue.parse(analysis.standardOutput)["token_checks"]?.elements ?? []
        let idToken = checks.first { $0["name"]?.stringValue == "id_token" }?["inspection"]
        #expect(idToken?["claims"]?["sub"]?.stringValue?.isEmpty == false, "token checks: \(checks)")
        #expect(idToken?["signature"]?["result"]?.stringValue == "redacted")
        #expect(
            !checks.isEmpty && checks.allSatisfy { $0["inspection"]?["signature"]?["result"] == .string("redacted") })

        try await tmux.send("Enter")
        // The notice, wrapped in the narrow column beside the steps, counts the password's attempts.
        step = try await tmux.waitFor("Read-only", "last-session.json")
        #expect(step.found, "open --last:\n\(step.screen)")
        #expect(
            Self.sideColumn(step.screen).contains("Check username and password: 2 attempts (1 failed)"),
            "open --last:\n\(step.screen)")
        try await tmux.send("n")
        step = try await Self.waitForSideColumn(tmux, "nothing is sent from it")
        #expect(step.found, "n on a reopened session:\n\(step.screen)")
        try await tmux.send("q")
        #expect(try await tmux.waitFor("OPEN_EXIT=0").found)
    }

    @Test func aBrowserHARIsAnalysedAsJSON() async throws {
        let har = AuthflowProcess.packageRoot.appendingPathComponent(
            "Tests/FlowEngineTests/Fixtures/BrowserHAR/wrong-password.har")
        let result = try await AuthflowProcess.run(["open", "--json", har.path])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let json = try JSONValue.parse(result.standardOutput)
        #expect(json["analysis_version"] == .integer(1))
        #expect(json["source"] == .string("browser-har"))
        let steps = json["session"]?["steps"]?.elements ?? []
        #expect(steps.filter { $0["action_kind"] == .string("flow.check_credentials") }.count == 2)
        #expect(steps.contains { $0["failure"]?["likely_cause"] != nil })
    }

    @Test(arguments: [
        ("garbage.har", "not JSON at all", "not JSON"),
        ("cut.json", "{\"log\": {\"entries\": [{\"request\"", "truncated"),
        ("other.json", "{\"hello\": 1}", "neither authflow's record"),
        ("escape.har", "\u{1B}]52;c;aGk=\u{07}", "not JSON"),
    ])
    func aBadFileIsOneLineAndExitStatus1(name: String, content: String, reason: String) async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await AuthflowProcess.run(["open", path])
        #expect(result.status == 1)
        #expect(result.standardError.contains(reason), "stderr: \(result.standardError)")
        #expect(!result.standardError.contains("\u{1B}"))
        let missing = try await AuthflowProcess.run(["open", directory.appendingPathComponent("none.har").path])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no such file"))
    }

    @Test func lastWithoutAKeptSessionSaysSo() async throws {
        let state = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: state) }
        let result = try await AuthflowProcess.run(["open", "--last"], environment: ["XDG_STATE_HOME": state.path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no last session"))
        let both = try await AuthflowProcess.run(["open", "--last", "x.json"])
        #expect(both.status == 64)
    }
}
