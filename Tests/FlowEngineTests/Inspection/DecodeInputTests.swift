import Testing

@testable import FlowEngine

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

    @Test func secretComesFromTheOptionThenTheEnvironment() {
        let environment = [DecodeInput.secretVariable: "from-env"]
        #expect(DecodeInput.clientSecret(option: "from-option", environment: environment) == "from-option")
        #expect(DecodeInput.clientSecret(option: nil, environment: environment) == "from-env")
        #expect(DecodeInput.clientSecret(option: "", environment: [:]) == nil)
        #expect(DecodeInput.clientSecret(option: nil, environment: [DecodeInput.secretVariable: ""]) == nil)
    }

    @Test func acrValuesAreSpaceSeparated() {
        #expect(DecodeInput.acrValues("Single_Factor  Multi_Factor") == ["Single_Factor", "Multi_Factor"])
        #expect(DecodeInput.acrValues(nil) == [])
    }
}
