import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// The screen's marks say what is so: no ✗ for what has not been checked yet, titles that agree
/// with their lines, cookie notes that match the request as built, the essential keys always in
/// the footer, and no key acting on a screen that cannot be seen.
@Suite("Honest marks")
struct HonestMarksTests {
    static func text(_ model: AppModel, _ pane: Pane) -> String {
        model.pane(pane).lines.map(\.plainText).joined(separator: "\n")
    }

    @Test func beforeStep5TheSignatureIsPendingNotFailed() {
        let model = DemoFlow.model(at: .inspectReady, size: Size(columns: 120, rows: 40))
        #expect(model.flow.keySet == nil)
        let tokens = Self.text(model, .tokens)
        #expect(tokens.contains("id_token  RS256  kid fGYrysd1…  … signature"))
        #expect(tokens.contains("access_token  RS256  kid fGYrysd1…  … signature"))
        #expect(tokens.contains("pending: step 5 fetches the JWKS"))
        #expect(!tokens.contains("✗"), "nothing failed:\n\(tokens)")
        // The title's summary agrees: no ✓ while signatures wait, no ✗ either.
        #expect(model.pane(.tokens).subtitle == "2 checked, signatures pending")
    }

    @Test func theSignatureIsCheckedOnceStep5FetchedTheJWKS() {
        var model = DemoFlow.model(at: .inspectReady, size: Size(columns: 120, rows: 40))
        DemoFlow.send(&model, answer: DemoFlow.keySet())
        let tokens = Self.text(model, .tokens)
        #expect(!tokens.contains("pending"))
        #expect(tokens.contains("✓ signature"))
        #expect(model.pane(.tokens).subtitle == "2 checked ✓")
    }

    @Test func aFailedJWKSStepIsNotPending() {
        var model = DemoFlow.model(at: .inspectReady, size: Size(columns: 120, rows: 40))
        DemoFlow.send(&model, answer: HTTPResponse(status: 500, reason: "Internal Server Error"))
        let tokens = Self.text(model, .tokens)
        #expect(!tokens.contains("pending"), "step 5 was tried:\n\(tokens)")
        #expect(tokens.contains("✗ signature"))
    }

    @Test func aPendingSignatureSnapshot() {
        let model = DemoFlow.model(at: .inspectReady, size: Size(columns: 120, rows: 40))
        var canvas = Canvas(columns: 60, rows: 12)
        canvas.draw(model.pane(.tokens).lines, in: canvas.bounds, ellipsis: true)
        expectSnapshot(canvas, named: "tokens-signature-pending-60x12")
    }

    /// Every title's summary that counts checks agrees with the ✓ and ✗ of its lines, at each stage.
    @Test(arguments: DemoFlow.Stage.allCases)
    func tokenSummariesAgreeWithTheirLines(stage: DemoFlow.Stage) {
        let model = DemoFlow.model(at: stage, size: Size(columns: 120, rows: 40))
        let content = model.pane(.tokens)
        let failing = content.lines.contains { $0.plainText.contains("✗") }
        let pending = content.lines.contains { $0.plainText.contains("pending") }
        #expect(content.subtitle.contains("✗") == failing, "\(stage): \(content.subtitle)")
        #expect(content.subtitle.contains("pending") == pending, "\(stage): \(content.subtitle)")
        if content.subtitle.contains("✓") { #expect(!failing && !pending) }
    }

    // MARK: - Cookies

    /// The names of the cookies a request carries.
    static func cookies(of request: HTTPRequest?) -> Set<String> {
        Set(
            (request?.header("Cookie") ?? "").split(separator: ";").compactMap {
                $0.split(separator: "=").first.map { $0.trimmingCharacters(in: .whitespaces) }
            })
    }

    @Test(arguments: DemoFlow.Stage.allCases)
    func theCookieNoteMatchesTheRequestAsBuilt(stage: DemoFlow.Stage) {
        let model = DemoFlow.model(at: stage, size: Size(columns: 120, rows: 40))
        let decoded = model.pane(.decoded).lines.map(\.plainText)
        let carried = Self.cookies(of: model.frame.pendingRequest)
        for cookie in model.flow.cookieJar.cookies {
            let note = decoded.first { $0.hasPrefix("  \(cookie.name)  ") } ?? ""
            #expect(note.contains("✓ sent with the next request") == carried.contains(cookie.name), "\(stage): \(note)")
        }
    }

    @Test func theTokenRequestCarriesNoCookieAndTheNoteSaysSo() {
        let model = DemoFlow.model(at: .tokenReady, size: Size(columns: 120, rows: 40))
        #expect(model.frame.pendingRequest?.header("Cookie") == nil, "the back channel carries no cookie")
        let decoded = Self.text(model, .decoded)
        #expect(decoded.contains("ST  not sent (back channel)"))
        #expect(!decoded.contains("✓ sent with the next request"))
    }

    @Test func theResumeRequestCarriesTheSessionCookie() {
        let model = DemoFlow.model(at: .resumeReady, size: Size(columns: 120, rows: 40))
        #expect(Self.cookies(of: model.frame.pendingRequest).contains("ST"))
        #expect(Self.text(model, .decoded).contains("ST  ✓ sent with the next request"))
    }

    // MARK: - Footer

    @Test func essentialHintsStayWhenOthersDoNot() {
        let bar = KeyBar(
            [
                KeyBinding("n", "send"), KeyBinding("e", "edit"), KeyBinding("?", "help"), KeyBinding("x", "clear"),
                KeyBinding("m", "unmask"), KeyBinding("q", "quit"),
            ],
            essentialKeys: ["?", "m", "q"])
        #expect(bar.line(width: 200).plainText == "n send  e edit  ? help  x clear  m unmask  q quit")
        // Room for the essential three and one more: the most important other one stays, in order.
        #expect(bar.line(width: 34).plainText == "n send  ? help  m unmask  q quit")
        #expect(bar.line(width: 26).plainText == "? help  m unmask  q quit")
    }

    @Test(arguments: [
        (DemoFlow.Stage.authorizeReady, 80), (.authorizeWaiting, 80), (.tokenReady, 80), (.inspectReady, 80),
        (.completed, 80), (.completed, 100), (.inspectReady, 90), (.signOnReady, 81),
    ])
    func theFooterKeepsHelpMaskAndQuit(stage: DemoFlow.Stage, columns: Int) {
        let model = DemoFlow.model(at: stage, size: Size(columns: columns, rows: 24))
        let footer = DemoFlow.render(model).row(23)
        #expect(footer.contains("? help"), "\(stage) at \(columns): \(footer)")
        #expect(footer.contains("q quit"), "\(stage) at \(columns): \(footer)")
        #expect(footer.contains("m unmask") || footer.contains("m mask"), "\(stage) at \(columns): \(footer)")
    }

    // MARK: - Too small

    @Test func keysDoNothingWhileTheTerminalIsTooSmall() {
        var model = DemoFlow.model(at: .signOnReady, size: Size(columns: 120, rows: 40))
        _ = model.update(.resized(Size(columns: 60, rows: 20)))
        let before = model
        for key: Key in [
            .character("n"), .enter, .character("m"), .character("x"), .character("r"), .tab, .character("?"),
            .character("j"), .character("1"), .escape, .character("e"), .character("c"),
        ] {
            #expect(DemoFlow.press(key, &model) == .none, "\(key)")
        }
        #expect(model == before, "no key changed the model")
        #expect(DemoFlow.render(model).text.contains("Terminal too small"))
        #expect(DemoFlow.press(.character("q"), &model) == .quit, "q quits, as the message says")
    }
}
