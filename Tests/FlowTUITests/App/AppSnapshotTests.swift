import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// The whole screen at each step of the demo, at the two sizes that matter, compared as text.
@Suite("Screen snapshots")
struct AppSnapshotTests {
    static let sizes = [Size(columns: 120, rows: 40), Size(columns: 80, rows: 24)]

    @Test(arguments: DemoFlow.Stage.allCases, sizes)
    func demoStep(stage: DemoFlow.Stage, size: Size) {
        let model = DemoFlow.model(at: stage, size: size)
        let canvas = DemoFlow.render(model)
        expectSnapshot(canvas, named: "\(stage.rawValue)-\(size.columns)x\(size.rows)")
        for y in 0..<canvas.size.rows {
            #expect(DisplayWidth.of(canvas.row(y)) == size.columns, "row \(y) is not \(size.columns) columns wide")
        }
    }

    @Test(arguments: sizes)
    func helpOverlay(size: Size) {
        var model = DemoFlow.model(at: .signOnReady, size: size)
        DemoFlow.press(.character("?"), &model)
        let canvas = DemoFlow.render(model)
        expectSnapshot(canvas, named: "help-\(size.columns)x\(size.rows)")
        for binding in AppModel.help.sections.flatMap(\.bindings) {
            #expect(canvas.text.contains(binding.summary), "help at \(size) does not list \(binding.keys)")
        }
    }

    @Test(arguments: sizes)
    func wrongPasswordStep(size: Size) {
        var model = DemoFlow.model(at: .credentialsReady, size: size)
        DemoFlow.send(&model, answer: DemoFlow.invalidCredentials())
        let canvas = DemoFlow.render(model)
        expectSnapshot(canvas, named: "error-invalid-credentials-\(size.columns)x\(size.rows)")
        #expect(canvas.text.contains("INVALID_CREDENTIALS"))
        #expect(canvas.text.contains("✗ 2 Sign on"))
    }

    @Test(arguments: sizes)
    func parameterOverlays(size: Size) {
        var model = DemoFlow.model(at: .tokenReady, size: size)
        DemoFlow.press(.character("e"), &model)
        DemoFlow.press(.down, &model)
        expectSnapshot(DemoFlow.render(model), named: "edit-picker-\(size.columns)x\(size.rows)")
        DemoFlow.press(.enter, &model)
        DemoFlow.press(.left, &model)
        expectSnapshot(DemoFlow.render(model), named: "edit-field-\(size.columns)x\(size.rows)")
    }

    @Test func tooSmall() {
        let model = DemoFlow.model(size: Size(columns: 70, rows: 20))
        let canvas = DemoFlow.render(model)
        expectSnapshot(canvas, named: "too-small-70x20")
        #expect(canvas.text.contains("Terminal too small"))
        #expect(canvas.text.contains("70×20 now, 80×24 needed"))
    }

    @Test func unmaskedTokenStep() {
        var model = DemoFlow.model(at: .tokenReady, size: Size(columns: 120, rows: 40))
        DemoFlow.press(.character("m"), &model)
        let canvas = DemoFlow.render(model)
        expectSnapshot(canvas, named: "4-token-ready-unmasked-120x40")
        #expect(canvas.text.contains("secrets SHOWN"))
    }
}
