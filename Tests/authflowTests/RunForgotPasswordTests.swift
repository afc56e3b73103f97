import FlowEngine
import Foundation
import Testing

/// `authflow run --demo --forgot-password`: password.forgot, RECOVERY_CODE_REQUIRED, password.recover,
/// the code and the new password from the environment and masked in every output.
@Suite struct RunForgotPasswordTests {
    @Test func theDemoUserRecoversThePasswordFromTheEnvironment() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("authflow-forgot-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let har = directory.appendingPathComponent("recovery.har").path
        let result = try await AuthflowProcess.run(
            ["run", "--demo", "--forgot-password", "--json", "--out", har],
            environment: ["AUTHFLOW_RECOVERY_CODE": "362918", "AUTHFLOW_NEW_PASSWORD": "Recovered-9876"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let json = try JSONValue.parse(result.standardOutput)
        #expect(
            json["steps"]?.elements?.compactMap { $0["action_kind"]?.stringValue } == [
                "authorize.get", "flow.read", "flow.forgot_password", "flow.recover_password", "resume",
                "token.authorization_code", "jwks",
            ])
        #expect(!result.standardOutput.contains("362918"))
        #expect(!result.standardOutput.contains("Recovered-9876"))
        let saved = try String(contentsOfFile: har, encoding: .utf8)
        #expect(saved.contains("password.recover"))
        #expect(!saved.contains("362918"))
        #expect(!saved.contains("Recovered-9876"))
    }

    @Test func aWrongCodeFailsWithItsCause() async throws {
        let result = try await AuthflowProcess.run(
            ["run", "--demo", "--forgot-password"],
            environment: ["AUTHFLOW_RECOVERY_CODE": "000000", "AUTHFLOW_NEW_PASSWORD": "Recovered-9876"])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("Forgot password: ask for a recovery code"))
        #expect(result.standardOutput.contains("RECOVERY_CODE_REQUIRED"))
        #expect(result.standardError.contains("recovery code is wrong or expired"))
        #expect(!result.standardOutput.contains("000000"))
    }

    @Test func withoutACodeOrATerminalTheRunNamesTheVariable() async throws {
        let result = try await AuthflowProcess.run(["run", "--demo", "--forgot-password"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("AUTHFLOW_RECOVERY_CODE"))
    }
}
