import FlowEngine
import Testing

@testable import FlowTUI

@Suite("Wrapping")
struct WrappingTests {
    /// A symbol in one span and the variation selector that makes it a wide emoji in the next.
    static let joined = StyledLine([Span("aaa☂"), Span("\u{FE0F}bbb ccc ddd")])

    @Test func aVariationSelectorStartingASpanDoesNotWidenAWrappedLine() {
        for width in 2...12 {
            let pieces = Self.joined.wrapped(width: width, indent: 1)
            for piece in pieces { #expect(piece.width <= width, "width \(width): \(piece.plainText)") }
            #expect(
                pieces.map(\.plainText).joined().filter { $0 != " " } == "aaa☂\u{FE0F}bbbcccddd".filter { $0 != " " })
        }
    }

    @Test func theTableAndTheViewKeepTheirWidth() {
        let table = KeyValueTable([.init("k", Self.joined)])
        for line in table.lines(width: 8) { #expect(line.width <= 8) }
        for line in TextView.layout([Self.joined], width: 5, wrap: true) { #expect(line.width <= 5) }
    }

    @Test func aMebibyteLineWrapsInOnePass() {
        let words = String(repeating: "token/part&x=1 ", count: 1_048_576 / 15)
        let pieces = StyledLine([Span(words), Span("\u{FE0F}" + words, style: .bold)]).wrapped(width: 80, indent: 2)
        #expect(pieces.count > 13_000)
        #expect(pieces.allSatisfy { $0.width <= 80 })
        let unbroken = StyledLine(String(repeating: "中", count: 1_048_576 / 3))
        let rows = unbroken.wrapped(width: 81)
        #expect(rows.count == (1_048_576 / 3 + 39) / 40)
        #expect(rows.allSatisfy { $0.width == 80 || $0 == rows.last })
    }
}

@Suite("Response bodies")
struct ResponseBodyLimitTests {
    @Test func aDeepBodyIsIndentedOnlyUpToTheLineLimit() {
        // About 200 KiB nested 250 deep: indented in full, some 50 MB.
        let depth = 250
        let inner = "[" + Array(repeating: "1", count: 100_000).joined(separator: ",") + "]"
        let body = String(repeating: "[", count: depth) + inner + String(repeating: "]", count: depth)
        let lines = SafeText(redactor: Redactor(secrets: [])).body(Array(body.utf8))
        #expect(lines.count == SafeText.bodyLineLimit + 1)
        #expect(lines.last == "… \(1 + 2 * depth + 100_000 + 1 - SafeText.bodyLineLimit) more lines not shown")
        #expect(lines[depth + 1] == String(repeating: " ", count: 2 * (depth + 1)) + "1,")
    }

    @Test func aSmallBodyIsShownWhole() {
        let lines = SafeText(redactor: Redactor(secrets: [])).body(Array(#"{"a":[1,2]}"#.utf8))
        #expect(lines == ["{", "  \"a\": [", "    1,", "    2", "  ]", "}"])
    }
}
