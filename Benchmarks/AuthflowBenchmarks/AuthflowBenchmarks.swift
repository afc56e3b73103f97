import Benchmark
import FlowEngine
import FlowTUI
import Foundation

// The in-process half of authflow's benchmark (`bash Benchmarks/run.sh`): one frame of the TUI with
// a 1 MB JSON body in the focused Response pane, at three terminal sizes, and a scroll key through
// that body (update + render). The process-level figures (keystroke to frame, first frame,
// `decode` against pyjwt, `run` against Python's http.client, peak RSS) come from
// Benchmarks/process/, run by the same script.
//
// `AUTHFLOW_BENCH_SMOKE=1` runs a handful of iterations: CI checks that the benchmark completes,
// never its figures.

let smoke = ProcessInfo.processInfo.environment["AUTHFLOW_BENCH_SMOKE"] == "1"

let benchmarks: @Sendable () -> Void = {
    // CPU time beside wall-clock time: on a loaded machine a wall-clock tail far above the CPU
    // time's is the frame waiting for a core, not work the frame did; a malloc count that varies
    // would show an allocation spike.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .microseconds,
        warmupIterations: smoke ? 1 : 5,
        maxDuration: smoke ? .milliseconds(200) : .seconds(5),
        maxIterations: smoke ? 3 : 1_000
    )

    for size in BenchmarkFlow.sizes {
        Benchmark("render \(size.columns)x\(size.rows), 1 MB body focused") { benchmark in
            let model = BenchmarkFlow.prepared(size)
            var canvas = Canvas(size: size)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                canvas = Canvas(size: size)
                model.render(into: &canvas)
                blackHole(canvas)
            }
        }
    }

    Benchmark("scroll key j + render 200x60, 1 MB body") { benchmark in
        let size = Size(columns: 200, rows: 60)
        var model = BenchmarkFlow.prepared(size)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(model.update(.keyPressed(.character("j"))))
            var canvas = Canvas(size: size)
            model.render(into: &canvas)
            blackHole(canvas)
        }
    }

    Benchmark("clock tick + render 200x60, 1 MB body") { benchmark in
        let size = Size(columns: 200, rows: 60)
        var model = BenchmarkFlow.prepared(size)
        var second = 2.0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            second += 1
            blackHole(model.update(.ticked(BenchmarkFlow.start.addingTimeInterval(second))))
            var canvas = Canvas(size: size)
            model.render(into: &canvas)
            blackHole(canvas)
        }
    }

    Benchmark("receive the 1 MB body (update, lays it out once)") { benchmark in
        let size = Size(columns: 200, rows: 60)
        let body = BenchmarkFlow.megabyteBody()
        for _ in benchmark.scaledIterations {
            var model = BenchmarkFlow.model(size: size)
            benchmark.startMeasurement()
            BenchmarkFlow.answerNextRequest(&model, body: body)
            benchmark.stopMeasurement()
            blackHole(model)
        }
    }
}

/// The demo's first step answered with a 1 MB JSON body, driven through the model's public API
/// exactly as `Program` drives it.
enum BenchmarkFlow {
    /// 2026-11-22 09:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_795_338_000)

    static func model(size: Size) -> AppModel {
        let configuration = FlowConfiguration(
            authBaseURL: "https://auth.pingone.com", environmentID: "4f9a2c1e-7b3d-4e8a-9c6f-1d2e3f4a5b6c",
            region: "NA", clientID: "8b1c3d5e-2f4a-4b6c-8d0e-1f2a3b4c5d6e", clientSecret: "s3cr3t-client-secret-value",
            redirectURI: "https://app.example.com/callback")
        let flow = AuthorizationCodeFlow(configuration: configuration, randomness: .fixed(seed: 1))
        return AppModel(
            flow: flow, presentation: Presentation(masksSecrets: true, label: "bench"), size: size, now: start)
    }

    /// A compact JSON body of about 1 MB on one line, as APIs send them.
    static func megabyteBody() -> [UInt8] {
        let item = #"{"id":"0123456789abcdef","name":"an item with a longer name","tags":["a","b","c"],"n":42}"#
        let count = 1_000_000 / (item.utf8.count + 1)
        return Array(("{\"items\":[" + Array(repeating: item, count: count).joined(separator: ",") + "]}").utf8)
    }

    /// Presses `n` and answers the request it sends with a 200 carrying `body`.
    static func answerNextRequest(_ model: inout AppModel, body: [UInt8]) {
        guard case .send(_, let ticket, _) = model.update(.keyPressed(.character("n"))) else {
            fatalError("the demo's first step sent no request")
        }
        let response = HTTPResponse(
            status: 200, reason: "OK", headers: [HTTPHeader("Content-Type", "application/json")], body: body)
        _ = model.update(
            .responseReceived(
                ticket: ticket, response, at: start.addingTimeInterval(0.042), elapsed: .milliseconds(42)))
        _ = model.update(.ticked(start.addingTimeInterval(1)))
    }

    static let sizes = [Size(columns: 80, rows: 24), Size(columns: 120, rows: 40), Size(columns: 200, rows: 60)]

    /// The models of `modelShowingMegabyteBody`, made once for every sample of every benchmark
    /// (laying out the 1 MB body takes a quarter of a second; the frames after it are measured).
    static let models = Dictionary(uniqueKeysWithValues: sizes.map { ($0, modelShowingMegabyteBody(size: $0)) })

    /// A copy of the prepared model for this size.
    static func prepared(_ size: Size) -> AppModel {
        models[size] ?? modelShowingMegabyteBody(size: size)
    }

    /// The model with the 1 MB body received and the Response pane focused.
    static func modelShowingMegabyteBody(size: Size) -> AppModel {
        var model = model(size: size)
        answerNextRequest(&model, body: megabyteBody())
        // Tab moves the focus pane by pane, as a user would reach the Response pane.
        for _ in 0..<8 where model.focus != .response { _ = model.update(.keyPressed(.tab)) }
        guard model.focus == .response else { fatalError("Tab never focused the Response pane") }
        return model
    }
}
