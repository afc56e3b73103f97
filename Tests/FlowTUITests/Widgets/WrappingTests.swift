import FlowTUI
import Testing

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
