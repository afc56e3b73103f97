import FlowEngine
import Testing

@Suite struct JSONValueTests {
    @Test func keepsMemberOrderAndNumberLiterals() throws {
        let value = try JSONValue.parse(#"{"z":1,"a":[true,null,1.50e3],"m":{"y":"\u00e9\ud83d\ude00"}}"#)
        #expect(value.members?.map(\.key) == ["z", "a", "m"])
        #expect(value.compactText == #"{"z":1,"a":[true,null,1.50e3],"m":{"y":"é😀"}}"#)
        #expect(value["a"]?.elements?[2].doubleValue == 1500)
    }

    @Test(arguments: [
        ("", "the document is empty"),
        ("{", "expected a member name in quotes"),
        (#"{"a" 1}"#, "expected ':' after member name"),
        ("[1,]", "unexpected character ']'"),
        (#""abc"#, "unterminated string"),
        ("01", "unexpected data after the JSON value"),
        ("tru", "invalid literal, expected 'true'"),
    ])
    func rejectsMalformedJSONWithAReason(input: String, reason: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(input) }
        do {
            _ = try JSONValue.parse(input)
        } catch {
            #expect(error.reason == reason)
        }
    }

    @Test func refusesNestingDeeperThanTheLimitWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
    }

    @Test func prettyTextEscapesControlCharacters() {
        let value = JSONValue.object([JSONMember("k", .string("a\u{1B}b\n"))])
        #expect(value.prettyText() == "{\n  \"k\": \"a\\u001bb\\n\"\n}")
    }
}

@Suite struct JSONTerminalSafetyTests {
    @Test func writtenJSONEscapesEveryScalarThatCouldMoveTheTerminal() throws {
        let hostile = JSONValue.string("a\u{1B}[2J\u{9B}b\u{202E}c\u{200B}")
        #expect(hostile.compactText == #""a\u001b[2J\u009bb\u202ec\u200b""#)
        #expect(try JSONValue.parse(hostile.compactText) == hostile)
    }
}
