import Crypto
import FlowEngine
import Foundation
import PingOneSimulator

/// The embedded simulator started for `--demo`, and the flow configuration that points at it.
///
/// The demo app adapts to the options: another `--auth-method` is set on the app, and
/// `PRIVATE_KEY_JWT` or a key-signed request object gets a key made now, its public half
/// registered with the simulator, so every variant can be shown without a tenant.
struct DemoSimulator {
    let simulator: PingOneSimulator
    let flowConfiguration: FlowConfiguration

    /// Starts the simulator on a free loopback port and configures the chosen demo app.
    static func start(options: DemoOptions, flowOptions: FlowOptions) async throws -> DemoSimulator {
        var simulatorConfiguration = SimulatorConfiguration.demo
        simulatorConfiguration.faults = Set(options.faults)
        simulatorConfiguration.customDomain = options.customDomain
        let appIndex = options.demoApp == .web ? 0 : 1
        var app = simulatorConfiguration.applications[appIndex]
        var settings = FlowSettings()
        settings.clientID = app.id
        settings.redirectURI = "http://127.0.0.1/callback"
        settings.authMethod = app.tokenEndpointAuthMethod
        settings.username = simulatorConfiguration.users[0].username
        var flags = flowOptions.settings
        flags.authPath = nil
        flags.region = nil
        flags.issuer = nil
        flags.environmentID = nil
        settings = settings.overlaid(with: flags)
        // `--username mfa` or `temp` signs on as that demo user, with its password.
        let user =
            simulatorConfiguration.users.first { $0.username.lowercased() == settings.username?.lowercased() }
            ?? simulatorConfiguration.users[0]

        let method = try settings.clientAuthentication()
        app.tokenEndpointAuthMethod = method.rawValue
        if method != .none, app.secret == nil { app.secret = "demo-spa-secret-4Kd9" }
        var clientKey: ClientKey?
        if method == .privateKeyJWT || settings.requestObject?.lowercased() == "key" {
            let key = P256.Signing.PrivateKey()
            clientKey = try ClientKey(text: key.pemRepresentation, keyID: "authflow-demo-key")
            app.jwks = publicJWKS(key)
        }
        simulatorConfiguration.applications[appIndex] = app

        let simulator = try await PingOneSimulator.start(configuration: simulatorConfiguration)
        settings.authPath = simulator.baseURL.absoluteString
        // A custom domain has no environment segment: the flow is configured as for one.
        settings.environmentID = options.customDomain ? nil : simulatorConfiguration.environmentID
        var flow = try settings.configuration(clientSecret: app.secret, password: user.password, clientKey: clientKey)
        flow.region = "simulator"
        // The hosted sign-on page's second origin is the simulator's own (as apps.pingone is PingOne's).
        flow.simulatorSignOnOrigins = [simulator.signOnBaseURL.absoluteString]
        flow.extraAuthorizeParameters = flowOptions.extraParameters
        return DemoSimulator(simulator: simulator, flowConfiguration: flow)
    }

    func stop() async {
        await simulator.shutdown()
    }

    /// The public half of a P-256 key as a JWKS (RFC 7518 §6.2.1).
    static func publicJWKS(_ key: P256.Signing.PrivateKey) -> String {
        let raw = Array(key.publicKey.rawRepresentation)
        let jwk = JSONValue.object([
            JSONMember("kty", .string("EC")), JSONMember("crv", .string("P-256")),
            JSONMember("kid", .string("authflow-demo-key")), JSONMember("use", .string("sig")),
            JSONMember("alg", .string("ES256")),
            JSONMember("x", .string(Base64URL.encode(raw.prefix(32)))),
            JSONMember("y", .string(Base64URL.encode(raw.suffix(32)))),
        ])
        return JSONValue.object([JSONMember("keys", .array([jwk]))]).compactText
    }

    /// The password-recovery code the simulator "sends" after `password.forgot`, shown in the recovery prompt.
    var sentRecoveryCode: String { SimulatorConfiguration.demoRecoveryCode }

    /// The one-time password the simulator "sent" to a device: the demo shows it where the presenter can read it.
    func sentOTP(deviceID: String?) -> String? {
        simulator.configuration.users.lazy.compactMap { $0.devices?.first { $0.id == deviceID }?.otp }.first
    }
}
