import FlowEngine
import Foundation
import PingOneSimulator

/// The embedded simulator started for `--demo`, and the flow configuration that points at it.
struct DemoSimulator {
    let simulator: PingOneSimulator
    let flowConfiguration: FlowConfiguration

    /// Starts the simulator on a free loopback port and configures the chosen demo app.
    static func start(options: DemoOptions, flowOptions: FlowOptions) async throws -> DemoSimulator {
        var simulatorConfiguration = SimulatorConfiguration.demo
        simulatorConfiguration.faults = Set(options.faults)
        let simulator = try await PingOneSimulator.start(configuration: simulatorConfiguration)
        let configuration = simulator.configuration
        let appIndex = options.demoApp == .web ? 0 : 1
        let app = configuration.applications[appIndex]
        let user = configuration.users[0]
        let method = ClientAuthenticationMethod(rawValue: app.tokenEndpointAuthMethod) ?? .none
        let flow = FlowConfiguration(
            authBaseURL: simulator.baseURL.absoluteString,
            environmentID: configuration.environmentID,
            region: "simulator",
            clientID: app.id,
            clientSecret: app.secret,
            redirectURI: "http://127.0.0.1/callback",
            scopes: flowOptions.scope.split(separator: " ").map(String.init),
            authorizeMethod: flowOptions.post ? .post : .get,
            clientAuthentication: method,
            pkceMethod: flowOptions.pkce.method,
            responseMode: flowOptions.responseMode,
            username: flowOptions.username ?? user.username,
            password: user.password,
            extraAuthorizeParameters: flowOptions.extraParameters,
            requestTimeout: .seconds(flowOptions.timeout))
        return DemoSimulator(simulator: simulator, flowConfiguration: flow)
    }

    func stop() async {
        await simulator.shutdown()
    }
}
