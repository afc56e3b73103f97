import FlowEngine
import Foundation
import TestSupport
import Testing

/// `authflow run` as a user runs it: the real binary against the embedded simulator.
@Suite struct RunCommandTests {
    @Test func theDemoPrintsAllStepsAndExitsZero() async throws {
        let result = try await AuthflowProcess.run(["run", "--demo"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let out = result.standardOutput
        #expect(out.contains("── 1 Authorize"))
        #expect(out.contains("< HTTP/1.1 302 Found"))
        #expect(out.contains("Set-Cookie: ST=••••••"))
        #expect(out.contains("flow status     COMPLETED"))
        #expect(out.contains("state           ✓ matches the one sent"))
        #expect(out.contains("── 4 Token"))
        #expect(out.contains("< HTTP/1.1 200 OK"))
        #expect(out.contains("id_token:"))
        #expect(out.contains("(2026") || out.contains("(20"))
        #expect(out.contains("✓ tokens received: access_token, id_token, refresh_token"))
        // Secrets never appear: the demo password and client secret.
        #expect(!out.contains(Demo.password))
        #expect(!out.contains(Demo.webAppSecret))
    }

    @Test func theDemoRunsAsACustomDomain() async throws {
        let result = try await AuthflowProcess.run(["run", "--demo", "--custom-domain", "--json"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let json = try JSONValue.parse(result.standardOutput)
        #expect(json["outcome"]?.stringValue == "completed")
        let urls = json["steps"]?.elements?.compactMap { $0["request"]?["url"]?.stringValue } ?? []
        #expect(urls.count == 6)
        #expect(urls.allSatisfy { !$0.contains(Demo.environmentID) })
        #expect(urls.first?.contains("/as/authorize?") == true)
    }

    @Test func jsonGivesTheSameRecord() async throws {
        let result = try await AuthflowProcess.run(["run", "--demo", "--json", "--demo-app", "spa", "--post"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let json = try JSONValue.parse(result.standardOutput)
        #expect(json["outcome"]?.stringValue == "completed")
        #expect(
            json["steps"]?.elements?.compactMap { $0["step"]?.stringValue } == [
                "authorize", "signOn", "signOn", "resume", "token", "inspect",
            ])
        let authorize = try #require(json["steps"]?.elements?.first)
        #expect(authorize["request"]?["method"]?.stringValue == "POST")
        #expect(authorize["decoded"]?["cookies_set"]?.elements?.first?["value"]?.stringValue == Redactor.mask)
        let resume = try #require(json["steps"]?.elements?[3])
        #expect(resume["decoded"]?["state"]?["matches"] == .bool(true))
        #expect(!result.standardOutput.contains(Demo.password))
        // The record's shape is versioned, and each request names its action in a stable form.
        #expect(json["schema_version"] == .integer(RecordExport.schemaVersion))
        #expect(
            json["steps"]?.elements?.compactMap { $0["action_kind"]?.stringValue } == [
                "authorize.post", "flow.read", "flow.check_credentials", "resume", "token.authorization_code", "jwks",
            ])
    }

    @Test func followUpResultsAreDataInTheRecord() async throws {
        let result = try await AuthflowProcess.run([
            "run", "--demo", "--json", "--then", "introspect,refresh,revoke,signoff",
        ])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let json = try JSONValue.parse(result.standardOutput)
        let steps = json["steps"]?.elements ?? []
        #expect(
            steps.compactMap { $0["decoded"]?["result_kind"]?.stringValue } == [
                "introspected.active", "refreshed.rotated", "revoked.refresh_token", "signed_off.session_cleared",
            ])
        #expect(
            steps.suffix(4).compactMap { $0["decoded"]?["note"]?.stringValue }
                == [
                    StepResult.introspected(active: true), .refreshed(rotated: true), .revoked(.refreshToken),
                    .signedOff(sessionCleared: true),
                ].map(\.description))
    }

    @Test func aFailureExitsOneWithAOneLineCause() async throws {
        let result = try await AuthflowProcess.run(["run", "--demo", "--fault", "stateTampered"])
        #expect(result.status == 1)
        let last = result.standardError.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("authflow: step 3 Resume failed: state mismatch"))
        #expect(result.standardOutput.contains("✗ sent"))
    }

    @Test func missingSettingsAreAClearUsageError() async throws {
        let result = try await AuthflowProcess.run(["run", "--env", Demo.environmentID])
        #expect(result.status == 64)
        #expect(result.standardError.contains("Missing client ID"))
    }

    @Test func aSecretIsNeverTakenWithoutATerminalOrEnvironment() async throws {
        let result = try await AuthflowProcess.run([
            "run", "--client-id", "c", "--redirect-uri", "https://app.example.com/cb",
        ])
        #expect(result.status == 64)
        #expect(result.standardError.contains("AUTHFLOW_CLIENT_SECRET"))
    }
}
