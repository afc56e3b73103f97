import FlowTUI
import Testing

@testable import CursesTerminal

/// Frames after the first write only what changed: what curses holds must still be each frame
/// exactly, through wide graphemes moving over narrow ones, styles changing on the same text,
/// and a resize in between.
extension CursesTerminalTests {
    @Test func eachFrameIsWhatCursesHoldsWhenOnlyChangesAreWritten() async throws {
        let pty = try PseudoTerminal(columns: 20, rows: 4)
        let terminal = try CursesTerminal(
            input: pty.terminal, output: pty.terminal, terminalType: "xterm-256color",
            environment: ["LANG": "C.UTF-8"], handlesSignals: false)
        func frame(_ lines: [(String, Int, Style)], size: Size = Size(columns: 20, rows: 4)) -> Canvas {
            var canvas = Canvas(size: size)
            for (row, (text, x, style)) in lines.enumerated() { canvas.draw(text, x: x, y: row, style: style) }
            return canvas
        }
        let frames = [
            frame([("ab漢cd", 0, .plain), ("same", 0, .plain), ("🚀rocket", 2, .bold), ("x", 19, .plain)]),
            frame([("a漢bcd", 0, .plain), ("same", 0, .plain), ("r🚀ocket", 2, .bold), ("y", 19, .plain)]),
            frame([("漢漢漢", 1, .plain), ("same", 0, .color(.red)), ("", 0, .plain), ("y", 19, .reverse)]),
            frame([("ab", 0, .plain), ("same", 0, .color(.red)), ("é e\u{301}", 3, .plain), ("", 0, .plain)]),
        ]
        for (index, canvas) in frames.enumerated() {
            terminal.draw(canvas)
            #expect(terminal.readBack(.drawn) == canvas, "frame \(index) as drawn")
            #expect(terminal.readBack(.physical) == canvas, "frame \(index) on the screen")
        }
        pty.resize(columns: 12, rows: 3)
        #expect(terminal.readKey(timeoutMilliseconds: 0) == .resize(Size(columns: 12, rows: 3)))
        for (index, lines) in [[("漢字", 0, Style.plain)], [("字漢", 0, Style.plain)]].enumerated() {
            let canvas = frame(lines, size: Size(columns: 12, rows: 3))
            terminal.draw(canvas)
            #expect(terminal.readBack(.physical) == canvas, "frame \(index) after the resize")
        }
        terminal.stop()
        await pty.close()
    }
}
