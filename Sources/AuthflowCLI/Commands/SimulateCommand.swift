import ArgumentParser
import Foundation
import PingOneSimulator

/// `authflow simulate`: the PingOne simulator alone, until interrupted.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the built-in PingOne-compatible simulator on loopback until Ctrl-C."
    )

    @Option(help: "Port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(help: "Listen address; loopback by default.")
    var host: String = "127.0.0.1"

    @Option(name: .customLong("config"), help: "A simulator configuration JSON file instead of the built-in demo.")
    var configFile: String?

    @Option(
        name: .customLong("fault"),
        help:
            "Make the simulator fail on purpose (repeatable): \(SimulatorFault.allCases.map(\.rawValue).joined(separator: ", "))."
    )
    var faults: [SimulatorFaultArgument] = []

    @Flag(
        name: .customLong("custom-domain"),
        help: "Serve as a PingOne custom domain: no /{envID} in any path, issuer {base}/as.")
    var customDomain = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port takes 0 to 65535.") }
    }

    func run() async throws {
        var configuration = SimulatorConfiguration.demo
        if let configFile {
            do {
                configuration = try SimulatorConfiguration.load(from: URL(fileURLWithPath: configFile))
            } catch {
                throw ValidationError("Cannot load \(configFile): \(error)")
            }
        }
        configuration.faults.formUnion(faults.map(\.fault))
        if customDomain { configuration.customDomain = true }
        let simulator = try await PingOneSimulator.start(configuration: configuration, host: host, port: port)
        print("PingOne simulator listening on \(simulator.baseURL.absoluteString)")
        print(
            "  environment   \(configuration.environmentID)"
                + (configuration.customDomain ? " (custom domain: not in any path)" : ""))
        if simulator.signOnBaseURL != simulator.baseURL {
            // As apps.pingone.<tld> is to auth.pingone.<tld>: the hosted page calls the Flow API cross-origin.
            print("  sign-on page  \(simulator.signOnBaseURL.absoluteString)  (the hosted page's own origin)")
        }
        print("  issuer        \(simulator.issuer)")
        print("  discovery     \(simulator.issuer)/.well-known/openid-configuration")
        for app in configuration.applications {
            let secret = app.secret.map { " secret \($0)" } ?? ""
            print(
                "  app           \(app.id)  \(app.name)  \(app.tokenEndpointAuthMethod)  PKCE \(app.pkceEnforcement)\(secret)"
            )
        }
        for user in configuration.users {
            print("  user          \(user.username) / \(user.password)\(user.stateSummary)")
            for device in user.devices ?? [] {
                // The OTP the simulator "sends" to the device, for the presenter to type.
                let address = device.address.map { " \($0)" } ?? ""
                print("    device      \(device.type)\(address)  \(device.id)  \(device.answerSummary)")
            }
        }
        // The code password.forgot "sends" to every user, for the presenter to type at password.recover.
        print("  recovery code \(SimulatorConfiguration.demoRecoveryCode) (password.forgot, for every user)")
        if !configuration.faults.isEmpty {
            print("  faults        \(configuration.faults.map(\.rawValue).sorted().joined(separator: ", "))")
        }
        print("Press Ctrl-C to stop.")
        // Scripts read the port from a pipe: do not leave the banner in a buffer.
        fflush(nil)
        await SignalWaiter.waitForInterrupt()
        await simulator.shutdown()
    }
}
