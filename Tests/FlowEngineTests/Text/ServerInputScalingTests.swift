import Foundation
import Testing

@testable import FlowEngine

/// What a server sends is handled in one pass: each test feeds about 1 MiB, a size at which a
/// quadratic path would take minutes, and checks what comes out.
@Suite struct SanitizerDecodingTests {
    @Test func eachSequenceIsDecodedAfresh() {
        // An overlong lead must not leave read-ahead bytes behind for the next sequence.
        #expect(TerminalSafe.decode([0xE0, 0x80, 0x41, 0x42, 0x43, 0x44]) == "\\xe0\\x80ABCD")
        #expect(TerminalSafe.decode([0xF0, 0x80, 0x80, 0x41, 0xC3, 0xA9]) == "\\xf0\\x80\\x80Aé")
    }

    @Test func illFormedSequencesAreShownByteForByte() {
        #expect(TerminalSafe.decode([0xC0, 0x80]) == "\\xc0\\x80")  // overlong NUL
        #expect(TerminalSafe.decode([0xED, 0xA0, 0x80]) == "\\xed\\xa0\\x80")  // a surrogate
        #expect(TerminalSafe.decode([0xF4, 0x90, 0x80, 0x80]) == "\\xf4\\x90\\x80\\x80")  // past U+10FFFF
        #expect(TerminalSafe.decode([0xE2, 0x82, 0x41]) == "\\xe2\\x82A")  // cut short
        #expect(TerminalSafe.decode([0xF0, 0x9F, 0x98, 0x80, 0xEF, 0xBF, 0xBD]) == "😀\u{FFFD}")
    }

    @Test func validTextDecodesAsItself() {
        let text = "plain, é, ☃, 😀, 中文, \u{10FFFF}"
        #expect(TerminalSafe.decode(Array(text.utf8)) == text)
    }

    @Test func aMebibyteOfMixedBytesDecodesInOnePass() {
        // 1 MiB of a pattern with valid and broken sequences; the expected text is built by hand.
        let unit: [UInt8] = [0x61, 0xE0, 0x80, 0x41, 0xC3, 0xA9, 0xFF, 0xF0, 0x9F, 0x98, 0x80]
        let repeats = 1_048_576 / unit.count
        let bytes = Array([[UInt8]](repeating: unit, count: repeats).joined())
        let decoded = TerminalSafe.decode(bytes)
        #expect(decoded == String(repeating: "a\\xe0\\x80Aé\\xff😀", count: repeats))
        #expect(TerminalSafe.line(decoded) == decoded)
    }

    @Test func aMebibyteOfControlsAndBidiIsEscapedInOnePass() {
        let text = String(repeating: "a\u{1B}\u{202E}\u{9B}é\u{200B}", count: 1_048_576 / 12)
        let line = TerminalSafe.line(text)
        #expect(line == String(repeating: "a\\x1b\\u202e\\u009bé\\u200b", count: 1_048_576 / 12))
    }
}

@Suite struct FormPostScalingTests {
    @Test func fieldsAreReadInOrderWithEntities() {
        let html = """
            <html><body><FORM method="post"><INPUT type=hidden name="code" value="a&amp;b&#39;&#x41;&quot;">
            <input data-name="no" name='state' value='s"1'><input type="submit"></form></body></html>
            """
        let fields = FormPostParser.fields(in: Array(html.utf8))
        #expect(fields == [FormParameter("code", "a&b'A\""), FormParameter("state", "s\"1")])
    }

    @Test func aPageWithoutAFormHasNoFields() {
        #expect(FormPostParser.fields(in: Array(#"<input name="code" value="x">"#.utf8)) == nil)
    }

    @Test func aMebibyteOfInputsIsReadInOnePass() {
        let tag = #"<input type="hidden" name="f" value="v">"#
        let count = 1_048_576 / tag.utf8.count + 1
        let html = "<form>" + String(repeating: tag, count: count)
        let fields = FormPostParser.fields(in: Array(html.utf8))
        // The tags past the 1 MiB cut are not read.
        #expect(fields?.count == (1_048_576 - "<form>".utf8.count) / tag.utf8.count)
        #expect(fields?.first == FormParameter("f", "v"))
    }

    @Test func aMebibyteOfUnclosedTagsAndOpenersEnds() {
        let openers = "<form>" + String(repeating: "<input", count: 1_048_576 / 6)
        #expect(FormPostParser.fields(in: Array(openers.utf8)) == nil)
        let oneTag = "<form><input " + String(repeating: "name=", count: 1_048_576 / 5) + ">"
        #expect(FormPostParser.fields(in: Array(oneTag.utf8)) == nil)
        let ampersands = #"<form><input name="n" value=""# + String(repeating: "&amp", count: 200_000) + #"">"#
        #expect(FormPostParser.fields(in: Array(ampersands.utf8))?.first?.value.count == 4 * 200_000)
    }
}

@Suite struct PrettyPrintingLimitTests {
    @Test func aLimitedTextIsThePrefixOfTheWholeText() throws {
        let json = try JSONValue.parse(Array(#"{"a":[1,{"b":[]},[2,3]],"c":{"d":"e"},"f":{}}"#.utf8))
        let whole = json.prettyText()
        let lines = whole.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(json.prettyLineCount == lines.count)
        for limit in 1...lines.count + 1 {
            #expect(json.prettyText(lineLimit: limit) == lines.prefix(limit).joined(separator: "\n"))
        }
    }

    @Test func aDeepLargeBodyStopsAtTheLineCap() throws {
        // 250 levels deep, about 200 KiB: indented in full it would be some 50 MB.
        let depth = 250
        let inner = "[" + Array(repeating: "1", count: 100_000).joined(separator: ",") + "]"
        let body = String(repeating: "[", count: depth) + inner + String(repeating: "]", count: depth)
        let json = try JSONValue.parse(Array(body.utf8))
        let text = json.prettyText(lineLimit: 4000)
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 4000)
        #expect(json.prettyLineCount == 1 + 2 * depth + 100_000 + 1)
    }

    @Test func theTranscriptCountsTheLinesItLeavesOut() throws {
        let body = Array(("[" + Array(repeating: "7", count: 200).joined(separator: ",") + "]").utf8)
        let lines = TranscriptWriter(redactor: Redactor(secrets: []), now: Date(timeIntervalSince1970: 0)).bodyLines(
            body, contentType: nil)
        #expect(lines.count == 1 + 60 + 1)
        #expect(lines.last == "… 142 more lines")
    }
}

@Suite struct SetCookieDateTests {
    static let url = URLParts("https://auth.example.com/as/resume")!

    @Test func theLastExpiresCounts() {
        let header = "ST=1; Expires=Sun, 22 Nov 2026 10:00:00 GMT; expires=Mon, 23 Nov 2026 10:00:00 GMT"
        let cookie = SetCookieParser.parse(header, from: Self.url, at: Date(timeIntervalSince1970: 0))
        #expect(cookie?.expires == HTTPDate.parse("Mon, 23 Nov 2026 10:00:00 GMT"))
        #expect(HTTPDate.format(cookie!.expires!) == "Mon, 23 Nov 2026 10:00:00 GMT")
    }

    @Test func aMebibyteOfExpiresAttributesIsOneParse() {
        let attribute = "; Expires=Sun, 22 Nov 2026 10:00:00 GMT"
        let header = "ST=1" + String(repeating: attribute, count: 1_048_576 / attribute.utf8.count)
        let cookie = SetCookieParser.parse(header, from: Self.url, at: Date(timeIntervalSince1970: 0))
        #expect(cookie?.expires == HTTPDate.parse("Sun, 22 Nov 2026 10:00:00 GMT"))
        let withMaxAge = SetCookieParser.parse(
            header + "; Max-Age=60", from: Self.url, at: Date(timeIntervalSince1970: 0))
        #expect(withMaxAge?.expires == Date(timeIntervalSince1970: 60))
    }

    @Test func aDateWithACombiningMarkIsRefusedWithoutATrap() {
        // Found by Fuzz/run.sh: Foundation's DateFormatter traps on this text.
        let text = "Su\u{33C}Sov  6 08:49:37 1994"
        #expect(HTTPDate.parse(text) == nil)
        let cookie = SetCookieParser.parse("a=b; Expires=\(text)", from: Self.url, at: Date(timeIntervalSince1970: 0))
        #expect(cookie?.expires == nil)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT\u{7F}") == nil)
    }

    @Test func manyDatesParseWithSharedFormatters() {
        // 20,000 parses: with a new formatter set per parse this took about 12 s.
        for day in 0..<20_000 {
            let text = "Sun, \(day % 28 + 1 < 10 ? "0" : "")\(day % 28 + 1) Feb 2026 10:00:00 GMT"
            #expect(HTTPDate.parse(text) != nil)
        }
        #expect(HTTPDate.parse(String(repeating: "Sun, 22 Nov 2026 ", count: 10)) == nil)
    }

    @Test func theUTCFormatterIsSafeToShare() async {
        let date = Date(timeIntervalSince1970: 1_795_000_000)
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { (0..<500).map { _ in TimeText.utc(date) }.last! } }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: "2026-11-18 11:06:40Z", count: 8))
    }
}
