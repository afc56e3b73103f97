import ArgumentParser
import Testing

@testable import AuthflowCLI

/// `authflow decode`'s arguments: parsed and refused in process, as the binary would.
@Suite struct DecodeCommandTests {
    /// The message ArgumentParser prints for arguments that `decode` refuses, and its exit code.
    func refusal(_ arguments: [String]) -> (message: String, exitCode: Int32)? {
        do {
            _ = try DecodeCommand.parse(arguments)
            return nil
        } catch {
            return (DecodeCommand.message(for: error), DecodeCommand.exitCode(for: error).rawValue)
        }
    }

    @Test func tokensAndExpectationsAreRead() throws {
        let command = try DecodeCommand.parse([
            "a.b.c", "d.e.f", "--issuer", "https://as.example", "--audience", "api", "--client-id", "app",
            "--nonce", "n-1", "--max-age", "600", "--acr-values", "Single_Factor Multi_Factor", "--kind", "id_token",
            "--skew", "0", "--json",
        ])
        #expect(command.tokens == ["a.b.c", "d.e.f"])
        #expect(command.issuer == "https://as.example")
        #expect(command.audience == "api")
        #expect(command.clientID == "app")
        #expect(command.nonce == "n-1")
        #expect(command.maxAge == 600)
        #expect(command.acrValues == "Single_Factor Multi_Factor")
        #expect(command.kind == "id_token")
        #expect(command.skew == 0)
        #expect(command.json)
    }

    @Test func defaultsAllowAMinuteOfSkewAndPrintText() throws {
        let command = try DecodeCommand.parse([])
        #expect(command.tokens.isEmpty)
        #expect(command.skew == 60)
        #expect(!command.json)
        #expect(command.jwks == nil && command.secretFile == nil)
    }

    @Test func aSecretOnTheCommandLineIsRefusedWithTheWaysThatWork() throws {
        let refused = try #require(refusal(["--secret", "s3cret"]))
        #expect(refused.exitCode == ExitCode.validationFailure.rawValue)
        #expect(refused.message.contains("--secret is no longer accepted"))
        #expect(refused.message.contains("AUTHFLOW_CLIENT_SECRET"))
        #expect(refused.message.contains("--secret-file"))
        #expect(!refused.message.contains("s3cret"))
    }

    @Test(arguments: [
        (["--skew=-1"], "--skew must be zero or more seconds"),
        (["--max-age=-5"], "--max-age must be zero or more seconds"),
        (["--kind", "refresh_token"], "--kind must be one of id_token, access_token, jwt"),
        (["--server-date", "yesterday"], "--server-date: "),
    ])
    func badValuesAreRefusedByName(arguments: [String], message: String) throws {
        let refused = try #require(refusal(arguments))
        #expect(refused.exitCode == ExitCode.validationFailure.rawValue)
        #expect(refused.message.contains(message), "\(refused.message)")
    }

    @Test func anHTTPDateIsAccepted() throws {
        let command = try DecodeCommand.parse(["--server-date", "Sun, 06 Nov 1994 08:49:37 GMT"])
        #expect(command.serverDate == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test func aNonNumericMaxAgeIsRefused() throws {
        let refused = try #require(refusal(["--max-age", "ten"]))
        #expect(refused.exitCode == ExitCode.validationFailure.rawValue)
        #expect(refused.message.contains("--max-age"), "\(refused.message)")
    }
}
