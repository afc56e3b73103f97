import FlowTUI
import Foundation
import Testing

@testable import CursesTerminal

#if canImport(Glibc)
    import Glibc
#endif

/// Colours on the terminals people have: 256 colours, 16, 8, none, and `NO_COLOR`. What reaches the
/// terminal is checked byte for byte: each colour is its own ANSI foreground (the same on every
/// one of these terminals), the background is never set (the terminal's own shows through, so
/// light and dark themes both read), and without colour no colour sequence is written at all while
/// bold and reverse still are.
///
/// An extension of the curses suite: it is serialized, and curses has one current screen per process.
extension CursesTerminalTests {
    /// Each colour's name in that colour, one per row, then a bold and a reverse word.
    static func colourCanvas() -> Canvas {
        var canvas = Canvas(columns: 40, rows: 10)
        for (row, colour) in Style.Color.allCases.enumerated() {
            canvas.draw("\(colour)", x: 0, y: row, style: .color(colour))
        }
        canvas.draw("strong", x: 0, y: 7, style: .bold)
        canvas.draw("chosen", x: 10, y: 7, style: .reverse)
        return canvas
    }

    /// Draws the canvas on a pseudo-terminal of `terminalType`, ends curses, and returns whether it
    /// used colour, the screen as curses read it back, and every byte it wrote.
    func drawColours(terminalType: String, environment: [String: String] = [:]) async throws -> (
        usesColor: Bool, screen: Canvas, bytes: String
    ) {
        let pty = try PseudoTerminal(columns: 40, rows: 10)
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(
                input: pty.terminal, output: pty.terminal, terminalType: terminalType,
                environment: ["LANG": "C.UTF-8"].merging(environment) { $1 }, handlesSignals: false)
        } catch {
            await pty.close()
            throw error
        }
        terminal.draw(Self.colourCanvas())
        let screen = terminal.readBack(.physical)
        let usesColor = terminal.usesColor
        terminal.stop()
        await pty.close()
        return (usesColor, screen, String(decoding: pty.written, as: UTF8.self))
    }

    /// The ANSI foreground sequence of a curses colour number below 8 (`setaf` on these terminals).
    static func foreground(_ number: Int) -> String { "\u{1B}[3\(number)m" }

    /// Any sequence that sets a foreground or background colour (8, 16 or 256-colour forms), but
    /// not the "default colours" ones (39, 49).
    static func colourSequences(in bytes: String) -> [String] {
        let pattern = /\x1B\[(?:[0-9;]*;)?(?:3[0-7]|4[0-7]|9[0-7]|10[0-7]|38;5;[0-9]+|48;5;[0-9]+)m/
        return bytes.matches(of: pattern).map { String($0.output) }
    }

    @Test(arguments: ["xterm-256color", "xterm-16color", "xterm"])
    func everyColourReadsOnTheTerminalsBackground(terminalType: String) async throws {
        let drawn = try await drawColours(terminalType: terminalType)
        #expect(drawn.usesColor, "\(terminalType) has colours")
        for (row, colour) in Style.Color.allCases.enumerated() {
            #expect(drawn.screen.row(row).hasPrefix("\(colour)"), "row \(row)")
            #expect(drawn.screen[x: 0, y: row].style.foreground == colour, "\(colour) on \(terminalType)")
            #expect(
                drawn.bytes.contains(Self.foreground(colour.rawValue)),
                "\(colour) is ANSI colour \(colour.rawValue) on \(terminalType)")
        }
        // Only foregrounds: a background (4x, 48;5;n) would paint over the user's theme.
        let backgrounds = Self.colourSequences(in: drawn.bytes).filter { $0.contains("[4") || $0.contains("48;5") }
        #expect(backgrounds.isEmpty, "backgrounds set on \(terminalType): \(backgrounds)")
        #expect(drawn.screen[x: 0, y: 7].style.isBold)
        #expect(drawn.screen[x: 10, y: 7].style.isReverse)
    }

    @Test(arguments: [("xterm-256color", ["NO_COLOR": "1"]), ("xterm-16color", ["NO_COLOR": "yes"]), ("vt100", [:])])
    func withoutColourNothingIsColouredAndEmphasisRemains(terminalType: String, environment: [String: String])
        async throws
    {
        let drawn = try await drawColours(terminalType: terminalType, environment: environment)
        #expect(!drawn.usesColor)
        #expect(Self.colourSequences(in: drawn.bytes).isEmpty, "\(Self.colourSequences(in: drawn.bytes))")
        for (row, colour) in Style.Color.allCases.enumerated() {
            #expect(drawn.screen.row(row).hasPrefix("\(colour)"), "row \(row)")
            #expect(drawn.screen[x: 0, y: row].style.foreground == nil)
        }
        // Emphasis is not colour: bold and reverse still reach the screen.
        #expect(drawn.screen[x: 0, y: 7].style.isBold)
        #expect(drawn.screen[x: 10, y: 7].style.isReverse)
        #expect(drawn.bytes.contains("strong") && drawn.bytes.contains("chosen"))
    }

    @Test func anEmptyNoColorLeavesColourOn() async throws {
        // https://no-color.org: only a NO_COLOR that is set and not empty turns colour off.
        let drawn = try await drawColours(terminalType: "xterm-256color", environment: ["NO_COLOR": ""])
        #expect(drawn.usesColor)
        #expect(drawn.bytes.contains(Self.foreground(Style.Color.red.rawValue)))
    }
}
