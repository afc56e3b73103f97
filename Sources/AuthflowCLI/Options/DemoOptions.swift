import ArgumentParser
import PingOneSimulator

/// Options for running against the built-in PingOne simulator.
struct DemoOptions: ParsableArguments {
    @Flag(help: "Start the built-in PingOne simulator on loopback and run against it (no tenant, no internet).")
    var demo = false

    @Option(
        name: .customLong("demo-app"),
        help: "Which demo app: web (confidential, CLIENT_SECRET_BASIC) or spa (public, PKCE S256 required).")
    var demoApp: DemoApp = .web

    @Option(
        name: .customLong("fault"),
        help: ArgumentHelp("Make the simulator fail on purpose (repeatable).", discussion: SimulatorFaultArgument.list))
    var faultArguments: [SimulatorFaultArgument] = []

    @Flag(
        name: .customLong("custom-domain"),
        help: "Serve the simulator as a PingOne custom domain: no /{envID} in any path, issuer {base}/as.")
    var customDomain = false

    var faults: [SimulatorFault] {
        get { faultArguments.map(\.fault) }
        set { faultArguments = newValue.map(SimulatorFaultArgument.init) }
    }
}

/// The two applications of the simulator's demo configuration.
enum DemoApp: String, ExpressibleByArgument, CaseIterable {
    case web, spa
}

/// A `--fault` value, named as the simulator names it.
struct SimulatorFaultArgument: ExpressibleByArgument {
    var fault: SimulatorFault

    init(_ fault: SimulatorFault) {
        self.fault = fault
    }

    init?(argument: String) {
        guard let fault = SimulatorFault(rawValue: argument) else { return nil }
        self.fault = fault
    }

    static var allValueStrings: [String] { SimulatorFault.allCases.map(\.rawValue) }

    /// Every fault with its one-line summary, for `--help`.
    static var list: String {
        SimulatorFault.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "\n")
    }
}
