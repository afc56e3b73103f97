import FlowEngine
import Foundation
import Testing

@Suite struct TerminalSafeTests {
    @Test func controlsAndBidiOverridesBecomeVisibleEscapes() {
        #expect(TerminalSafe.line("a\u{1B}[2Jb\u{7}c\u{202E}d\u{9B}e\u{7F}") == "a\\x1b[2Jb\\x07c\\u202ed\\u009be\\x7f")
        #expect(TerminalSafe.line("tab\tnew\nline") == "tab\\x09new\\x0aline")
        #expect(TerminalSafe.lines("one\ttwo\nthree\u{1B}") == ["one    two", "three\\x1b"])
    }

    @Test func invalidUTF8IsShownByteByByte() {
        #expect(TerminalSafe.decode([0x61, 0xFF, 0xC3, 0xA9, 0xE2, 0x82]) == "a\\xffé\\xe2\\x82")
    }

    @Test func theRedactorHidesEverySpellingOfASecret() {
        let redactor = Redactor(secrets: ["p@ss word"])
        #expect(redactor.redact("password=p%40ss+word&x=p@ss word") == "password=••••••&x=••••••")
    }
}

@Suite struct TerminalSafeLayoutTests {
    @Test func crlfBodiesSplitIntoLines() {
        #expect(TerminalSafe.lines("HTTP/1.1 200\r\nA: b\r\n\r\nbody") == ["HTTP/1.1 200", "A: b", "", "body"])
    }

    @Test func invisibleScalarsBecomeVisible() {
        #expect(TerminalSafe.line("a\u{200B}b\u{FEFF}c\u{2028}d") == "a\\u200bb\\ufeffc\\u2028d")
    }

    @Test func absurdTimesDoNotTrap() {
        let now = Date(timeIntervalSince1970: 0)
        #expect(TimeText.relative(Date(timeIntervalSince1970: 1e300), to: now).hasPrefix("in "))
        #expect(TimeText.relative(Date(timeIntervalSince1970: -.infinity), to: now) == "at an unreadable time")
    }
}
