import Testing

@testable import FlowTUI

@Suite("Boxes and splits")
struct BoxTests {
    @Test func boxWithTitle() {
        var canvas = Canvas(columns: 12, rows: 3)
        canvas.drawBox(canvas.bounds, title: "Title")
        #expect(
            canvas.text == """
                ┌ Title ───┐
                │          │
                └──────────┘
                """)
    }

    @Test func longTitleIsCutInsideTheBorder() {
        var canvas = Canvas(columns: 10, rows: 2)
        canvas.drawBox(canvas.bounds, title: "A long title")
        #expect(canvas.row(0) == "┌ A lon… ┐")
    }

    @Test func dividersJoinTheBorderAndEachOther() {
        var canvas = Canvas(columns: 11, rows: 5)
        let box = canvas.bounds
        canvas.drawBox(box)
        canvas.drawVerticalDivider(x: 5, in: box)
        canvas.drawHorizontalDivider(y: 2, in: box)
        #expect(
            canvas.text == """
                ┌────┬────┐
                │    │    │
                ├────┼────┤
                │    │    │
                └────┴────┘
                """)
    }

    @Test func wideTextInsideABoxKeepsTheBorderAligned() {
        var canvas = Canvas(columns: 10, rows: 4)
        canvas.drawBox(canvas.bounds)
        let inner = canvas.bounds.inset(by: 1)
        canvas.draw("東京タワー", x: inner.x, y: inner.y, width: inner.width)
        canvas.draw("🚀🚀🚀🚀🚀", x: inner.x, y: inner.y + 1, width: inner.width)
        for y in 0..<canvas.size.rows {
            #expect(DisplayWidth.of(canvas.row(y)) == 10, "row \(y): \(canvas.row(y))")
            #expect(canvas.row(y).hasSuffix("┐") || canvas.row(y).hasSuffix("│") || canvas.row(y).hasSuffix("┘"))
        }
        #expect(canvas.row(1) == "│東京タワ│")
        #expect(canvas.row(2) == "│🚀🚀🚀🚀│")
    }

    @Test func boxArmsRoundTrip() {
        for glyph in ["─", "│", "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼"] {
            #expect(BoxArms(glyph: glyph).map { String($0.glyph) } == glyph)
        }
        #expect(BoxArms(glyph: "x") == nil)
        #expect(BoxArms(glyph: "──") == nil)
        #expect(BoxArms(glyph: "") == nil)
        // Lone arms and no arms are drawn as whole lines.
        #expect(
            [BoxArms.up.glyph, BoxArms.down.glyph, BoxArms.left.glyph, BoxArms.right.glyph, BoxArms().glyph] == [
                "│", "│", "─", "─", "─",
            ])
    }

    @Test func splitTilesTheRectangle() {
        let rect = Rect(x: 2, y: 1, width: 100, height: 30)
        let parts = rect.split(.horizontal, [.fixed(18), .fill(1), .fill(1)])
        #expect(parts.map(\.width) == [18, 41, 41])
        #expect(parts.map(\.x) == [2, 20, 61])
        #expect(parts.allSatisfy { $0.height == 30 && $0.y == 1 })

        let rows = rect.split(.vertical, [.percent(50), .fill(1)])
        #expect(rows.map(\.height) == [15, 15])
        #expect(rows[1].y == 16)

        let odd = Rect(x: 0, y: 0, width: 7, height: 1).split(.horizontal, [.fill(1), .fill(1)])
        #expect(odd.map(\.width) == [3, 4])
    }

    @Test func splitNeverOverflows() {
        let parts = Rect(x: 0, y: 0, width: 10, height: 1).split(.horizontal, [.fixed(8), .fixed(8), .fill(1)])
        #expect(parts.map(\.width) == [8, 2, 0])
    }
}
