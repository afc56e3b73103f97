import Testing

@testable import FlowTUI

@Suite("Canvas")
struct CanvasTests {
    @Test func blankCanvasIsSpaces() {
        let canvas = Canvas(columns: 3, rows: 2)
        #expect(canvas.row(0) == "   ")
        #expect(canvas.text == "\n")
    }

    @Test func wideGraphemeTakesTwoCellsWithAContinuation() {
        var canvas = Canvas(columns: 6, rows: 1)
        let drawn = canvas.draw("a漢b", x: 0, y: 0)
        #expect(drawn == 4)
        #expect(canvas[x: 1, y: 0].grapheme == "漢")
        #expect(canvas[x: 1, y: 0].width == 2)
        #expect(canvas[x: 2, y: 0].isContinuation)
        #expect(canvas[x: 3, y: 0].grapheme == "b")
        #expect(canvas.row(0) == "a漢b  ")
    }

    @Test func wideGraphemeThatWouldOverhangTheEdgeIsNotDrawn() {
        var canvas = Canvas(columns: 3, rows: 1)
        let drawn = canvas.draw("ab😀", x: 0, y: 0)
        #expect(drawn == 2)
        #expect(canvas.row(0) == "ab ")
        #expect(!canvas[x: 2, y: 0].isContinuation)
        #expect(canvas.put("😀", x: 2, y: 0) == 1)
        #expect(canvas.row(0) == "ab ")
    }

    @Test func overwritingHalfAWideGraphemeBlanksTheOtherHalf() {
        var canvas = Canvas(columns: 4, rows: 1)
        canvas.draw("漢字", x: 0, y: 0)
        canvas.put("x", x: 1, y: 0)  // the right half of 漢
        #expect(canvas.row(0) == " x字")
        canvas.put("y", x: 2, y: 0)  // the left half of 字
        #expect(canvas.row(0) == " xy ")
        #expect((0..<4).allSatisfy { !canvas[x: $0, y: 0].isContinuation })
    }

    @Test func wideOverWideAtAnOffsetLeavesNoOrphan() {
        var canvas = Canvas(columns: 5, rows: 1)
        canvas.draw("漢字", x: 0, y: 0)
        canvas.put("😀", x: 1, y: 0)
        #expect(canvas.row(0) == " 😀  ")
        #expect(DisplayWidth.of(canvas.row(0)) == 5)
    }

    @Test func textIsClippedToTheWidthAndTheEdge() {
        var canvas = Canvas(columns: 8, rows: 2)
        #expect(canvas.draw("hello world", x: 0, y: 0, width: 5) == 5)
        #expect(canvas.draw("hello world", x: 4, y: 1) == 4)
        #expect(canvas.text == "hello\n    hell")
    }

    @Test func ellipsisMarksCutText() {
        var canvas = Canvas(columns: 10, rows: 3)
        canvas.draw("hello world", x: 0, y: 0, width: 6, ellipsis: true)
        canvas.draw("short", x: 0, y: 1, width: 6, ellipsis: true)
        canvas.draw("漢字漢字", x: 0, y: 2, width: 6, ellipsis: true)
        #expect(canvas.text == "hello…\nshort\n漢字…")
    }

    @Test func drawingOutsideTheCanvasIsIgnored() {
        var canvas = Canvas(columns: 4, rows: 2)
        #expect(canvas.draw("abc", x: 0, y: 5) == 0)
        #expect(canvas.draw("abc", x: 0, y: -1) == 0)
        #expect(canvas.put("x", x: -1, y: 0) == 0)
        canvas.draw("abcdef", x: -2, y: 0)
        canvas.fill(Rect(x: -3, y: -3, width: 100, height: 1))
        #expect(canvas.text == "cdef\n")
        #expect(canvas[x: 99, y: 99] == .blank)
    }

    @Test func fillingCutsWideGraphemesAtItsEdgesCleanly() {
        var canvas = Canvas(columns: 8, rows: 2)
        canvas.draw("漢字漢字", x: 0, y: 0)
        canvas.draw("漢字漢字", x: 0, y: 1)
        // Columns 1…4: the first 漢 loses its right half, the second 漢 its left half.
        canvas.fill(Rect(x: 1, y: 0, width: 4, height: 1), with: "x")
        #expect(canvas.row(0) == " xxxx 字")
        #expect(!canvas[x: 5, y: 0].isContinuation)
        canvas.fill(Rect(x: 0, y: 1, width: 8, height: 1), with: "字")
        #expect(canvas.row(1) == "字字字字")
        canvas.fill(Rect(x: 0, y: 1, width: 3, height: 1), with: "\u{1B}", style: .bold)
        #expect(canvas.row(1) == "\u{FFFD}\u{FFFD}\u{FFFD} 字字")
        #expect(canvas[x: 2, y: 1].style.isBold)
    }

    @Test func zeroAndNegativeSizesAreEmpty() {
        var canvas = Canvas(columns: -3, rows: 0)
        canvas.draw("x", x: 0, y: 0)
        canvas.drawBox(Rect(x: 0, y: 0, width: 5, height: 5))
        #expect(canvas.size == Size(columns: 0, rows: 0))
        #expect(canvas.text == "")
    }

    @Test func controlCharactersAndBidiOverridesNeverReachACell() {
        var canvas = Canvas(columns: 20, rows: 1)
        canvas.draw("a\u{1B}[31mb\u{7}\u{202E}c\u{9B}\r\n", x: 0, y: 0)
        let row = canvas.row(0)
        #expect(row.hasPrefix("a\u{FFFD}[31mb\u{FFFD}\u{FFFD}c\u{FFFD}\u{FFFD}"))
        #expect(!row.unicodeScalars.contains { Cell.isUnsafe($0) })
    }

    @Test func loneCombiningMarkSitsOnADottedCircle() {
        var canvas = Canvas(columns: 3, rows: 1)
        canvas.draw("\u{301}x", x: 0, y: 0)
        #expect(canvas[x: 0, y: 0].grapheme == "\u{25CC}\u{301}")
        #expect(canvas[x: 1, y: 0].grapheme == "x")
    }

    @Test func stylesArePerCell() {
        var canvas = Canvas(columns: 4, rows: 1)
        canvas.draw(StyledLine([Span("a", style: .bold), Span("b", style: .color(.red))]), x: 0, y: 0)
        #expect(canvas[x: 0, y: 0].style == .bold)
        #expect(canvas[x: 1, y: 0].style.foreground == .red)
        canvas.applyStyle({ $0.reverse() }, in: Rect(x: 0, y: 0, width: 1, height: 1))
        #expect(canvas[x: 0, y: 0].style == Style(isBold: true, isReverse: true))
        #expect(canvas[x: 0, y: 0].grapheme == "a")
    }
}
