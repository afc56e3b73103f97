import FlowEngine
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
