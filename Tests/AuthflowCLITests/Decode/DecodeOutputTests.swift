import Foundation
import Testing

@testable import AuthflowCLI
@testable import FlowEngine

/// What `authflow decode` prints and the status it exits with.
@Suite struct DecodeOutputTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// An unsigned-looking JWS (the signature is not checked without keys) with these claims.
    static func token(_ claims: String, header: String = #"{"alg":"RS256","typ":"JWT"}"#) -> String {
        "\(Base64URL.encode(header)).\(Base64URL.encode(claims)).c2ln"
    }

    static func inspect(_ compact: String, issuer: String? = nil) -> Inspection {
        TokenInspector().inspect(compact, expecting: TokenExpectations(kind: .other, issuer: issuer, now: now))
    }

    static var good: Inspection { inspect(token(#"{"iss":"https://as.example","exp":1800003600}"#)) }
    static var expired: Inspection { inspect(token(#"{"iss":"https://as.example","exp":1700000000}"#)) }
    static var broken: Inspection { inspect("not-a-jwt") }

    @Test func theInspectionsUsedHereAreWhatTheirNamesSay() {
        #expect(Self.good.passed)
        #expect(Self.expired.isParsed && Self.expired.failures.map(\.name) == ["exp"])
        #expect(!Self.broken.isParsed)
    }

    @Test func statusFollowsTheWorstToken() {
        #expect(DecodeExitStatus([Self.good]) == .passed)
        #expect(DecodeExitStatus([Self.good, Self.expired]) == .checkFailed)
        #expect(DecodeExitStatus([Self.expired, Self.broken, Self.good]) == .unparseable)
        #expect(DecodeExitStatus([]) == .unparseable)
        #expect(
            [DecodeExitStatus.passed, .checkFailed, .unparseable, .keysUnavailable].map(\.rawValue) == [0, 1, 2, 3])
    }

    @Test func jsonCarriesTheExitCodeAndEveryToken() throws {
        let json = try JSONValue.parse(DecodeOutput.json([Self.good, Self.broken]))
        #expect(json["exit_code"] == .integer(2))
        let tokens = try #require(json["tokens"]?.elements)
        #expect(tokens.map { $0["parsed"] } == [.bool(true), .bool(false)])
        #expect(tokens[0]["claims"]?.members?.map(\.key) == ["iss", "exp"])
        #expect(try JSONValue.parse(DecodeOutput.json([Self.good]))["exit_code"] == .integer(0))
        #expect(try JSONValue.parse(DecodeOutput.json([Self.expired]))["exit_code"] == .integer(1))
    }

    @Test(arguments: [
        "\u{1b}[2J\u{1b}]0;pwned\u{07}", "safe\u{202e}txt.exe", "a\u{9b}31mb", "line\u{2028}break\u{85}",
    ])
    func jsonNeverCarriesRawControlsToTheTerminal(hostile: String) throws {
        let claims = JSONValue.object([JSONMember("name", .string(hostile)), JSONMember(hostile, .string("as a key"))])
        let inspection = Self.inspect(Self.token(claims.prettyText()), issuer: hostile)
        let json = DecodeOutput.json([inspection])
        for scalar in json.unicodeScalars where scalar != "\n" {
            let unsafe =
                scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || TerminalSafe.bidiControls.contains(scalar.value) || scalar.value == 0x2028
            #expect(!unsafe, "raw U+\(String(scalar.value, radix: 16)) in the JSON")
        }
        // Still valid JSON, and it gives the original string back.
        let parsed = try JSONValue.parse(json)
        #expect(parsed["tokens"]?.elements?.first?["claims"]?["name"] == .string(hostile))
    }

    @Test func severalTokensAreNumberedAndOneIsNot() {
        let text = DecodeOutput.text([Self.good, Self.broken])
        #expect(text.hasPrefix("── token 1 of 2 ──\n" + Self.good.text))
        #expect(text.hasSuffix("\n\n── token 2 of 2 ──\n" + Self.broken.text))
        #expect(Self.broken.text.hasPrefix("Not a JWT"))
        #expect(DecodeOutput.text([Self.good]) == Self.good.text)
        #expect(DecodeOutput.text([]) == "")
    }

    @Test func eachReportIsWrittenBeforeTheTokenAfterTheNextIsRead() {
        // Standard input that records, at each read, what had been written by then.
        let tokens = [Self.token(#"{"exp":1800003600}"#), "not-a-jwt", Self.token(#"{"exp":1700000000}"#)]
        var written: [String] = []
        var writtenAtRead: [Int] = []
        var remaining = tokens[...]
        let source = DecodeInput.Tokens(
            arguments: ["-"],
            readLine: {
                writtenAtRead.append(written.count)
                return remaining.popFirst()
            })
        let (status, count) = DecodeCommand.stream(
            source, total: nil, json: false, inspect: { Self.inspect($0) }, output: { written.append($0) })
        // One token of look-ahead: token 1's report is out when token 3 is read, and so on.
        #expect(writtenAtRead == [0, 0, 1, 2])
        #expect(count == 3)
        #expect(status == .unparseable)
        #expect(written[0].hasPrefix("── token 1 ──\n"))
        #expect(written[1].hasPrefix("\n── token 2 ──\nNot a JWT"))
    }

    @Test func streamedJSONIsOneDocumentWithEveryTokenAndTheStatusLast() throws {
        var text = ""
        var remaining = [Self.token(#"{"iss":"https://as.example","exp":1800003600}"#), "not-a-jwt"][...]
        let (status, _) = DecodeCommand.stream(
            DecodeInput.Tokens(arguments: [], readLine: { remaining.popFirst() }), total: nil, json: true,
            inspect: { Self.inspect($0) }, output: { text += $0 })
        let json = try JSONValue.parse(text)
        #expect(json.members?.map(\.key) == ["tokens", "exit_code"])
        #expect(json["exit_code"] == .integer(Int(status.rawValue)))
        #expect(json["tokens"]?.elements?.map { $0["parsed"] } == [.bool(true), .bool(false)])
        #expect(json["tokens"]?.elements?.first == Self.good.jsonValue)
        // No token at all is still a document.
        var none = ""
        _ = DecodeCommand.stream(
            DecodeInput.Tokens(arguments: [], readLine: { nil }), total: nil, json: true, inspect: { Self.inspect($0) },
            output: { none += $0 })
        #expect(try JSONValue.parse(none)["tokens"] == .array([]))
    }
}
