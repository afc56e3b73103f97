import FlowEngine
import Testing

@testable import AuthflowCLI

/// How `authflow decode` reads its tokens and secret.
@Suite struct DecodeInputTests {
    @Test func argumentsWinOverStandardInput() {
        #expect(DecodeInput.tokens(arguments: ["a.b.c"], standardInput: "d.e.f\n") == ["a.b.c"])
    }

    @Test func standardInputIsOneTokenPerLine() {
        let input = "a.b.c\r\n\n  Bearer d.e.f  \n\t\nbearer g.h.i"
        #expect(DecodeInput.tokens(arguments: [], standardInput: input) == ["a.b.c", "d.e.f", "g.h.i"])
        #expect(DecodeInput.tokens(arguments: [], standardInput: nil) == [])
        #expect(DecodeInput.tokens(arguments: [], standardInput: "\n\n") == [])
    }

    @Test func secretComesFromTheFileThenTheEnvironment() {
        let environment = [DecodeInput.secretVariable: "from-env"]
        #expect(DecodeInput.clientSecret(fileContents: "from-file\n", environment: environment) == "from-file")
        #expect(DecodeInput.clientSecret(fileContents: "a b\r\n", environment: [:]) == "a b")
        #expect(DecodeInput.clientSecret(fileContents: " kept \n\n", environment: [:]) == " kept \n")
        #expect(DecodeInput.clientSecret(fileContents: nil, environment: environment) == "from-env")
        #expect(DecodeInput.clientSecret(fileContents: "\n", environment: environment) == "from-env")
        #expect(DecodeInput.clientSecret(fileContents: "", environment: [:]) == nil)
        #expect(DecodeInput.clientSecret(fileContents: nil, environment: [DecodeInput.secretVariable: ""]) == nil)
    }

    @Test func onlyHMACTokensNeedTheSecret() {
        let hs = "eyJhbGciOiJIUzI1NiJ9.e30.c2ln"  // {"alg":"HS256"}.{}
        let rs = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln"  // {"alg":"RS256"}.{}
        #expect(DecodeInput.needsClientSecret([rs, hs]))
        #expect(!DecodeInput.needsClientSecret([rs, "garbage"]))
    }
}
