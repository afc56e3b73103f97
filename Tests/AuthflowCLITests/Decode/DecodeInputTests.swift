import FlowEngine
import Testing

@testable import AuthflowCLI

/// How `authflow decode` reads its tokens and secret.
@Suite struct DecodeInputTests {
    /// The tokens `decode` reads, with standard input given as these lines.
    static func tokens(_ arguments: [String], input lines: [String]?) -> [String] {
        var remaining = (lines ?? [])[...]
        return Array(DecodeInput.Tokens(arguments: arguments, readLine: { remaining.popFirst() }))
    }

    @Test func argumentsWinOverStandardInput() {
        #expect(Self.tokens(["a.b.c"], input: ["d.e.f"]) == ["a.b.c"])
        #expect(DecodeInput.Tokens.count(arguments: ["a.b.c", " ", "Bearer d.e.f"]) == 2)
    }

    @Test func standardInputIsOneTokenPerLine() {
        let lines = ["a.b.c\r", "", "  Bearer d.e.f  ", "\t", "bearer g.h.i"]
        #expect(Self.tokens([], input: lines) == ["a.b.c", "d.e.f", "g.h.i"])
        #expect(Self.tokens([], input: nil) == [])
        #expect(Self.tokens([], input: ["", ""]) == [])
        #expect(DecodeInput.Tokens.count(arguments: []) == nil)
    }

    @Test func aDashReadsStandardInputWhereItStands() {
        #expect(Self.tokens(["-"], input: ["d.e.f", "g.h.i"]) == ["d.e.f", "g.h.i"])
        #expect(Self.tokens(["a.b.c", "-", "x.y.z"], input: ["d.e.f"]) == ["a.b.c", "d.e.f", "x.y.z"])
        // The count is not known before standard input is read.
        #expect(DecodeInput.Tokens.count(arguments: ["a.b.c", "-"]) == nil)
    }

    @Test func standardInputIsReadOnlyAsTokensAreTaken() {
        var reads = 0
        var tokens = DecodeInput.Tokens(
            arguments: ["-"],
            readLine: {
                reads += 1
                return reads <= 3 ? "t.\(reads).x" : nil
            })
        #expect(tokens.next() == "t.1.x")
        #expect(reads == 1)
        #expect(tokens.next() == "t.2.x")
        #expect(reads == 2)
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
