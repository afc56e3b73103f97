import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// Odd responses and odd flows: nothing crashes, everything says what happened.
@Suite("AppModel edge cases")
struct AppModelEdgeTests {
    @Test func hugeBodyIsCutAndSaysSo() {
        var model = DemoFlow.model()
        let body = Array(repeating: UInt8(ascii: "a"), count: SafeText.bodyByteLimit + 1000)
        DemoFlow.send(&model, answer: HTTPResponse(status: 200, reason: "OK", body: body))
        let lines = model.pane(.response).lines.map(\.plainText)
        #expect(lines.last == "… 1000 more bytes not shown")
    }

    @Test func manyLinesAreCutAndSaySo() {
        var model = DemoFlow.model()
        let body = Array(String(repeating: "x\n", count: SafeText.bodyLineLimit + 10).utf8)
        DemoFlow.send(&model, answer: HTTPResponse(status: 200, reason: "OK", body: body))
        let lines = model.pane(.response).lines.map(\.plainText)
        #expect(lines.last == "… 11 more lines not shown")
    }

    @Test func absurdNumbersFromTheServerDoNotCrash() {
        var model = DemoFlow.model(at: .tokenReady, size: Size(columns: 120, rows: 40))
        let body =
            #"{"access_token":"opaque","token_type":"Bearer","expires_in":9223372036854775807,"id_token":"\#(DemoFlow.signed(#"{"exp":1e300,"iat":-1e300,"sub":"x"}"#))"}"#
        DemoFlow.send(
            &model,
            answer: HTTPResponse(
                status: 200, reason: "OK",
                headers: [HTTPHeader("Content-Type", "application/json")],
                body: Array(body.utf8)))
        let text = model.pane(.tokens).lines.map(\.plainText).joined(separator: "\n")
        #expect(text.contains("9223372036854775807 s"))
        #expect(!DemoFlow.render(model).text.isEmpty)
    }

    @Test func tokenWithAnotherNonceFailsTheInspectStep() {
        var model = DemoFlow.model(at: .tokenReady, size: Size(columns: 120, rows: 40))
        DemoFlow.send(&model, answer: DemoFlow.tokens(nonce: "someone-elses-nonce"))
        DemoFlow.send(&model, answer: DemoFlow.keySet())
        guard case .failed(.inspect, .tokenChecksFailed(let checks)) = model.flow.phase else {
            Issue.record("expected the inspect step to fail, got \(model.flow.phase)")
            return
        }
        #expect(checks == ["id_token nonce"])
        let tokens = model.pane(.tokens)
        #expect(tokens.subtitle == "1 of 2 failing ✗")
        #expect(tokens.lines.contains { $0.plainText.hasPrefix("  ✗ nonce") })
        let decoded = model.pane(.decoded).lines.map(\.plainText).joined(separator: "\n")
        #expect(decoded.contains("✗ "))
        #expect(DemoFlow.render(model).text.contains("✗ 5 Inspect"))
    }

    @Test func malformedTokenResponseFailsInItsPane() {
        var model = DemoFlow.model(at: .tokenReady, size: Size(columns: 120, rows: 40))
        DemoFlow.send(&model, answer: HTTPResponse(status: 200, reason: "OK", body: Array("{not json".utf8)))
        guard case .failed(.token, .malformedResponse) = model.flow.phase else {
            Issue.record("expected a malformed-response failure, got \(model.flow.phase)")
            return
        }
        let decoded = model.pane(.decoded).lines.map(\.plainText).joined(separator: "\n")
        #expect(decoded.contains("✗ malformed response"))
        #expect(model.keyBar.line(width: 200).plainText.hasPrefix("n retry"))
    }

    @Test func browserSignOnTakesThePastedCallback() throws {
        var configuration = DemoFlow.configuration
        configuration.signOnInBrowser = true
        let flow = AuthorizationCodeFlow(configuration: configuration, randomness: .fixed(seed: 1))
        var model = AppModel(
            flow: flow, presentation: DemoFlow.presentation, size: Size(columns: 120, rows: 40),
            now: DemoFlow.start)
        #expect(DemoFlow.press(.character("n"), &model) == .none, "the browser sends authorize, not authflow")
        guard case .needsBrowserCallback(let url) = model.flow.phase else {
            Issue.record("expected to wait for the browser, got \(model.flow.phase)")
            return
        }
        DemoFlow.press(.character("n"), &model)
        guard case .browserCallback(let shownURL, _) = model.overlay else {
            Issue.record("no callback prompt")
            return
        }
        #expect(shownURL == url)
        #expect(DemoFlow.render(model).text.contains("Sign on in a browser"))
        DemoFlow.type("\(DemoFlow.redirectURI)?code=abc&state=\(model.flow.state)", &model)
        DemoFlow.press(.enter, &model)
        #expect(model.overlay == nil)
        #expect(model.flow.phase == .ready(.token))
        #expect(model.flow.code == "abc")
    }

    @Test func everyKeyInEveryStageLeavesAUsableScreen() {
        let keys: [Key] = [
            .character("n"), .enter, .character("e"), .tab, .backTab, .up, .down, .pageUp, .pageDown,
            .character("g"), .character("G"), .character("1"), .character("5"), .character("x"), .character("m"),
            .escape, .character("?"), .character("c"), .character("y"), .home, .end, .left, .right, .backspace,
            .delete, .control("u"), .function(1), .character("漢"),
        ]
        for stage in DemoFlow.Stage.allCases {
            for size in [Size(columns: 80, rows: 24), Size(columns: 120, rows: 40)] {
                var model = DemoFlow.model(at: stage, size: size)
                for key in keys {
                    _ = model.update(.keyPressed(key))
                    let canvas = DemoFlow.render(model)
                    #expect(canvas.size == size)
                    #expect(canvas.row(0).hasPrefix("┌"), "\(stage) after \(key.label)")
                }
            }
        }
    }
}
