import FlowTUI
import Foundation
import Testing

@testable import CursesTerminal

#if canImport(Glibc)
    import Glibc
#endif

/// curses on a pseudo-terminal: what is drawn is read back from curses' own screen.
///
/// Serialized: curses has one current screen per process.
@MainActor
@Suite("Curses terminal", .serialized)
struct CursesTerminalTests {
    private func withTerminal(
        columns: Int = 40, rows: Int = 10, environment: [String: String] = [:],
        _ body: (CursesTerminal, PseudoTerminal) async throws -> Void
    ) async throws {
        let pty = try PseudoTerminal(columns: columns, rows: rows)
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(
                input: pty.terminal, output: pty.terminal,
                terminalType: "xterm-256color", environment: ["LANG": "C.UTF-8"].merging(environment) { $1 },
                handlesSignals: false)
        } catch {
            await pty.close()
            throw error
        }
        do {
            try await body(terminal, pty)
        } catch {
            terminal.stop()
            await pty.close()
            throw error
        }
        terminal.stop()
        await pty.close()
    }

    @Test func startsWithThePseudoTerminalsSize() async throws {
        try await withTerminal(columns: 40, rows: 10) { terminal, _ in
            #expect(terminal.size == Size(columns: 40, rows: 10))
            #expect(terminal.isActive)
        }
    }

    @Test func drawnCanvasIsWhatCursesShows() async throws {
        try await withTerminal { terminal, pty in
            var canvas = Canvas(size: terminal.size)
            canvas.drawBox(Rect(x: 0, y: 0, width: 20, height: 4), title: "Box")
            canvas.draw("漢字 ok", x: 1, y: 1, style: .bold)
            canvas.draw("🚀 x", x: 1, y: 2, style: .color(.green))
            canvas.draw("é\u{1B}[2J", x: 22, y: 1)
            terminal.draw(canvas)

            let screen = terminal.readBack(.physical)
            for y in 0..<4 {
                #expect(screen.row(y) == canvas.row(y), "row \(y)")
            }
            #expect(screen.row(1).hasPrefix("│漢字 ok"))
            #expect(screen[x: 1, y: 1].width == 2)
            #expect(screen[x: 1, y: 1].style.isBold)
            #expect(screen[x: 19, y: 1].grapheme == "│")
            #expect(screen[x: 22, y: 1].grapheme == "é")
            #expect(screen[x: 23, y: 1].grapheme == "\u{FFFD}")
            #expect(await pty.waitForOutput(), "curses wrote nothing to the terminal")
        }
    }

    @Test func coloursFollowTheStyleUnlessNoColorIsSet() async throws {
        var canvas = Canvas(columns: 40, rows: 10)
        canvas.draw("red", x: 0, y: 0, style: .color(.red).underline())
        try await withTerminal { terminal, _ in
            terminal.draw(canvas)
            let cell = terminal.readBack(.drawn)[x: 0, y: 0]
            #expect(cell.style.isUnderline)
            #expect(cell.style.foreground == (terminal.usesColor ? .red : nil))
        }
        try await withTerminal(environment: ["NO_COLOR": "1"]) { terminal, _ in
            #expect(!terminal.usesColor)
            terminal.draw(canvas)
            let cell = terminal.readBack(.drawn)[x: 0, y: 0]
            #expect(cell.style == .underline)
            #expect(cell.grapheme == "r")
        }
    }

    @Test func redrawingReplacesTheFrame() async throws {
        try await withTerminal { terminal, _ in
            var first = Canvas(size: terminal.size)
            first.draw("first frame", x: 0, y: 0)
            terminal.draw(first)
            var second = Canvas(size: terminal.size)
            second.draw("2nd", x: 0, y: 0)
            terminal.draw(second)
            #expect(terminal.readBack().row(0).hasPrefix("2nd   "))
        }
    }

    @Test func keysTypedAtTheTerminalAreRead() async throws {
        try await withTerminal { terminal, pty in
            #expect(terminal.readKey(timeoutMilliseconds: 0) == nil)
            let sequences: [(String, Key)] = [
                ("j", .character("j")), ("\r", .enter), ("\t", .tab), ("\u{1B}[Z", .backTab),
                ("\u{1B}OA", .up), ("\u{1B}[6~", .pageDown), ("\u{7F}", .backspace),
                ("\u{1B}", .escape), ("漢", .character("漢")), ("\u{01}", .control("a")),
            ]
            for (bytes, expected) in sequences {
                pty.type(bytes)
                #expect(terminal.readKey(timeoutMilliseconds: 1000) == expected, "typed \(bytes.debugDescription)")
            }
        }
    }

    /// The size is read from the terminal on every poll, so this needs no SIGWINCH (which a test
    /// process cannot get from a pseudo-terminal it is not the session of).
    @Test func resizeIsReportedWithTheNewSize() async throws {
        try await withTerminal(columns: 40, rows: 10) { terminal, pty in
            pty.resize(columns: 60, rows: 20)
            #expect(terminal.readKey(timeoutMilliseconds: 1000) == .resize(Size(columns: 60, rows: 20)))
            #expect(terminal.size == Size(columns: 60, rows: 20))
            var canvas = Canvas(size: terminal.size)
            canvas.draw("bottom right", x: 48, y: 19)
            terminal.draw(canvas)
            #expect(terminal.readBack().row(19).hasSuffix("bottom right"))
            #expect(terminal.readKey(timeoutMilliseconds: 0) == nil, "a resize is reported once")
        }
    }

    @Test func stopIsIdempotentAndDrawingAfterItIsIgnored() async throws {
        try await withTerminal { terminal, _ in
            terminal.stop()
            #expect(!terminal.isActive)
            terminal.stop()
            terminal.draw(Canvas(columns: 5, rows: 1))
            #expect(terminal.readKey(timeoutMilliseconds: 0) == nil)
        }
    }

    @Test func aPipeIsNotATerminal() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer {
            close(fds[0])
            close(fds[1])
        }
        #expect(throws: CursesTerminalError.notATerminal) {
            _ = try CursesTerminal(input: fds[0], output: fds[1], environment: [:], handlesSignals: false)
        }
    }

    @Test func unknownTerminalTypeIsAnError() async throws {
        let pty = try PseudoTerminal(columns: 20, rows: 5)
        #expect(throws: CursesTerminalError.cannotInitialize(terminalType: "no-such-terminal-xyz")) {
            _ = try CursesTerminal(
                input: pty.terminal, output: pty.terminal, terminalType: "no-such-terminal-xyz",
                environment: [:], handlesSignals: false)
        }
        await pty.close()
    }

    /// `TERM=linux` shows no UTF-8: the same frame reaches the screen in ASCII, column for column.
    @Test func aLinuxConsoleGetsTheFrameInASCII() async throws {
        let pty = try PseudoTerminal(columns: 40, rows: 10)
        let terminal = try CursesTerminal(
            input: pty.terminal, output: pty.terminal, terminalType: "linux", environment: ["LANG": "C.UTF-8"],
            handlesSignals: false)
        #expect(terminal.asciiOnly)
        var canvas = Canvas(size: terminal.size)
        canvas.drawBox(Rect(x: 0, y: 0, width: 20, height: 4), title: "Box")
        canvas.draw("✓ ok ▸ ✗ • … é", x: 1, y: 1)
        terminal.draw(canvas)
        let screen = terminal.readBack(.physical)
        #expect(screen.row(0).hasPrefix("+ Box -"))
        #expect(screen.row(1).hasPrefix("|+ ok > x * ~ e"))
        #expect(screen.text.unicodeScalars.allSatisfy { $0.isASCII })
        terminal.stop()
        await pty.close()
        #expect(CursesTerminal.showsNoUTF8(terminalType: "vt220"))
        #expect(!CursesTerminal.showsNoUTF8(terminalType: "xterm-256color"))
        #expect(!CursesTerminal.showsNoUTF8(terminalType: "tmux-256color"))
        #expect(CursesTerminal.localeIsUTF8(["LANG": "en_US.UTF-8"]))
        #expect(CursesTerminal.localeIsUTF8(["LC_ALL": "", "LANG": "de_DE.utf8"]))
        #expect(!CursesTerminal.localeIsUTF8(["LC_ALL": "C", "LANG": "en_US.UTF-8"]))
        #expect(!CursesTerminal.localeIsUTF8([:]))
    }
}
