import FlowEngine
import Foundation
import PingOneSimulator

/// Starts a simulator for one test and builds flows that point at it.
struct SimulatorHarness {
    let simulator: PingOneSimulator
    let transport: LiveTransport

    static func start(
        faults: Set<SimulatorFault> = [],
        changing change: (inout SimulatorConfiguration) -> Void = { _ in }
    ) async throws -> SimulatorHarness {
        var configuration = SimulatorConfiguration.demo
        configuration.faults = faults
        change(&configuration)
        let simulator = try await PingOneSimulator.start(
            configuration: configuration, signingKey: try await sharedSigningKey.value)
        return SimulatorHarness(simulator: simulator, transport: LiveTransport())
    }

    /// One RSA key for every simulator of the suite (key generation dominates a start), made off the
    /// cooperative pool and awaited, never waited on.
    private static let sharedSigningKey = Task { try await PingOneSimulator.SigningKey.generate() }

    func stop() async {
        await transport.shutdown()
        await simulator.shutdown()
    }

    enum App { case web, spa }

    /// A flow configuration for one of the demo apps, with the demo user's credentials.
    func configuration(_ app: App, _ change: (inout FlowConfiguration) -> Void = { _ in }) -> FlowConfiguration {
        let demo = simulator.configuration
        let application = demo.applications[app == .web ? 0 : 1]
        var configuration = FlowConfiguration(
            authBaseURL: simulator.baseURL.absoluteString, environmentID: demo.environmentID, clientID: application.id,
            clientSecret: application.secret, redirectURI: "http://127.0.0.1/callback",
            scopes: ["openid", "profile", "email"],
            clientAuthentication: ClientAuthenticationMethod(rawValue: application.tokenEndpointAuthMethod) ?? .none,
            username: demo.users[0].username, password: demo.users[0].password,
            requestTimeout: .seconds(5))
        change(&configuration)
        return configuration
    }

    var runner: FlowRunner { FlowRunner(transport: transport) }

    /// Runs a whole flow; `beforeEachStep` may change it between requests.
    func run(
        _ configuration: FlowConfiguration,
        beforeEachStep: (inout AuthorizationCodeFlow) -> Void = { _ in }
    ) async -> (AuthorizationCodeFlow, FlowOutcome) {
        var flow = AuthorizationCodeFlow(configuration: configuration, randomness: .system)
        let outcome = await runner.run(&flow, beforeEachStep: beforeEachStep)
        return (flow, outcome)
    }
}
