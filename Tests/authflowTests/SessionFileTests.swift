import FlowEngine
import Foundation
import Testing

/// `authflow run --out FILE`: the session saved as HAR, Markdown, a script or JSON, mode 0600,
/// secrets masked unless asked, and the HAR read by a HAR reader made by others (haralyzer).
@Suite struct SessionFileTests {
    static let demoSecrets = ["2Federate!", "demo-secret-7Hq2"]

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "authflow-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test(arguments: ["session.har", "ticket.md", "replay.sh", "record.json"])
    func eachFormatIsWrittenPrivateAndMasked(name: String) async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        let result = try await AuthflowProcess.run(["run", "--demo", "--out", path])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(try Self.mode(path) == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for secret in Self.demoSecrets { #expect(!text.contains(secret), "\(name) holds \(secret)") }
        #expect(!result.standardError.contains("warning"))
        switch ExportFormat(fileName: name) {
        case .har: #expect(try JSONValue.parse(text)["log"]?["version"]?.stringValue == "1.2")
        case .markdown: #expect(text.hasPrefix("# authflow: the flow completed"))
        case .script: #expect(text.contains("${AUTHFLOW_PASSWORD}"))
        case .json: #expect(try JSONValue.parse(text)["schema_version"] == .integer(RecordExport.schemaVersion))
        case nil: Issue.record("no format for \(name)")
        }
    }

    @Test func aFailedRunStillSavesItsSessionWithTheFailureFirst() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ticket.txt").path
        let result = try await AuthflowProcess.run([
            "run", "--demo", "--fault", "stateTampered", "--out", path, "--format", "md",
        ])
        #expect(result.status == 1)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# authflow: step 3 Resume failed"))
        #expect(text.contains("**Failure:** state mismatch"))
    }

    @Test func showSecretsWritesThemWithAWarningAndAnExistingFileBecomesPrivate() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("record.json").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("old".utf8)))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let result = try await AuthflowProcess.run(["run", "--demo", "--show-secrets", "--out", path])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(try Self.mode(path) == 0o600)
        #expect(result.standardError.contains("holds secrets unmasked"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("2Federate!"))
        #expect(!text.hasPrefix("old"))
    }

    @Test func anUnknownFormatIsAUsageError() async throws {
        let bad = try await AuthflowProcess.run(["run", "--demo", "--out", "/tmp/session.txt"])
        #expect(bad.status == 64)
        #expect(bad.standardError.contains("--format"))
        let unknown = try await AuthflowProcess.run(["run", "--demo", "--out", "/tmp/s.har", "--format", "xml"])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains("unknown format 'xml'"))
        let alone = try await AuthflowProcess.run(["run", "--demo", "--format", "har"])
        #expect(alone.status == 64)
    }

    /// haralyzer (PyPI, installed by scripts/har-reader-setup.sh) loads the HAR: its pages, every
    /// entry's request and response, the timings.
    @Test func haralyzerLoadsTheHAR() async throws {
        let python = AuthflowProcess.packageRoot.appendingPathComponent(".venv-har/bin/python")
        try #require(
            FileManager.default.isExecutableFile(atPath: python.path),
            "haralyzer is not installed: run scripts/har-reader-setup.sh")
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("session.har").path
        let run = try await AuthflowProcess.run(["run", "--demo", "--then", "userinfo,refresh", "--out", path])
        #expect(run.status == 0, "stderr: \(run.standardError)")
        let reader = """
            import json, sys
            from haralyzer import HarParser, HarPage
            with open(sys.argv[1]) as f:
                data = json.load(f)
            parser = HarParser(data)
            assert parser.version == "1.2", parser.version
            assert parser.creator["name"] == "authflow"
            pages = parser.pages
            assert len(pages) == 1
            for entry in pages[0].entries:
                print(entry.request.method, entry.status, entry.response.mimeType, entry.time,
                      len(entry.request.headers), len(entry.response.headers), entry.startTime.isoformat(),
                      entry.timings["wait"], len(entry.response.text), entry.request.url)
            print("entries", len(pages[0].entries))
            """
        let process = try BackgroundProcess(python, ["-c", reader, path])
        process.closeInput()
        let status = await process.waitForExit(timeout: 60)
        #expect(status == 0, "haralyzer: \(process.standardError)")
        let lines = process.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.last == "entries 8", "\(process.standardOutput)")
        #expect(lines.first?.hasPrefix("GET 302 ") == true, "\(process.standardOutput)")
        #expect(lines.contains { $0.hasPrefix("POST 200 application/json") })
    }
}
