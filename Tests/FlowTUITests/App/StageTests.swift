import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// On stage: the fault picker, the timeline, `--present`, ASCII terminals and 80×24.
@Suite("On stage")
struct StageTests {
    static let faults: [Presentation.FaultChoice] = [
        .init(name: "wrongPassword", summary: "the password check refuses even the right password"),
        .init(name: "expiredCode", summary: "the token endpoint finds the authorization code expired"),
        .init(name: "pkceMismatch", summary: "the token endpoint finds the code_verifier does not match"),
    ]

    static func demoPresentation(armed: [String] = [], present: Bool = false) -> Presentation {
        var presentation = DemoFlow.presentation
        presentation.faultCatalog = faults
        presentation.armedFaults = armed
        presentation.masksPersonalClaims = present
        return presentation
    }

    // MARK: - Faults

    @Test func theFaultPickerArmsAFaultAndTheHeaderShowsIt() {
        var model = DemoFlow.model(
            at: .signOnReady, size: Size(columns: 80, rows: 24), presentation: Self.demoPresentation())
        #expect(!DemoFlow.render(model).text.contains("FAULT"))
        DemoFlow.press(.character("F"), &model)
        DemoFlow.press(.down, &model)
        expectSnapshot(DemoFlow.render(model), named: "fault-picker-80x24")
        let command = DemoFlow.press(.enter, &model)
        #expect(command == .setFaults(["expiredCode"]))
        #expect(model.overlay == nil)
        #expect(model.armedFaults == ["expiredCode"])
        let canvas = DemoFlow.render(model)
        #expect(canvas.row(0).contains("FAULT expiredCode"))
        #expect(model.notice?.contains("Fault expiredCode armed") == true)
        // Armed faults are checked in the picker; enter on one clears it.
        DemoFlow.press(.character("F"), &model)
        #expect(DemoFlow.render(model).text.contains("[x] expiredCode"))
        #expect(DemoFlow.press(.enter, &model) == .setFaults([]))
        #expect(!DemoFlow.render(model).row(0).contains("FAULT"))
    }

    @Test func faultsGivenAtLaunchStartArmedAndCClearsThemAll() {
        var model = DemoFlow.model(
            size: Size(columns: 120, rows: 40),
            presentation: Self.demoPresentation(armed: ["wrongPassword", "pkceMismatch"]))
        #expect(DemoFlow.render(model).row(0).contains("FAULT pkceMismatch, wrongPassword"))
        DemoFlow.press(.character("F"), &model)
        #expect(DemoFlow.press(.character("c"), &model) == .setFaults([]))
        #expect(model.armedFaults.isEmpty)
    }

    @Test func outsideTheDemoFSaysWhyItDoesNothing() {
        var model = DemoFlow.model(size: Size(columns: 120, rows: 40))
        #expect(DemoFlow.press(.character("F"), &model) == AppCommand.none)
        #expect(model.overlay == nil)
        #expect(model.notice?.contains("only in authflow demo") == true)
    }

    // MARK: - Timeline

    @Test func theTimelineListsEveryExchangeWithItsTimeAndTheTotal() {
        var model = DemoFlow.model(at: .completed, size: Size(columns: 120, rows: 40))
        DemoFlow.press(.character("t"), &model)
        let canvas = DemoFlow.render(model)
        expectSnapshot(canvas, named: "timeline-120x40")
        let text = canvas.text
        let count = model.flow.record.count
        #expect(text.contains("\(count) exchanges, \(count * 42) ms on the wire in total"))
        #expect(text.contains("42 ms"))
        // The attempt the panes show is marked.
        #expect(text.contains("2 Read flow") && text.contains("2 Check username and password"))
        #expect(
            text.split(separator: "\n").contains { $0.contains("▸ 5 Fetch the signing keys") && $0.contains("shown") })
        #expect(text.components(separatedBy: "shown").count == 2, "one exchange is marked shown")
        DemoFlow.press(.escape, &model)
        #expect(model.overlay == nil)
    }

    @Test func theTimelineMarksTheStepLookedAt() {
        var model = DemoFlow.model(at: .completed, size: Size(columns: 120, rows: 40))
        DemoFlow.press(.character("2"), &model)
        DemoFlow.press(.character("t"), &model)
        let lines = DemoFlow.render(model).text.split(separator: "\n")
        // Step 2 shows its last exchange, the password check.
        #expect(lines.contains { $0.contains("▸ 2 Check username and password") && $0.contains("shown") })
        #expect(!lines.contains { $0.contains("▸ 2 Read flow") || $0.contains("▸ 5 Fetch") })
    }

    // MARK: - --present

    @Test func presentMasksPersonalClaimsEvenUnmasked() {
        for present in [false, true] {
            var model = DemoFlow.model(
                at: .completed, size: Size(columns: 120, rows: 40),
                presentation: Self.demoPresentation(present: present))
            DemoFlow.press(.character("u"), &model)
            DemoFlow.send(&model, answer: DemoFlow.userInfo())
            for pane in Pane.allCases {
                model.focus = pane
                DemoFlow.press(.character("G"), &model)
            }
            DemoFlow.press(.character("m"), &model)
            #expect(!model.isMasked)
            let text = Pane.allCases.map { model.pane($0).lines.map(\.plainText).joined(separator: "\n") }
                .joined(separator: "\n")
            #expect(text.contains("demo.user@example.com") == !present, "present: \(present)")
            #expect(text.contains("\"family_name\"") || text.contains("family_name"))
            #expect(text.contains("User\"") == !present, "present: \(present)")
            // Everything else is as without --present: the subject is shown.
            #expect(text.contains(DemoFlow.subject))
        }
    }

    // MARK: - Every terminal

    @Test func anASCIITerminalGetsTheSameLayoutInASCII() {
        let model = DemoFlow.model(at: .completed, size: Size(columns: 80, rows: 24))
        let utf8 = DemoFlow.render(model)
        let ascii = utf8.asASCII()
        expectSnapshot(ascii, named: "ascii-complete-80x24")
        #expect(ascii.text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(ascii.row(0).hasPrefix("+ "))
        #expect(ascii.row(2).hasPrefix("+----"))
        #expect(utf8.text.contains("✓ complete") && ascii.text.contains("+ complete"))
        for y in 0..<ascii.size.rows {
            #expect(ascii.row(y).count == 80, "row \(y)")
        }
    }

    @Test func asciiStandInsKeepTheirMeaning() {
        #expect(Canvas.asciiStandIn("✗") == "x")
        #expect(Canvas.asciiStandIn("▸") == ">")
        #expect(Canvas.asciiStandIn("•") == "*")
        #expect(Canvas.asciiStandIn("…") == "~")
        #expect(Canvas.asciiStandIn("→") == ">")
        #expect(Canvas.asciiStandIn("é") == "e")
        #expect(Canvas.asciiStandIn("┼") == "+")
        #expect(Canvas.asciiStandIn("語") == "?")
    }

    @Test func at80x24TheDemoPasswordShowsWhole() {
        let model = DemoFlow.model(size: Size(columns: 80, rows: 24))
        let canvas = DemoFlow.render(model)
        #expect(canvas.row(1).contains("demo.user / \(DemoFlow.credentials.password)"))
        expectSnapshot(canvas, named: "1-authorize-ready-80x24")
    }

    // MARK: - The parameter editor

    @Test func aParameterIsAddedAndRemovedAndTheRequestSaysSo() throws {
        var model = DemoFlow.model(size: Size(columns: 120, rows: 40))
        DemoFlow.press(.character("e"), &model)
        DemoFlow.press(.character("a"), &model)
        expectSnapshot(DemoFlow.render(model), named: "edit-add-name-120x40")
        DemoFlow.type("login_hint", &model)
        DemoFlow.press(.enter, &model)
        DemoFlow.type("demo.user", &model)
        DemoFlow.press(.enter, &model)
        var url = try #require(model.frame.pendingRequest?.url)
        #expect(url.contains("login_hint=demo.user"))
        #expect(url.contains("state="))

        DemoFlow.press(.character("e"), &model)
        let stateIndex = try #require(model.flow.draft.firstIndex { $0.name == "state" })
        for _ in 0..<stateIndex { DemoFlow.press(.down, &model) }
        DemoFlow.press(.character("d"), &model)
        DemoFlow.press(.escape, &model)
        url = try #require(model.frame.pendingRequest?.url)
        #expect(!url.contains("state="))
        #expect(url.contains("login_hint=demo.user"))
        let request = try #require(DemoFlow.send(&model, answer: DemoFlow.authorizeRedirect()))
        #expect(!request.url.contains("state="))
        let changes = model.flow.record.last?.changes ?? []
        #expect(changes.contains(.parameterEdited(name: "login_hint", from: nil, to: "demo.user")))
        #expect(changes.contains { if case .parameterRemoved(name: "state", value: _) = $0 { true } else { false } })
    }

    @Test func theFlowAPIRequestTakesNoAddedParameter() {
        var model = DemoFlow.model(at: .signOnReady, size: Size(columns: 120, rows: 40))
        DemoFlow.press(.character("e"), &model)
        DemoFlow.press(.character("a"), &model)
        guard case .parameterPicker = model.overlay else {
            Issue.record("a left the picker: \(String(describing: model.overlay))")
            return
        }
        #expect(model.notice?.contains("only the parameters it names") == true)
    }

    @Test func theClientAuthenticationMethodChangesTheTokenRequest() throws {
        var model = DemoFlow.model(at: .tokenReady, size: Size(columns: 120, rows: 40))
        var request = try #require(model.frame.pendingRequest)
        #expect(request.header("Authorization")?.hasPrefix("Basic ") == true)
        DemoFlow.press(.character("e"), &model)
        #expect(DemoFlow.render(model).text.contains("CLIENT_SECRET_BASIC  A changes"))
        DemoFlow.press(.character("A"), &model)
        #expect(model.flow.configuration.clientAuthentication == .clientSecretPost)
        request = try #require(model.frame.pendingRequest)
        #expect(request.header("Authorization") == nil)
        #expect(String(decoding: request.body, as: UTF8.self).contains("client_secret="))
        DemoFlow.press(.character("A"), &model)
        request = try #require(model.frame.pendingRequest)
        #expect(String(decoding: request.body, as: UTF8.self).contains("client_assertion="))
        #expect(DemoFlow.render(model).text.contains("CLIENT_SECRET_JWT"))
        DemoFlow.press(.escape, &model)
        DemoFlow.send(&model, answer: DemoFlow.tokens(nonce: model.flow.nonce))
        #expect(
            model.flow.record.last { $0.step == .token }?.changes == [
                .clientAuthenticationChanged(from: .clientSecretBasic, to: .clientSecretPost),
                .clientAuthenticationChanged(from: .clientSecretPost, to: .clientSecretJWT),
            ])
    }

    @Test func thePKCEVerifierShowsInTheEditorWhenUnmasked() throws {
        var model = DemoFlow.model(at: .tokenReady, size: Size(columns: 120, rows: 40))
        let verifier = try #require(model.flow.pkce?.verifier)
        let index = try #require(model.flow.draft.firstIndex { $0.name == "code_verifier" })
        DemoFlow.press(.character("e"), &model)
        for _ in 0..<index { DemoFlow.press(.down, &model) }
        DemoFlow.press(.enter, &model)
        #expect(!DemoFlow.render(model).text.contains(verifier))
        DemoFlow.press(.escape, &model)
        DemoFlow.press(.escape, &model)
        DemoFlow.press(.character("m"), &model)
        DemoFlow.press(.character("e"), &model)
        #expect(DemoFlow.render(model).text.contains("PKCE verifier"))
        for _ in 0..<index { DemoFlow.press(.down, &model) }
        DemoFlow.press(.enter, &model)
        #expect(DemoFlow.render(model).text.contains(verifier))
    }
}
