import FlowTUI
import Testing

/// The help overlay, the too-small message, the key bar and the header line.
@Suite("Screen chrome")
struct ChromeTests {
    static let help = HelpOverlay(sections: [
        .init(
            "Flow",
            [
                KeyBinding("n enter", "send the request / next step"),
                KeyBinding("e", "edit a parameter"),
                KeyBinding("r", "restart the flow"),
            ]),
        .init(
            "View",
            [
                KeyBinding("tab shift-tab", "next / previous pane"),
                KeyBinding("j k ↑ ↓", "scroll"),
                KeyBinding("q", "quit"),
            ]),
    ])

    @Test func helpOverlayIsCentredOverTheScreen() {
        var canvas = Canvas(columns: 60, rows: 16)
        canvas.fill(canvas.bounds, with: "x")
        Self.help.render(into: &canvas, in: canvas.bounds)
        expectSnapshot(canvas, named: "help-overlay-60x16")
    }

    @Test func helpOverlayFlowsIntoColumnsWhenShort() {
        var canvas = Canvas(columns: 100, rows: 9)
        Self.help.render(into: &canvas, in: canvas.bounds)
        expectSnapshot(canvas, named: "help-overlay-100x9")
        for binding in Self.help.sections.flatMap(\.bindings) {
            #expect(canvas.text.contains(binding.summary), "\(binding.summary) is not shown")
        }
    }

    @Test func helpOverlaySaysWhatIsLeftOut() {
        var canvas = Canvas(columns: 30, rows: 6)
        Self.help.render(into: &canvas, in: canvas.bounds)
        #expect(canvas.text.contains("more not shown"))
    }

    @Test func tooSmallMessage() {
        var canvas = Canvas(columns: 50, rows: 10)
        canvas.fill(canvas.bounds, with: "x")
        TooSmallMessage(required: Size(columns: 80, rows: 24), actual: Size(columns: 50, rows: 10))
            .render(into: &canvas)
        expectSnapshot(canvas, named: "too-small-50x10")
    }

    @Test func tooSmallMessageWrapsInATinyTerminal() {
        var canvas = Canvas(columns: 12, rows: 4)
        TooSmallMessage(required: Size(columns: 80, rows: 24), actual: Size(columns: 12, rows: 4))
            .render(into: &canvas)
        #expect(canvas.row(0).contains("Terminal"))
        #expect(canvas.text.contains("12×4"))
    }

    @Test func keyBarDropsWholeHintsThatDoNotFit() {
        let bar = KeyBar([KeyBinding("n", "next"), KeyBinding("e", "edit"), KeyBinding("q", "quit")])
        #expect(bar.line(width: 100).plainText == "n next  e edit  q quit")
        #expect(bar.line(width: 15).plainText == "n next  e edit")
        #expect(bar.line(width: 3).plainText == "")
    }

    @Test func keyBarSitsInTheBottomBorder() {
        var canvas = Canvas(columns: 30, rows: 2)
        canvas.drawBox(canvas.bounds)
        KeyBar([KeyBinding("n", "next"), KeyBinding("?", "help")])
            .render(into: &canvas, x: 1, y: 1, width: 28)
        #expect(canvas.row(1) == "└ n next  ? help ────────────┘")
        #expect(canvas[x: 2, y: 1].style.isBold)
    }

    @Test func headerLineDropsSegmentsFromTheEnd() {
        let header = HeaderLine([Span("authflow", style: .bold), Span("env 5caa81af (NA)"), Span("PKCE S256")])
        #expect(header.line(width: 80).plainText == "authflow ─ env 5caa81af (NA) ─ PKCE S256")
        #expect(header.line(width: 30).plainText == "authflow ─ env 5caa81af (NA)")
        #expect(header.fullWidth == 40)
        var canvas = Canvas(columns: 34, rows: 2)
        canvas.drawBox(canvas.bounds)
        header.render(into: &canvas, x: 1, y: 0, width: 32)
        #expect(canvas.row(0) == "┌ authflow ─ env 5caa81af (NA) ──┐")
    }
}
