import FlowTUI
import Testing

@Suite("Text view")
struct TextViewTests {
    @Test func scrollsByLineAndPageAndClamps() {
        var view = TextView()
        let content = 50
        let viewport = 10
        let consumed = view.handle(.character("j"), contentHeight: content, viewportHeight: viewport)
        #expect(consumed)
        #expect(view.offset == 1)
        view.handle(.down, contentHeight: content, viewportHeight: viewport)
        #expect(view.offset == 2)
        view.handle(.pageDown, contentHeight: content, viewportHeight: viewport)
        #expect(view.offset == 11)
        view.handle(.character("G"), contentHeight: content, viewportHeight: viewport)
        #expect(view.offset == 40)
        view.handle(.character("j"), contentHeight: content, viewportHeight: viewport)
        #expect(view.offset == 40)
        view.handle(.pageUp, contentHeight: content, viewportHeight: viewport)
        #expect(view.offset == 31)
        view.handle(.character("k"), contentHeight: content, viewportHeight: viewport)
        #expect(view.offset == 30)
        view.handle(.character("g"), contentHeight: content, viewportHeight: viewport)
        #expect(view.offset == 0)
        view.handle(.up, contentHeight: content, viewportHeight: viewport)
        #expect(view.offset == 0)
    }

    @Test func contentThatFitsDoesNotScroll() {
        var view = TextView()
        view.handle(.character("G"), contentHeight: 3, viewportHeight: 10)
        view.handle(.pageDown, contentHeight: 3, viewportHeight: 10)
        #expect(view.offset == 0)
        #expect(view.position(contentHeight: 3, viewportHeight: 10) == nil)
    }

    @Test func otherKeysAreNotScrollKeys() {
        var view = TextView()
        let letter = view.handle(.character("n"), contentHeight: 50, viewportHeight: 10)
        let tab = view.handle(.tab, contentHeight: 50, viewportHeight: 10)
        #expect(!letter && !tab)
        #expect(view.offset == 0)
    }

    @Test func rendersTheVisibleWindowAndItsPosition() {
        let lines = (1...8).map { StyledLine("line \($0) of eight, long enough to be cut") }
        var view = TextView()
        view.handle(.character("G"), contentHeight: lines.count, viewportHeight: 3)
        var canvas = Canvas(columns: 16, rows: 3)
        view.render(lines, into: &canvas, in: canvas.bounds)
        #expect(
            canvas.text == """
                line 6 of eight…
                line 7 of eight…
                line 8 of eight…
                """)
        #expect(view.position(contentHeight: 8, viewportHeight: 3) == "6–8/8")
    }

    @Test func staleOffsetIsClampedWhenContentShrinks() {
        var view = TextView()
        view.handle(.character("G"), contentHeight: 100, viewportHeight: 2)
        var canvas = Canvas(columns: 5, rows: 2)
        view.render(["a", "b", "c"], into: &canvas, in: canvas.bounds)
        #expect(canvas.text == "b\nc")
    }

    @Test func wrappingUsesAHangingIndent() {
        let lines = TextView.layout(["Location: https://example.com/abc"], width: 14, wrap: true)
        #expect(lines.map(\.plainText) == ["Location:", "  https://", "  example.com/", "  abc"])
        let hard = TextView.layout(["abcdefghijklmnop"], width: 6, wrap: true)
        #expect(hard.map(\.plainText) == ["abcdef", "  ghij", "  klmn", "  op"])
    }

    @Test func wrappingPrefersBlanksAndKeepsStyles() {
        let line = StyledLine([Span("bold words ", style: .bold), Span("plain words here")])
        let lines = line.wrapped(width: 12)
        #expect(lines.map(\.plainText) == ["bold words", "plain words", "here"])
        #expect(lines[0].spans == [Span("bold words", style: .bold)])
        #expect(lines[1].spans == [Span("plain words")])
    }

    @Test func shortLinesAreNotWrapped() {
        let line = StyledLine([Span("a", style: .bold), Span("b")])
        #expect(line.wrapped(width: 2) == [line])
        #expect(StyledLine().wrapped(width: 5) == [StyledLine()])
    }

    @Test func wrappingNeverSplitsAWideGrapheme() {
        let lines = StyledLine("ab漢字").wrapped(width: 3)
        #expect(lines.map(\.plainText) == ["ab", "漢", "字"])
    }
}
