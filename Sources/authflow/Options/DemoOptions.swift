import ArgumentParser
import PingOneSimulator

/// Options for running against the built-in PingOne simulator.
struct DemoOptions: ParsableArguments {
    @Flag(help: "Start the built-in PingOne simulator on loopback and run against it (no tenant, no internet).")
    var demo = false

    @Option(name: .customLong("demo-app"), help: "Which demo app: web (confidential, CLIENT_SECRET_BASIC) or spa (public, PKCE S256 required).")
    var demoApp: DemoApp = .web

    @Option(name: .customLong("fault"), help: "Make the simulator fail on purpose (repeatable): \(SimulatorFault.allCases.map(\.rawValue).joined(separator: ", ")).")
    var faults: [SimulatorFault] = []
}

/// The two applications of the simulator's demo configuration.
enum DemoApp: String, ExpressibleByArgument, CaseIterable {
    case web, spa
}

extension SimulatorFault: ExpressibleByArgument {}
