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

    @Test func stringsWithAndWithoutEscapesReadTheSame() throws {
        let value = try JSONValue.parse(
            #"{"plain":"https://as.example/a","quote":"a\"b","tab":"x\ty","accent":"caf\u00e9","raw":"café 😀"}"#)
        #expect(value["plain"] == .string("https://as.example/a"))
        #expect(value["quote"] == .string("a\"b"))
        #expect(value["tab"] == .string("x\ty"))
        #expect(value["accent"] == .string("café"))
        #expect(value["raw"] == .string("café 😀"))
        // Invalid UTF-8 inside a string is repaired, with or without an escape in it.
        #expect(try JSONValue.parse([0x22, 0x61, 0xFF, 0x62, 0x22]) == .string("a\u{FFFD}b"))
        #expect(try JSONValue.parse([0x22, 0xFF, 0x5C, 0x6E, 0x22]) == .string("\u{FFFD}\n"))
    }

    @Test func aRawControlInAStringIsRefusedWhereItIs() {
        do {
            _ = try JSONValue.parse("{\"k\":\"ab\u{01}\"}")
            Issue.record("a raw control character was accepted")
        } catch {
            #expect(error.reason == "unescaped control character in string")
            #expect(error.offset == 8)
        }
    }

    @Test func stringsAreWrittenWholeOrEscapedAsNeeded() {
        #expect(JSONValue.string("https://as.example/a b").compactText == #""https://as.example/a b""#)
        #expect(JSONValue.string(#"a"b\c"#).compactText == #""a\"b\\c""#)
        #expect(JSONValue.string("caf\u{E9}\u{7F}").compactText == #""café\u007f""#)
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
