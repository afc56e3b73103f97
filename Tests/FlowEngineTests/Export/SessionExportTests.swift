import Foundation
import PingOneSimulator
import TestSupport
import Testing

@testable import FlowEngine

/// Every attempt is kept with what changed before it, and each export (HAR, Markdown, script,
/// JSON) carries all of them with the secrets masked.
@Suite struct SessionExportTests {
    // MARK: - Attempts

    @Test func aWrongPasswordThenTheRightOneAreTwoAttemptsWithTheirChanges() async throws {
        let harness = try await SimulatorHarness.start()
        let right = harness.configuration(.web)
        var wrong = right
        wrong.password = "not-the-password"
        var (flow, outcome) = await harness.run(wrong)
        guard case .failed(.signOn, _) = outcome else {
            await harness.stop()
            Issue.record("the wrong password did not fail the sign-on: \(outcome)")
            return
        }
        #expect(flow.retry() == .awaitCredentials)
        _ = flow.enterCredentials(username: right.username ?? "", password: right.password ?? "")
        outcome = await harness.runner.run(&flow)
        await harness.stop()
        #expect(outcome == .completed)

        let checks = flow.record.filter { $0.action == .checkCredentials }
        #expect(checks.map(\.attempt) == [1, 2])
        #expect(checks.last?.changes == [.retried, .credentialsEntered(username: right.username ?? "")])
        #expect(flow.record.first?.attempt == 1)

        let redactor = Redactor(secrets: flow.secrets)
        let transcript = TranscriptWriter(redactor: redactor, now: Date()).transcript(of: flow.record)
        #expect(transcript.contains("Check username and password (attempt 2)") || transcript.contains("(attempt 2)"))
        #expect(transcript.contains("  changed: retried"))
        let json = SessionExport(flow: flow, outcome: outcome).text(.json, redactor: redactor)
        let steps = try JSONValue.parse(json)["steps"]?.elements ?? []
        #expect(steps.compactMap { $0["attempt"] }.count == flow.record.count)
        let second = steps.filter { $0["action_kind"]?.stringValue == "flow.check_credentials" }.last
        #expect(second?["attempt"] == .integer(2))
        #expect(
            second?["changes"]?.elements?.compactMap { $0["kind"]?.stringValue } == ["retried", "credentials_entered"])
        // Neither password is in any export.
        for format in ExportFormat.allCases {
            let text = SessionExport(flow: flow, outcome: outcome).text(format, redactor: redactor)
            #expect(!text.contains("not-the-password"), "\(format)")
            #expect(!text.contains(right.password ?? "-"), "\(format)")
        }
    }

    @Test func anEditedParameterAndAClearedJarAreTheNextRequestsChanges() throws {
        let configuration = FlowConfiguration(
            authBaseURL: "https://auth.example.com", environmentID: "env", clientID: "app",
            redirectURI: "http://127.0.0.1/callback", scopes: ["openid"])
        var flow = AuthorizationCodeFlow(configuration: configuration, randomness: .system)
        flow.editParameter("prompt", to: "login")
        flow.editParameter("prompt", to: "login")  // no change: not recorded
        flow.editParameter("scope", to: "openid email")
        flow.clearCookies()
        guard case .send = flow.send(at: Date()) else {
            Issue.record("authorize was not sent")
            return
        }
        #expect(
            flow.record.last?.changes == [
                .parameterEdited(name: "prompt", from: nil, to: "login"),
                .parameterEdited(name: "scope", from: "openid", to: "openid email"),
                .cookiesCleared(names: []),
            ])
        #expect(flow.pendingChanges == [])
        let secret = AttemptChange.parameterEdited(name: "client_secret", from: "old-secret", to: "new-secret")
        #expect(
            secret.description(redactor: Redactor(secrets: []))
                == "parameter client_secret edited: old-secret → new-secret")
        #expect(
            secret.description(redactor: Redactor(secrets: ["unrelated"]))
                == "parameter client_secret edited: •••••• → ••••••")
    }

    // MARK: - Formats

    @Test func formatsFromExtensionsAndNames() {
        #expect(ExportFormat(fileName: "a/b/session.HAR") == .har)
        #expect(ExportFormat(fileName: "t.md") == .markdown)
        #expect(ExportFormat(fileName: "replay.sh") == .script)
        #expect(ExportFormat(fileName: "x.json") == .json)
        #expect(ExportFormat(fileName: "noextension") == nil)
        #expect(ExportFormat(fileName: "dir.har/file") == nil)
        #expect(ExportFormat(name: "markdown") == .markdown)
        #expect(ExportFormat(name: "curl") == .script)
        #expect(ExportFormat(name: "xml") == nil)
    }

    /// A whole flow against the simulator, with its secrets.
    static func completedFlow(
        _ change: (inout FlowConfiguration) -> Void = { _ in }
    ) async throws -> (AuthorizationCodeFlow, FlowOutcome, SimulatorHarness) {
        let harness = try await SimulatorHarness.start()
        let (flow, outcome) = await harness.run(harness.configuration(.web, change))
        return (flow, outcome, harness)
    }

    @Test func harHasEveryRequiredFieldOfHAR12() async throws {
        let (flow, outcome, harness) = try await Self.completedFlow()
        await harness.stop()
        #expect(outcome == .completed)
        let har = try JSONValue.parse(SessionExport(flow: flow).text(.har, redactor: Redactor(secrets: flow.secrets)))
        let log = try #require(har["log"])
        #expect(log["version"]?.stringValue == "1.2")
        #expect(log["creator"]?["name"]?.stringValue == "authflow")
        #expect(log["creator"]?["version"]?.stringValue != nil)
        let entries = log["entries"]?.elements ?? []
        #expect(entries.count == flow.record.count)
        for entry in entries {
            for key in ["startedDateTime", "time", "request", "response", "cache", "timings"] {
                #expect(entry[key] != nil, "entry lacks \(key)")
            }
            let started = entry["startedDateTime"]?.stringValue ?? ""
            #expect(started.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression) != nil)
            let request = try #require(entry["request"])
            for key in [
                "method", "url", "httpVersion", "cookies", "headers", "queryString", "headersSize", "bodySize",
            ] {
                #expect(request[key] != nil, "request lacks \(key)")
            }
            if request["method"]?.stringValue == "POST" {
                #expect(request["postData"]?["mimeType"]?.stringValue != nil)
                #expect(request["postData"]?["text"]?.stringValue != nil)
            }
            let response = try #require(entry["response"])
            for key in [
                "status", "statusText", "httpVersion", "cookies", "headers", "content", "redirectURL", "headersSize",
                "bodySize",
            ] {
                #expect(response[key] != nil, "response lacks \(key)")
            }
            #expect(response["content"]?["size"] != nil)
            #expect(response["content"]?["mimeType"]?.stringValue != nil)
            for key in ["send", "wait", "receive"] { #expect(entry["timings"]?[key] != nil, "timings lack \(key)") }
        }
        // The authorize redirect and the session cookie are there, the cookie's value masked.
        let authorize = try #require(entries.first)
        #expect(authorize["response"]?["status"] == .integer(302))
        #expect(authorize["response"]?["redirectURL"]?.stringValue?.isEmpty == false)
        #expect(authorize["response"]?["cookies"]?.elements?.first?["value"]?.stringValue == Redactor.mask)
        #expect(authorize["_authflow"]?["attempt"] == .integer(1))
    }

    @Test func markdownLeadsWithTheFailureAndItsCause() async throws {
        let harness = try await SimulatorHarness.start(faults: [.stateTampered])
        let (flow, outcome) = await harness.run(harness.configuration(.web))
        await harness.stop()
        guard case .failed(let step, let failure) = outcome else {
            Issue.record("the tampered state did not fail: \(outcome)")
            return
        }
        let text = MarkdownExport(redactor: Redactor(secrets: flow.secrets)).text(
            SessionExport(flow: flow, outcome: outcome))
        let lines = text.components(separatedBy: "\n")
        #expect(lines.first == "# authflow: step \(step.number) \(step.title) failed")
        #expect(lines.prefix(6).contains { $0.hasPrefix("**Failure:**") })
        if failure.likelyCause(at: step) != nil {
            #expect(lines.prefix(8).contains { $0.hasPrefix("**Likely cause:**") })
        }
        let configuration = try #require(lines.firstIndex(of: "## Configuration"))
        let steps = try #require(lines.firstIndex(of: "## Steps"))
        let exchanges = try #require(lines.firstIndex(of: "## Exchanges"))
        #expect(configuration < steps && steps < exchanges)
        // One table row per request, each with its seven columns.
        let rows = lines[steps...exchanges].filter {
            $0.hasPrefix("| ") && !$0.hasPrefix("| #") && !$0.hasPrefix("| ---")
        }
        #expect(rows.count == flow.record.count)
        #expect(lines.contains { $0.hasPrefix("| Client ID | ") })
        #expect(lines.filter { $0.hasPrefix("### ") }.count == flow.record.count)
        #expect(!text.contains(harness.configuration(.web).password ?? "-"))
    }

    @Test func markdownKeepsAServersBackticksAndPipesInside() {
        let export = MarkdownExport(redactor: .none)
        #expect(export.fenced(["a ``` b"]).first == "````http")
        #expect(export.cell("a|b") == "a\\|b")
        #expect(export.inline("x\u{1B}[2Jy") == "x\u{FFFD}\\[2Jy")
    }

    @Test func theScriptNamesSecretsAsVariablesUnlessAskedToShowThem() async throws {
        let (flow, outcome, harness) = try await Self.completedFlow()
        await harness.stop()
        let secret = try #require(flow.configuration.clientSecret)
        let password = try #require(flow.configuration.password)
        let session = SessionExport(flow: flow, outcome: outcome)
        let script = session.text(.script, redactor: Redactor(secrets: flow.secrets))
        #expect(script.hasPrefix("#!/usr/bin/env bash\n"))
        #expect(script.contains("--max-redirs 0"))
        #expect(script.contains("--cookie-jar \"$jar\""))
        #expect(script.contains("${AUTHFLOW_CLIENT_SECRET"))
        #expect(script.contains("${AUTHFLOW_PASSWORD}"))
        #expect(!script.contains(secret))
        #expect(!script.contains(password))
        let shown = session.text(.script, redactor: .none)
        #expect(shown.contains("AUTHFLOW_CLIENT_SECRET=\"${AUTHFLOW_CLIENT_SECRET:-\(secret)}\""))
    }

    /// The script runs: bash and curl replay the whole flow against a simulator and get tokens.
    @Test func theScriptReplaysTheFlowAgainstTheSimulator() async throws {
        let (flow, outcome, harness) = try await Self.completedFlow()
        #expect(outcome == .completed)
        let script = SessionExport(flow: flow, outcome: outcome).text(
            .script, redactor: Redactor(secrets: flow.secrets))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "authflow-script-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("flow.sh")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let environment = [
            "AUTHFLOW_CLIENT_SECRET": flow.configuration.clientSecret ?? "",
            "AUTHFLOW_PASSWORD": flow.configuration.password ?? "",
            "AUTHFLOW_WORK": directory.path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        let result = try await offPool { () -> (Int32, String, String) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [file.path]
            process.environment = environment
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            try process.run()
            let out = output.fileHandleForReading.readDataToEndOfFile()
            let err = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (
                process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self)
            )
        }
        await harness.stop()
        #expect(result.0 == 0, "stderr: \(result.2)\nscript:\n\(script)")
        // Each replayed request printed its status: the token request got tokens.
        let statuses = result.1.split(separator: "\n").map(String.init)
        let requests = script.split(separator: "\n").filter { $0.hasPrefix("curl ") }.count
        #expect(requests > 3 && statuses.count == requests, "\(result.1)")
        let token = statuses.first { $0.hasPrefix("4 ") }
        #expect(token?.hasSuffix(": 200") == true, "\(result.1)\nscript:\n\(script)")
        let tokenBody = try statuses.indices.first { statuses[$0].hasPrefix("4 ") }.map {
            try String(contentsOf: directory.appendingPathComponent("\($0 + 1).body"), encoding: .utf8)
        }
        #expect(tokenBody?.contains("access_token") == true)
    }
}
