import Foundation
import Testing

/// The real-browser HAR fixtures (Tests/FlowEngineTests/Fixtures/BrowserHAR, recorded by
/// scripts/record-browser-hars.sh) load in a HAR reader made by others, and hold what their README
/// says they hold.
@Suite struct BrowserHARFixtureTests {
    static let directory = AuthflowProcess.packageRoot.appendingPathComponent(
        "Tests/FlowEngineTests/Fixtures/BrowserHAR")

    /// haralyzer prints one line per fixture: its name, then `METHOD STATUS PATH` for each entry on
    /// the simulator (port 9471), and the number of entries in all.
    static let reader = """
        import json, sys
        from urllib.parse import urlsplit
        from haralyzer import HarParser
        for path in sys.argv[1:]:
            with open(path) as f:
                parser = HarParser(json.load(f))
            assert parser.version == "1.2", parser.version
            entries = [entry for page in parser.pages for entry in page.entries]
            steps = []
            for entry in entries:
                url = urlsplit(entry.request.url)
                entry.startTime, entry.response.mimeType, entry.time
                if url.port == 9471:
                    steps.append(f"{entry.request.method} {entry.status} {url.path.split('/', 2)[-1]}")
            print(path.rsplit("/", 1)[-1], len(entries), "|", "; ".join(steps))
        """

    @Test func everyFixtureLoadsInHaralyzer() async throws {
        let python = AuthflowProcess.packageRoot.appendingPathComponent(".venv-har/bin/python")
        try #require(
            FileManager.default.isExecutableFile(atPath: python.path),
            "haralyzer is not installed: run scripts/har-reader-setup.sh")
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".har") }.sorted()
        #expect(
            names == [
                "good-flow-among-noise.har", "good-flow-sanitized.har", "good-flow.har", "redirect-mismatch.har",
                "token-failure.har", "wrong-password.har",
            ])
        let process = try BackgroundProcess(
            python, ["-c", Self.reader] + names.map { Self.directory.appendingPathComponent($0).path })
        process.closeInput()
        #expect(await process.waitForExit(timeout: 120) == 0, "haralyzer: \(process.standardError)")
        var lines: [String: String] = [:]
        for line in process.standardOutput.split(separator: "\n") {
            let name = String(line.prefix { $0 != " " })
            lines[name] = String(line.dropFirst(name.count + 1))
        }
        let good = try #require(lines["good-flow.har"])
        let signOn = "GET 302 as/authorize; GET 200 signon/; GET 200 flows/"
        #expect(good.contains(signOn), "\(good)")
        #expect(good.contains("POST 200 flows/"), "\(good)")
        #expect(good.contains("GET 302 as/resume"), "\(good)")
        #expect(good.contains("POST 200 as/token; GET 200 as/jwks; GET 200 as/userinfo"), "\(good)")
        let wrong = try #require(lines["wrong-password.har"])
        #expect(wrong.contains("POST 400 flows/"), "\(wrong)")
        #expect(wrong.contains("POST 200 as/token"), "\(wrong)")
        let mismatch = try #require(lines["redirect-mismatch.har"])
        #expect(mismatch.hasSuffix("GET 302 as/authorize; GET 400 signon/"), "\(mismatch)")
        let token = try #require(lines["token-failure.har"])
        #expect(token.hasSuffix("POST 400 as/token"), "\(token)")
        // The derived ones: the same sign-in; among 200 more entries for the noisy one.
        let sanitized = try #require(lines["good-flow-sanitized.har"])
        #expect(sanitized.split(separator: "|").last == good.split(separator: "|").last)
        let noisy = try #require(lines["good-flow-among-noise.har"])
        #expect(noisy.split(separator: "|").last == good.split(separator: "|").last)
        let count = { (line: String) in Int(line.prefix { $0 != " " }) ?? 0 }
        #expect(count(noisy) == count(good) + 200)
    }

    /// The sanitized copy has no cookie or Authorization left anywhere; the original has them.
    @Test func theSanitizedCopyHasNoCookies() throws {
        func headerNames(_ name: String) throws -> (names: Set<String>, cookies: Int) {
            let data = try Data(contentsOf: Self.directory.appendingPathComponent(name))
            let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let log = try #require(root["log"] as? [String: Any])
            var names = Set<String>()
            var cookies = 0
            for entry in log["entries"] as? [[String: Any]] ?? [] {
                for side in ["request", "response"] {
                    let message = entry[side] as? [String: Any] ?? [:]
                    for header in message["headers"] as? [[String: Any]] ?? [] {
                        names.insert((header["name"] as? String ?? "").lowercased())
                    }
                    cookies += (message["cookies"] as? [Any])?.count ?? 0
                }
            }
            return (names, cookies)
        }
        let original = try headerNames("good-flow.har")
        #expect(original.names.isSuperset(of: ["cookie", "set-cookie", "authorization"]))
        #expect(original.cookies > 0)
        let sanitized = try headerNames("good-flow-sanitized.har")
        #expect(sanitized.names.isDisjoint(with: ["cookie", "set-cookie", "authorization"]))
        #expect(sanitized.cookies == 0)
    }
}
