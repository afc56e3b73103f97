import FlowTUI
import Testing

@Suite("Key/value table")
struct KeyValueTableTests {
    @Test func alignsValuesAfterTheWidestKey() {
        let table = KeyValueTable([
            .init("response_type", "code"),
            .init("client_id", "724ec718"),
        ])
        #expect(
            table.lines(width: 40).map(\.plainText) == [
                "response_type  code",
                "client_id      724ec718",
            ])
    }

    @Test func longValuesWrapUnderTheValueColumn() {
        let table = KeyValueTable([.init("uri", "https://auth.example.com/as/authorize")], indent: 2)
        #expect(
            table.lines(width: 24).map(\.plainText) == [
                "  uri  https://auth.",
                "       example.com/as/",
                "       authorize",
            ])
    }

    @Test func longKeysAreCut() {
        let table = KeyValueTable([.init("a_really_long_parameter_name", "v")], maxKeyWidth: 8)
        #expect(table.lines(width: 40).map(\.plainText) == ["a_reall…  v"])
    }

    @Test func keyAndValueStylesAreKept() {
        let table = KeyValueTable([.init("status", "FAILED", style: .color(.red), keyStyle: .bold)])
        let line = table.lines(width: 30)[0]
        #expect(line.spans.first { $0.text == "status" }?.style == .bold)
        #expect(line.spans.first { $0.text == "FAILED" }?.style.foreground == .red)
    }

    @Test func rendersInsideABox() {
        var canvas = Canvas(columns: 24, rows: 4)
        canvas.drawBox(canvas.bounds, title: "Request")
        let table = KeyValueTable([.init("scope", "openid 東京"), .init("state", "xyz")])
        canvas.draw(table.lines(width: 22), in: canvas.bounds.inset(by: 1))
        expectSnapshot(canvas, named: "key-value-table-in-box")
    }
}
