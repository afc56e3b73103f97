import FlowEngine
import Foundation
import TestSupport
import Testing

@testable import FlowTUI

/// Reading long things: zoom, search, copying whole values, attempts, the mouse.
@Suite("Reading long things")
struct ReadingTests {
    static let wide = Size(columns: 120, rows: 40)
    static let small = Size(columns: 80, rows: 24)

    /// The model with `pane` focused.
    static func focus(_ pane: Pane, _ model: inout AppModel) {
        while model.focus != pane { DemoFlow.press(.tab, &model) }
    }

    /// The rows of a pane's body on the canvas, as text.
    static func bodyRows(_ pane: Pane, of model: AppModel, _ canvas: Canvas) -> [String] {
        let body = model.layout.body(pane)
        return (body.y..<body.maxY).map { y in
            String(canvas.row(y).dropFirst(body.x).prefix(body.width))
        }
    }

    // MARK: - Key-value tables

    @Test func valuesBreakOnlyAtSeparatorsOrAreCut() {
        let uuid = "8d2f1c3e-5b7a-4e21-9f00-6b1d2c3e4f50"
        let pieces = StyledLine(uuid).wrappedAtSeparators(width: 20, whole: false).map(\.plainText)
        #expect(pieces == ["8d2f1c3e-5b7a-4e21-", "9f00-6b1d2c3e4f50"])
        let token = "eyJhbGciOiJSUzI1NiJ9." + String(repeating: "A", count: 60) + ".sig"
        let cut = StyledLine(token).wrappedAtSeparators(width: 30, whole: false).map(\.plainText)
        #expect(cut.count == 2)
        #expect(cut[0] == "eyJhbGciOiJSUzI1NiJ9.")
        #expect(cut[1].hasSuffix("…") && cut[1].count == 30)
        let whole = StyledLine(token).wrappedAtSeparators(width: 30, whole: true).map(\.plainText)
        #expect(whole.joined() == token)
        #expect(whole.allSatisfy { $0.count <= 30 })
    }

    @Test func aTableKeepsAUUIDWholeBetweenDashes() {
        let table = KeyValueTable([.init("Correlation-Id", "8d2f1c3e-5b7a-4e21-9f00-6b1d2c3e4f50")], maxKeyWidth: 14)
        let lines = table.lines(width: 36).map(\.plainText)
        // Every break falls after a dash: each piece of the id ends with one but the last.
        let pieces = lines.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(pieces.first?.hasPrefix("Correlation-Id") == true)
        #expect(pieces.dropFirst().allSatisfy { !$0.isEmpty })
        let values = lines.map { String($0.dropFirst(16)) }
        #expect(values.joined() == "8d2f1c3e-5b7a-4e21-9f00-6b1d2c3e4f50")
        #expect(values.dropLast().allSatisfy { $0.hasSuffix("-") })
    }

    // MARK: - Zoom

    @Test(arguments: [wide, small])
    func zoomShowsTheTokenInspectionWhole(size: Size) {
        var model = DemoFlow.model(at: .completed, size: size)
        Self.focus(.tokens, &model)
        let normal = model.pane(.tokens)
        DemoFlow.press(.character("z"), &model)
        #expect(model.isZoomed)
        let zoomed = model.pane(.tokens)
        let canvas = DemoFlow.render(model)
        expectSnapshot(canvas, named: "zoom-tokens-\(size.columns)x\(size.rows)")
        #expect(canvas.text.contains("zoomed · z back"))
        #expect(!canvas.text.contains("▸Request"))
        // Values cut with "…" in the four-pane layout are whole in zoom.
        if size == Self.small { #expect(normal.lines.contains { $0.plainText.hasSuffix("…") }) }
        #expect(!zoomed.lines.contains { $0.plainText.hasSuffix("…") })
        // Every line can be scrolled to: G shows the last one.
        let body = model.layout.body(.tokens)
        if size == Self.small { #expect(zoomed.lines.count > body.height) }
        DemoFlow.press(.character("G"), &model)
        let end = DemoFlow.render(model)
        let last = zoomed.lines.last { !$0.plainText.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(end.text.contains(last?.plainText.trimmingCharacters(in: .whitespaces) ?? "—"))
        DemoFlow.press(.character("z"), &model)
        #expect(!model.isZoomed)
        #expect(DemoFlow.render(model).text.contains("Request"))
    }

    // MARK: - Failure first

    @Test func theDecodedPaneStartsWithTheFailureItsCauseAndTheCorrelationIdAt80x24() {
        var model = DemoFlow.model(at: .credentialsReady, size: Self.small)
        DemoFlow.send(&model, answer: DemoFlow.invalidCredentials())
        #expect(model.focus == .decoded)
        let canvas = DemoFlow.render(model)
        expectSnapshot(canvas, named: "failure-first-decoded-80x24")
        let rows = Self.bodyRows(.decoded, of: model, canvas).joined(separator: "\n")
        #expect(rows.contains("✗"))
        #expect(rows.contains("likely cause"))
        #expect(rows.contains("Correlation-Id"))
        #expect(rows.contains("8d2f1c3e-5b7a-4e21-"))
        #expect(rows.contains("9f00-6b1d2c3e4f50"))
    }

    // MARK: - Search

    @Test func searchHighlightsMatchesAndNMovesBetweenThem() {
        var model = DemoFlow.model(at: .completed, size: Self.wide)
        Self.focus(.tokens, &model)
        DemoFlow.press(.character("/"), &model)
        #expect(model.search?.isEditing == true)
        #expect(model.keyBar.line(width: 200).plainText.contains("enter search"))
        DemoFlow.type("ISS", &model)
        #expect(model.search?.query == "ISS")
        DemoFlow.press(.enter, &model)
        let search = try! #require(model.search)
        #expect(!search.isEditing)
        #expect(search.matchIndex == 0)
        #expect(search.matchCount >= 2, "iss in both tokens")
        #expect(model.notice?.contains("n next, N previous; esc ends the search (then n sends again)") == true)
        #expect(model.keyBar.line(width: 200).plainText.contains("n N match 1/\(search.matchCount)"))
        #expect(model.keyBar.line(width: 200).plainText.contains("esc end search"))
        let canvas = DemoFlow.render(model)
        expectSnapshot(canvas, named: "search-tokens-120x40")
        // The match on screen is drawn in the current-match style, case ignored.
        let body = model.layout.body(.tokens)
        var highlighted: [String] = []
        for y in body.y..<body.maxY {
            var run = ""
            for x in body.x..<body.maxX {
                let cell = canvas[x: x, y: y]
                if cell.style.isReverse, cell.style.foreground == .magenta || cell.style.foreground == .yellow {
                    run += cell.grapheme
                }
            }
            if !run.isEmpty { highlighted.append(run) }
        }
        #expect(highlighted.first == "iss")
        // n goes on, N comes back; the flow does not move.
        let flow = model.flow
        #expect(DemoFlow.press(.character("n"), &model) == .none)
        #expect(model.search?.matchIndex == 1)
        DemoFlow.press(.character("N"), &model)
        #expect(model.search?.matchIndex == 0)
        #expect(model.flow == flow)
        // esc ends it; then n is the flow's key again.
        DemoFlow.press(.escape, &model)
        #expect(model.search == nil)
        #expect(model.notice?.contains("n sends") == true)
        #expect(DemoFlow.press(.character("N"), &model) == .none)
        #expect(model.notice == "No search is on: / searches the focused pane.")
    }

    @Test func aMaskedSecretIsNotFoundByItsHiddenValue() throws {
        var model = DemoFlow.model(at: .signOnReady, size: Self.wide)
        let cookie = try #require(model.flow.cookieJar.cookies.first { $0.name == "ST" })
        Self.focus(.response, &model)
        DemoFlow.press(.character("/"), &model)
        DemoFlow.type(String(cookie.value.prefix(12)), &model)
        DemoFlow.press(.enter, &model)
        #expect(model.search?.matchCount == 0)
        #expect(model.notice?.hasPrefix("No match for") == true)
        DemoFlow.press(.escape, &model)
        DemoFlow.press(.character("m"), &model)
        DemoFlow.press(.character("/"), &model)
        DemoFlow.type(String(cookie.value.prefix(12)), &model)
        DemoFlow.press(.enter, &model)
        #expect((model.search?.matchCount ?? 0) > 0, "shown, the cookie's value is found")
    }

    // MARK: - Copy

    @Test func yCopiesTheSelectedLinesWholeValue() throws {
        var model = DemoFlow.model(at: .signOnReady, size: Self.small)
        Self.focus(.decoded, &model)
        let flowID = try #require(model.flow.flowID)
        let content = model.pane(.decoded)
        let line = try #require(content.lines.firstIndex { $0.plainText.contains("flowId") })
        for _ in 0..<line { DemoFlow.press(.character("j"), &model) }
        let command = DemoFlow.press(.character("y"), &model)
        #expect(command == .copy(flowID))
        _ = model.update(.copyFinished(succeeded: true))
        #expect(model.notice == "Copied flowId (\(flowID.count) characters) with OSC 52.")
        _ = model.update(.clipboardProgramFinished(program: "xclip", error: nil))
        #expect(model.notice == "Copied flowId (\(flowID.count) characters) with OSC 52 and xclip.")
    }

    @Test func yOnATokensTitleCopiesTheWholeTokenMaskedAsTheScreenIs() throws {
        var model = DemoFlow.model(at: .completed, size: Self.small)
        Self.focus(.tokens, &model)
        let idToken = try #require(model.flow.tokens?.idToken)
        let content = model.pane(.tokens)
        let line = try #require(content.lines.firstIndex { $0.plainText.hasPrefix("id_token") })
        for _ in 0..<line { DemoFlow.press(.character("j"), &model) }
        guard case .copy(let masked) = DemoFlow.press(.character("y"), &model) else {
            Issue.record("y copied nothing")
            return
        }
        #expect(!masked.contains(idToken))
        #expect(masked.contains(Redactor.mask))
        _ = model.update(.copyFinished(succeeded: true))
        #expect(model.notice?.contains("secrets masked") == true)
        DemoFlow.press(.character("m"), &model)
        #expect(DemoFlow.press(.character("y"), &model) == .copy(idToken))
    }

    @Test func bigYCopiesTheWholeBody() throws {
        var model = DemoFlow.model(at: .resumeReady, size: Self.small)
        let body = try #require(model.flow.record.last?.response?.body)
        #expect(DemoFlow.press(.character("Y"), &model) == .copy(String(decoding: body, as: UTF8.self)))
    }

    @Test func cCopiesARunnableCurlWithSecretsAsVariables() throws {
        var model = DemoFlow.model(at: .tokenReady, size: Self.small)
        guard case .copy(let text) = DemoFlow.press(.character("c"), &model) else {
            Issue.record("c copied nothing")
            return
        }
        for secret in model.flow.secrets where secret.count > 4 {
            #expect(!text.contains(secret), "a secret is in the masked curl")
        }
        #expect(!text.contains(Redactor.mask), "a masked value would not run")
        #expect(text.contains("${AUTHFLOW_CODE_VERIFIER}"))
        #expect(text.contains("--data-urlencode"))
        _ = model.update(.copyFinished(succeeded: true))
        #expect(model.notice?.contains("secrets as variables") == true)
        DemoFlow.press(.character("m"), &model)
        guard case .copy(let shown) = DemoFlow.press(.character("c"), &model) else { return }
        #expect(!shown.contains("${AUTHFLOW_"))
    }

    // MARK: - Attempts

    @Test func anglesBrowseTheAttemptsOfAStep() {
        var model = DemoFlow.model(at: .credentialsReady, size: Self.wide)
        DemoFlow.send(&model, answer: DemoFlow.invalidCredentials())
        // n opens the form again; the password again, then the second attempt.
        DemoFlow.press(.character("n"), &model)
        DemoFlow.type(Demo.password, &model)
        DemoFlow.press(.enter, &model)
        DemoFlow.send(&model, answer: DemoFlow.flowCompleted())
        let attempts = model.flow.record.filter { $0.step == .signOn && $0.request.method == "POST" }
        #expect(attempts.count >= 2)
        DemoFlow.press(.character("2"), &model)
        #expect(model.keyBar.line(width: 300).plainText.contains("< > attempt"))
        DemoFlow.press(.character("<"), &model)
        let notice = model.notice ?? ""
        #expect(notice.hasPrefix("Attempt "), "\(notice)")
        #expect(notice.contains("of step 2 Sign on"))
        let canvas = DemoFlow.render(model)
        #expect(canvas.text.contains("attempt \(notice.dropFirst(8).prefix(1)) of"))
        #expect(model.shownEntry?.attempt != model.flow.record.last { $0.step == .signOn }?.attempt)
        DemoFlow.press(.escape, &model)
        #expect(model.viewedAttempt == nil)
    }

    // MARK: - Mouse

    @Test func aClickFocusesAPaneAndTheWheelScrollsTheOneUnderThePointer() {
        var model = DemoFlow.model(at: .completed, size: Self.wide)
        let tokens = model.layout.rect(.tokens)
        DemoFlow.press(.mouse(MouseEvent(x: tokens.x + 3, y: tokens.y + 2, kind: .press)), &model)
        #expect(model.focus == .tokens)
        let response = model.layout.rect(.response)
        DemoFlow.press(.mouse(MouseEvent(x: response.x + 3, y: response.y + 2, kind: .wheelDown)), &model)
        #expect(model.scroll[.response]?.offset == 3)
        #expect(model.focus == .tokens, "the wheel does not move the focus")
        DemoFlow.press(.mouse(MouseEvent(x: response.x + 3, y: response.y + 2, kind: .wheelUp)), &model)
        #expect(model.scroll[.response]?.offset == 0)
    }
}
