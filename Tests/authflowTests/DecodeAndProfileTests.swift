import FlowEngine
import Foundation
import TestSupport
import Testing

/// `authflow decode` and `--profile` as a user runs them.
@Suite struct DecodeAndProfileTests {
    static let vectors = Vectors.directory

    func vectorToken(_ key: String) throws -> String {
        let file = try JSONValue.parse(
            Array(Data(contentsOf: Self.vectors.appendingPathComponent("rs256-test-jwt.json"))))
        return try #require(file[key]?.stringValue)
    }

    @Test func decodeExitsZeroWhenEveryCheckPasses() async throws {
        let result = try await AuthflowProcess.run([
            "decode", try vectorToken("valid_until_2100"), "--jwks",
            Self.vectors.appendingPathComponent("rs256-test-jwks.json").path,
            "--issuer", "http://127.0.0.1:9400", "--audience", "debugger-client", "--nonce", "n-0S6_WzA2Mj",
            "--access-token", "D8bzF0uyJu5xTuvcfIe0ABIbfGJQZcA6M8jwtTWh01",
        ])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("signature"))
    }

    @Test func decodeExitsOneOnAFailedCheckAndTwoOnGarbage() async throws {
        let expired = try await AuthflowProcess.run([
            "decode", try vectorToken("expired_at_1700000600"), "--jwks",
            Self.vectors.appendingPathComponent("rs256-test-jwks.json").path,
        ])
        #expect(expired.status == 1)
        #expect(expired.standardOutput.contains("exp"))
        let garbage = try await AuthflowProcess.run(["decode", "not-a-token"])
        #expect(garbage.status == 2)
    }

    @Test func decodeOfStandardInputWritesEachReportBeforeTheInputEnds() async throws {
        // `-` reads standard input; the first token's report comes out while input is still open.
        let decode = try BackgroundProcess(
            AuthflowProcess.binary,
            [
                "decode", "--jwks", Self.vectors.appendingPathComponent("rs256-test-jwks.json").path,
                "--issuer", "http://127.0.0.1:9400", "-",
            ])
        defer { decode.stop() }
        decode.type(try vectorToken("valid_until_2100"))
        decode.type(try vectorToken("expired_at_1700000600"))
        let first = await decode.waitFor("── token 1 ──", inErrors: false, timeout: 30)
        #expect(first, "no report before standard input closed: \(decode.standardOutput)\(decode.standardError)")
        #expect(decode.process.isRunning, "decode ended before its input did")
        decode.closeInput()
        let status = await decode.waitForExit(timeout: 30)
        #expect(status == 1, "the second token has expired")
        #expect(decode.standardOutput.contains("── token 2 ──"))
    }

    @Test func aProfileSuppliesTheSettingsAndFlagsOverrideIt() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("authflow-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: home.appendingPathComponent("authflow"), withIntermediateDirectories: true)
        let file = home.appendingPathComponent("authflow/profiles.json")
        try Data(
            #"{"profiles":{"lab":{"authPath":"http://127.0.0.1:9","environmentId":"\#(Demo.environmentID)","clientId":"from-profile","redirectUri":"http://127.0.0.1/cb","tokenEndpointAuthMethod":"NONE"}}}"#
                .utf8
        ).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let result = try await AuthflowProcess.run(
            ["run", "--profile", "lab", "--client-id", "from-flag", "--json", "--timeout", "2"],
            environment: ["XDG_CONFIG_HOME": home.path])
        // Port 9 (discard) refuses: the run fails at authorize, having used the profile's host and the flag's client.
        #expect(result.status == 1)
        #expect(result.standardError.contains("can be read by other users"))
        let json = try JSONValue.parse(result.standardOutput)
        #expect(json["configuration"]?["client_id"]?.stringValue == "from-flag")
        #expect(json["configuration"]?["auth_base_url"]?.stringValue == "http://127.0.0.1:9")
    }
}
