import FlowTUI
import Testing

@Suite("Text field")
struct TextFieldTests {
    private func type(_ text: String, into field: inout TextField) {
        for character in text { _ = field.handle(.character(character)) }
    }

    @Test func typingInsertsAtTheCursor() {
        var field = TextField()
        type("helo", into: &field)
        #expect(field.handle(.left) == .moved)
        #expect(field.handle(.character("l")) == .edited)
        #expect(field.text == "hello")
        #expect(field.cursor == 4)
    }

    @Test func backspaceAndDeleteRemoveAroundTheCursor() {
        var field = TextField(text: "abcd")
        #expect(field.handle(.backspace) == .edited)
        #expect(field.text == "abc")
        _ = field.handle(.home)
        #expect(field.handle(.backspace) == .ignored)
        #expect(field.handle(.delete) == .edited)
        #expect(field.text == "bc")
        _ = field.handle(.end)
        #expect(field.handle(.delete) == .ignored)
    }

    @Test func readlineKillKeys() {
        var field = TextField(text: "client secret value")
        #expect(field.handle(.control("w")) == .edited)
        #expect(field.text == "client secret ")
        _ = field.handle(.control("a"))
        _ = field.handle(.right)
        #expect(field.handle(.control("k")) == .edited)
        #expect(field.text == "c")
        #expect(field.handle(.control("u")) == .edited)
        #expect(field.text == "")
        #expect(field.cursor == 0)
    }

    @Test func cursorStaysInsideTheText() {
        var field = TextField(text: "ab")
        #expect(field.handle(.right) == .ignored)
        _ = field.handle(.home)
        #expect(field.handle(.left) == .ignored)
        #expect(field.cursor == 0)
    }

    @Test func enterSubmitsAndEscapeCancels() {
        var field = TextField(text: "x")
        #expect(field.handle(.enter) == .submitted("x"))
        #expect(field.handle(.escape) == .cancelled)
        #expect(field.handle(.tab) == .ignored)
        #expect(field.text == "x")
    }

    @Test func maskedFieldNeverDrawsTheSecret() {
        var field = TextField(label: "password", isMasked: true)
        type("2Federate!", into: &field)
        #expect(field.text == "2Federate!")
        #expect(field.displayText == "••••••••••")
        var canvas = Canvas(columns: 30, rows: 1)
        field.render(into: &canvas, x: 0, y: 0, width: 30)
        #expect(canvas.text == "password ••••••••••")
        #expect(!canvas.row(0).contains("Federate"))
        #expect(canvas[x: 19, y: 0].style.isReverse)
    }

    @Test func longTextScrollsToKeepTheCursorVisible() {
        var field = TextField(label: "url", text: "https://auth.pingone.com/abc/as/authorize")
        var canvas = Canvas(columns: 16, rows: 1)
        field.render(into: &canvas, x: 0, y: 0, width: 16)
        #expect(canvas.text == "url …/authorize")
        #expect(canvas[x: 15, y: 0].style.isReverse)

        _ = field.handle(.home)
        canvas = Canvas(columns: 16, rows: 1)
        field.render(into: &canvas, x: 0, y: 0, width: 16)
        #expect(canvas.text == "url https://aut…")
        #expect(canvas[x: 4, y: 0].style.isReverse)
        #expect(canvas[x: 4, y: 0].grapheme == "h")
    }

    @Test func wideCharactersAreEditedWhole() {
        var field = TextField()
        type("東京", into: &field)
        _ = field.handle(.backspace)
        #expect(field.text == "東")
        var canvas = Canvas(columns: 6, rows: 1)
        field.render(into: &canvas, x: 0, y: 0, width: 6)
        #expect(canvas[x: 0, y: 0].grapheme == "東")
        #expect(canvas[x: 2, y: 0].style.isReverse)
    }
}
