import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// Bytes from a server never reach the screen raw: ESC, BEL, other controls and bidi overrides
/// show as visible escapes in every pane.
@Suite("Server text safety")
struct ServerTextSafetyTests {
    static let escape = "\u{1B}"
    static let bell = "\u{07}"
    static let override = "\u{202E}"

    /// A token response poisoned in its reason phrase, a header, the body and a claim.
    static func poisonedTokens(nonce: String?) -> HTTPResponse {
        let header = #"{"kid":"k1","alg":"RS256"}"#
        let claims = #"{"sub":"user\u001b[31mred\u0007","name":"\u202egnp.exe","nonce":"\#(nonce ?? "")"}"#
        let idToken = DemoFlow.jwt(header: header, claims: claims)
        // Valid JSON whose strings decode to control characters (raw ones make it invalid JSON,
        // which `invalidUTF8InABodyIsShownAsBytes` covers for a body that is not JSON).
        let body = Array(
            #"{"access_token":"opaque-token-1234","token_type":"Bearer","id_token":"\#(idToken)","note":"bell\u0007 \u001b[2J \u202e"}"#
                .utf8)
        return HTTPResponse(
            status: 200, reason: "OK\(escape)[2J",
            headers: [
                HTTPHeader("Content-Type", "application/json"),
                HTTPHeader("X-Title", "\(escape)]0;pwned\(bell)"),
                HTTPHeader("X-Direction", "abc\(override)def"),
            ], body: body)
    }

    @Test(arguments: [Size(columns: 120, rows: 40), Size(columns: 80, rows: 24)])
    func poisonedResponseRendersOnlyVisibleEscapes(size: Size) {
        var model = DemoFlow.model(at: .tokenReady, size: size)
        DemoFlow.send(&model, answer: Self.poisonedTokens(nonce: model.flow.nonce))
        DemoFlow.press(.character("4"), &model)  // look at the token step itself
        #expect(model.shownEntry?.step == .token)

        var everything = ""
        for pane in Pane.allCases {
            let content = model.pane(pane)
            everything += ([content.title, content.subtitle] + content.lines.map(\.plainText)).joined(separator: "\n")
        }
        for raw in [Self.escape, Self.bell, Self.override] {
            #expect(!everything.contains(raw), "a raw \(raw.unicodeScalars.first!.value) reached a pane")
        }
        #expect(everything.contains(#"OK\x1b[2J"#), "the reason phrase")
        #expect(everything.contains(#"X-Title: \x1b]0;pwned\x07"#), "a header")
        #expect(everything.contains(#"abc\u202edef"#), "a bidi override in a header")
        #expect(everything.contains(#"user\x1b[31mred\x07"#), "a claim")
        #expect(everything.contains(#"\u202egnp.exe"#), "a bidi override in a claim")

        let canvas = DemoFlow.render(model)
        for y in 0..<canvas.size.rows {
            for x in 0..<canvas.size.columns {
                let grapheme = canvas[x: x, y: y].grapheme
                #expect(!grapheme.unicodeScalars.contains(where: Cell.isUnsafe), "unsafe cell at \(x),\(y)")
                // U+FFFD would mean the canvas had to catch what the sanitizer let through.
                #expect(!grapheme.contains("\u{FFFD}"), "replacement at \(x),\(y)")
            }
        }
        #expect(canvas.text.contains(#"\x1b"#))
    }

    @Test func invalidUTF8InABodyIsShownAsBytes() {
        var model = DemoFlow.model(size: Size(columns: 120, rows: 40))
        let html = Array("<html><title>Sign on</title>".utf8) + [0xFF, 0xC3] + Array("\r\n<p>\u{1B}[5m</p>".utf8)
        DemoFlow.send(
            &model,
            answer: HTTPResponse(
                status: 500, reason: "Internal Server Error",
                headers: [HTTPHeader("Content-Type", "text/html")], body: html))
        let lines = model.pane(.response).lines.map(\.plainText)
        #expect(lines.contains(#"<html><title>Sign on</title>\xff\xc3"#))
        #expect(lines.contains(#"<p>\x1b[5m</p>"#))
        #expect(!lines.joined().contains("\r"))
    }
}
