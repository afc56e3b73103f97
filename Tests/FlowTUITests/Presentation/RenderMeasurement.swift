import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// Prints how long a frame takes at 200×60 with a 1 MB JSON body in the Response pane.
///
/// A measurement, not a test of speed: it asserts nothing about time, and runs only when asked
/// (`AUTHFLOW_MEASURE_RENDER=1 swift test --filter RenderMeasurement`), so a loaded machine
/// cannot fail it.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["AUTHFLOW_MEASURE_RENDER"] == "1"))
struct RenderMeasurement {
    /// A compact JSON body of about 1 MB, one line, as APIs send them.
    static func megabyteBody() -> [UInt8] {
        let item = #"{"id":"0123456789abcdef","name":"an item with a longer name","tags":["a","b","c"],"n":42}"#
        let count = 1_000_000 / (item.utf8.count + 1)
        return Array(("{\"items\":[" + Array(repeating: item, count: count).joined(separator: ",") + "]}").utf8)
    }

    @Test func frameWithAMegabyteBody() {
        var model = DemoFlow.model(size: Size(columns: 200, rows: 60))
        let clock = ContinuousClock()
        let body = Self.megabyteBody()
        let received = clock.measure {
            DemoFlow.send(
                &model,
                answer: HTTPResponse(
                    status: 200, reason: "OK", headers: [HTTPHeader("Content-Type", "application/json")], body: body))
        }
        DemoFlow.press(.tab, &model)
        var times: [Duration] = []
        for _ in 0..<30 {
            times.append(clock.measure { _ = DemoFlow.render(model) })
        }
        var scrolls: [Duration] = []
        for _ in 0..<30 {
            scrolls.append(
                clock.measure {
                    DemoFlow.press(.character("j"), &model)
                    _ = DemoFlow.render(model)
                })
        }
        var ticks: [Duration] = []
        for second in 0..<10 {
            ticks.append(
                clock.measure {
                    _ = model.update(.ticked(DemoFlow.date(100 + Double(second))))
                    _ = DemoFlow.render(model)
                })
        }
        // What every frame did before the panes were laid out in `update`: all four, from the snapshot.
        var layouts: [Duration] = []
        let widths = AppLayout(size: model.size)
        for _ in 0..<10 {
            layouts.append(
                clock.measure {
                    for pane in Pane.allCases {
                        var body: BodyLayout?
                        _ = PaneLayouts.content(pane, of: model.frame, width: widths.body(pane).width, body: &body)
                    }
                })
        }
        func summary(_ values: [Duration]) -> String {
            let sorted = values.sorted()
            return "median \(sorted[sorted.count / 2]), max \(sorted.last ?? .zero)"
        }
        print("RenderMeasurement: body \(body.count) bytes, \(model.pane(.response).lines.count) lines")
        print("RenderMeasurement: update receiving it \(received)")
        print("RenderMeasurement: render alone \(summary(times))")
        print("RenderMeasurement: scroll key + render \(summary(scrolls))")
        print("RenderMeasurement: tick + render \(summary(ticks))")
        print("RenderMeasurement: laying out the four panes (each frame's work before) \(summary(layouts))")
    }
}
