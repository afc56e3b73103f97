import FlowEngine
import Foundation
import PingOneSimulator
import Testing

/// Options are checked before anything is sent (exit 64 with the usage); failures while running
/// end with exit 1 and a cause, without the usage.
@Suite struct ValidationTests {
    static let base = [
        "run", "--auth-path", "http://127.0.0.1:9", "--client-id", "c", "--redirect-uri", "https://app.example.com/cb",
        "--auth-method", "NONE", "--timeout", "2",
    ]

    func expectUsageError(_ arguments: [String], mentions text: String) async throws {
        let result = try await AuthflowProcess.run(arguments)
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains(text), "\(result.standardError)")
        #expect(result.standardError.contains("Usage:"), "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
    }

    @Test(arguments: ["../x", "abc", "5caa81af-ec05-41ff-a709-c7378007a99", "5caa81af/ec05-41ff-a709-c7378007a99c"])
    func anEnvironmentIDThatIsNotAUUIDIsRefused(environmentID: String) async throws {
        try await expectUsageError(Self.base + ["--env", environmentID], mentions: "must be a UUID")
    }

    @Test func aBadEnvironmentIDIsReportedBeforeASecretIsAskedFor() async throws {
        // No secret in the environment and no terminal: the typo is what the user hears about.
        let result = try await AuthflowProcess.run([
            "run", "--env", "../x", "--client-id", "app", "--redirect-uri", "https://app.example.com/cb",
        ])
        #expect(result.status == 64, "\(result.standardError)")
        #expect(result.standardError.contains("must be a UUID"), "\(result.standardError)")
        #expect(!result.standardError.contains("Client secret"), "\(result.standardError)")
    }

    @Test(arguments: ["/callback", "app.example.com/cb", "https:///cb", "https://app.example.com/cb#x"])
    func aRedirectURIThatIsNotAbsoluteIsRefused(redirectURI: String) async throws {
        try await expectUsageError(Self.base + ["--redirect-uri", redirectURI], mentions: "Invalid redirect URI")
    }

    @Test func aBlankClientIDIsRefused() async throws {
        try await expectUsageError(Self.base + ["--client-id", "  "], mentions: "Missing client ID")
    }

    @Test func aUUIDAndAPrivateUseRedirectAreAccepted() async throws {
        // Port 9 refuses: the run gets as far as sending, so the options were accepted.
        let result = try await AuthflowProcess.run(
            Self.base + ["--env", "5CAA81AF-EC05-41FF-A709-C7378007A99C", "--redirect-uri", "com.example.app:/cb"])
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("step 1"))
    }

    @Test func anUnreachableIssuerIsARuntimeFailure() async throws {
        let result = try await AuthflowProcess.run([
            "run", "--issuer", "http://127.0.0.1:9", "--client-id", "c", "--redirect-uri", "http://127.0.0.1:8765/cb",
            "--auth-method", "NONE", "--timeout", "2",
        ])
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("cannot read http://127.0.0.1:9/.well-known/openid-configuration"))
        #expect(!result.standardError.contains("Usage:"))
    }

    @Test func aTLSFailureAtDiscoveryIsARuntimeFailure() async throws {
        // https to a server that speaks plain http: the TLS handshake fails.
        let simulator = try await PingOneSimulator.start(configuration: .demo)
        let port = simulator.baseURL.port ?? 0
        let result = try await AuthflowProcess.run([
            "run", "--issuer", "https://127.0.0.1:\(port)", "--client-id", "c", "--redirect-uri",
            "http://127.0.0.1:8765/cb", "--auth-method", "NONE", "--timeout", "5",
        ])
        await simulator.shutdown()
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("cannot read https://127.0.0.1:\(port)/.well-known/openid-configuration"))
        #expect(!result.standardError.contains("Usage:"))
    }

    @Test func aSharedKeyFileIsWarnedAboutThroughItsLink() async throws {
        let folder = try Self.temporaryFolder()
        let key = folder.appendingPathComponent("key.pem")
        try Data(Self.ecKeyPEM.utf8).write(to: key)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: key.path)
        let link = folder.appendingPathComponent("link.pem")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: key)
        var arguments = Self.base + ["--auth-method", "PRIVATE_KEY_JWT", "--key", link.path]
        let shared = try await AuthflowProcess.run(arguments)
        #expect(shared.status == 1, "\(shared.standardError)")
        #expect(shared.standardError.contains("the key file \(link.path) can be read by other users (mode 640)"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
        arguments[arguments.count - 1] = link.path
        let owned = try await AuthflowProcess.run(arguments)
        #expect(owned.status == 1, "\(owned.standardError)")
        #expect(!owned.standardError.contains("warning"))
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("authflow-validation-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A P-256 private key in PKCS #8 PEM, for PRIVATE_KEY_JWT (made for this test, used nowhere else).
    static let ecKeyPEM = """
        -----BEGIN PRIVATE KEY-----
        MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgIE8470Uz2VI1y7Sk
        TCXDwNaoWIKY06Ef7MFP4ReGmmKhRANCAASy17XZoTeKUYiUsk+qQqcpcEB9+stA
        HankpLyqzfecTLppHbjAO1nLfaqgBAQiLWHFpXwdmp9pZIo/fW3fzLPp
        -----END PRIVATE KEY-----
        """
}

/// `authflow decode` takes the HMAC secret from the environment, a file or a prompt, never a flag.
@Suite struct DecodeSecretTests {
    static let secret = "s3cr3t \" \\ é"

    static func hs256Token() -> String {
        let claims = JSONValue.object([JSONMember("sub", .string("alice")), JSONMember("exp", .number("4102444800"))])
        return ClientAssertion.signedWithSecret(claims, secret: secret)
    }

    @Test func aSecretOnTheCommandLineIsRefusedWithTheAlternatives() async throws {
        let result = try await AuthflowProcess.run(["decode", Self.hs256Token(), "--secret", Self.secret])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--secret is no longer accepted"))
        #expect(result.standardError.contains("AUTHFLOW_CLIENT_SECRET"))
        #expect(result.standardError.contains("--secret-file"))
        #expect(result.standardOutput.isEmpty)
    }

    @Test func theSecretComesFromAFile() async throws {
        let folder = try ValidationTests.temporaryFolder()
        let file = folder.appendingPathComponent("secret")
        try Data((Self.secret + "\n").utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let result = try await AuthflowProcess.run(["decode", Self.hs256Token(), "--secret-file", file.path, "--json"])
        let json = try JSONValue.parse(result.standardOutput)
        #expect(
            json["tokens"]?.elements?.first?["signature"]?["result"]?.stringValue == "verified",
            "\(result.standardOutput)")
        #expect(!result.standardError.contains("warning"))

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let shared = try await AuthflowProcess.run(["decode", Self.hs256Token(), "--secret-file", file.path])
        #expect(shared.standardError.contains("the secret file \(file.path) can be read by other users"))

        let wrong = folder.appendingPathComponent("wrong")
        try Data("other".utf8).write(to: wrong)
        let failed = try await AuthflowProcess.run(["decode", Self.hs256Token(), "--secret-file", wrong.path])
        #expect(failed.status == 1)

        let missing = try await AuthflowProcess.run(["decode", Self.hs256Token(), "--secret-file", "/nonexistent/s"])
        #expect(missing.status == 64)
        #expect(missing.standardError.contains("cannot read the file"))
    }

    @Test func theSecretComesFromTheEnvironment() async throws {
        let result = try await AuthflowProcess.run(
            ["decode", Self.hs256Token(), "--json"], environment: ["AUTHFLOW_CLIENT_SECRET": Self.secret])
        let json = try JSONValue.parse(result.standardOutput)
        #expect(
            json["tokens"]?.elements?.first?["signature"]?["result"]?.stringValue == "verified",
            "\(result.standardOutput)")
    }
}
