import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// The screen after the tokens and for the protocol variants, at the two sizes that matter.
@Suite("Variant snapshots")
struct VariantSnapshotTests {
    static let sizes = AppSnapshotTests.sizes

    static func expectFullWidth(_ canvas: Canvas, sourceLocation: SourceLocation = #_sourceLocation) {
        for y in 0..<canvas.size.rows {
            #expect(
                DisplayWidth.of(canvas.row(y)) == canvas.size.columns, "row \(y) is not full width",
                sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: sizes)
    func completedWithFollowUpsOffered(size: Size) {
        let model = DemoFlow.completedWithRefreshToken(size: size)
        let canvas = DemoFlow.render(model)
        expectSnapshot(canvas, named: "7-follow-ups-offered-\(size.columns)x\(size.rows)")
        #expect(canvas.text.contains("u userinfo"))
        Self.expectFullWidth(canvas)
    }

    @Test(arguments: sizes)
    func userInfoStep(size: Size) {
        var model = DemoFlow.completedWithRefreshToken(size: size)
        DemoFlow.press(.character("u"), &model)
        DemoFlow.send(&model, answer: DemoFlow.userInfo())
        DemoFlow.press(.tab, &model)
        DemoFlow.press(.tab, &model)  // the decoded pane, where the claims are
        let canvas = DemoFlow.render(model)
        expectSnapshot(canvas, named: "8-userinfo-\(size.columns)x\(size.rows)")
        #expect(canvas.text.contains("UserInfo"))
        Self.expectFullWidth(canvas)
    }

    @Test(arguments: sizes)
    func refreshStepShowsRotation(size: Size) {
        var model = DemoFlow.completedWithRefreshToken(size: size)
        DemoFlow.press(.character("f"), &model)
        let seconds = Int(model.now.timeIntervalSince(DemoFlow.start))
        DemoFlow.send(
            &model,
            answer: DemoFlow.tokens(
                nonce: model.flow.nonce, refreshToken: DemoFlow.rotatedRefreshToken,
                issuedAfter: seconds))
        let canvas = DemoFlow.render(model)
        expectSnapshot(canvas, named: "9-refresh-rotated-\(size.columns)x\(size.rows)")
        #expect(canvas.text.contains("rotated"))
        #expect(!canvas.text.contains(DemoFlow.rotatedRefreshToken))
        Self.expectFullWidth(canvas)
    }

    @Test(arguments: sizes)
    func pushedAuthorization(size: Size) {
        let model = ProtocolVariantTests.modelAfterPAR(size: size)
        let canvas = DemoFlow.render(model)
        expectSnapshot(canvas, named: "par-authorize-ready-\(size.columns)x\(size.rows)")
        #expect(canvas.text.contains("0 PAR"))
        Self.expectFullWidth(canvas)
    }

    @Test(arguments: sizes)
    func clientSecretJWTTokenRequest(size: Size) {
        var model = ProtocolVariantTests.modelAtToken(
            ProtocolVariantTests.configuration(authentication: .clientSecretJWT), size: size)
        // Scroll the request pane to the decoded assertion, as a user would.
        let lines = model.pane(.request).lines.map(\.plainText)
        let heading = lines.firstIndex { $0.hasPrefix("client_assertion  decoded") } ?? 0
        for _ in 0..<max(0, heading - 1) { DemoFlow.press(.character("j"), &model) }
        let canvas = DemoFlow.render(model)
        expectSnapshot(canvas, named: "client-secret-jwt-token-\(size.columns)x\(size.rows)")
        #expect(canvas.text.contains("client_assertion"))
        #expect(canvas.text.contains("HS256"))
        Self.expectFullWidth(canvas)
    }
}
