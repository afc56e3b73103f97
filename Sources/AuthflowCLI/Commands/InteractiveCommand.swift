import ArgumentParser
import FlowEngine
import FlowTUI
import Foundation
import PingOneSimulator

/// `authflow` (no subcommand) and `authflow tui`: step through the flow in the terminal UI.
struct InteractiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Step through the flow in the terminal UI, one keystroke at a time (the default command).",
        discussion: "Press ? in the UI for every key. Secrets are masked by default; m toggles."
    )

    @OptionGroup var flowOptions: FlowOptions
    @OptionGroup var demoOptions: DemoOptions
    @OptionGroup var screenOptions: ScreenOptions

    @Flag(
        name: .customLong("present"),
        help:
            "Presenting: also mask personal claims (email, names, phone, address, birthdate) in every pane, even after m."
    )
    var present = false

    func run() async throws {
        try await Self.open(
            flowOptions: flowOptions, demoOptions: demoOptions, present: present, mouse: !screenOptions.noMouse)
    }

    /// Prepares the flow and runs the TUI until the user quits; throws the exit code.
    static func open(
        flowOptions: FlowOptions, demoOptions: DemoOptions, present: Bool = false, mouse: Bool = true
    ) async throws {
        let session = try await FlowSession.prepare(flowOptions: flowOptions, demoOptions: demoOptions)
        var configuration = session.configuration
        var credentials: Presentation.DemoCredentials?
        let users = session.demo?.simulator.configuration.users ?? []
        let wanted = session.configuration.username?.lowercased()
        if session.demo != nil, let user = users.first(where: { $0.username.lowercased() == wanted }) ?? users.first {
            // The demo asks for the password at the sign-on step, as a real sign-in would; the OTPs
            // its simulator "sends" are shown in the OTP prompt.
            let otps = users.flatMap { $0.devices ?? [] }.map { ($0.id, $0.otp) }
            credentials = .init(
                username: user.username, password: user.password,
                otps: Dictionary(otps, uniquingKeysWith: { first, _ in first }),
                recoveryCode: SimulatorConfiguration.demoRecoveryCode)
            configuration.password = nil
        }
        var presentation = Presentation(
            masksSecrets: !flowOptions.showSecrets,
            label: session.demo == nil ? nil : "demo simulator",
            demoCredentials: credentials,
            tlsVerificationDisabled: flowOptions.insecure,
            callbackListenerURL: session.listener?.redirectURI,
            proxy: session.transport.proxySettings.headerText)
        presentation.masksPersonalClaims = present
        // The port a redirect URI without one was given: said before the wait, as run says it.
        presentation.startNotice = session.notes.first { $0.hasPrefix("! the redirect URI has no port") }
        var setFaults: (@Sendable ([String]) async -> Void)?
        if let simulator = session.demo?.simulator {
            // F arms the simulator's faults while it runs; --fault armed some at launch.
            presentation.faultCatalog = SimulatorFault.allCases.map { .init(name: $0.rawValue, summary: $0.summary) }
            presentation.armedFaults = demoOptions.faults.map(\.rawValue)
            setFaults = { names in await simulator.setFaults(Set(names.compactMap(SimulatorFault.init(rawValue:)))) }
        }
        let flow = AuthorizationCodeFlow(configuration: configuration, randomness: .system)
        // The listener FlowSession started (on the loopback redirect URI) catches the browser's redirect.
        let status = await InteractiveSession.run(
            flow: flow, transport: session.transport, presentation: presentation,
            listener: session.listener, setFaults: setFaults, mouse: mouse)
        await session.stop()
        if status != 0 { throw ExitCode(status) }
    }
}

/// `authflow demo`: the terminal UI against the built-in PingOne simulator, no tenant needed.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the terminal UI against the built-in PingOne simulator on loopback (no tenant, no internet).",
        discussion:
            "The demo user and password are shown on screen. --fault makes the simulator fail on purpose; in the UI, F arms and clears faults while it runs."
    )

    @OptionGroup var flowOptions: FlowOptions
    @OptionGroup var screenOptions: ScreenOptions

    @Option(
        name: .customLong("demo-app"),
        help: "Which demo app: web (confidential, CLIENT_SECRET_BASIC) or spa (public, PKCE S256 required).")
    var demoApp: DemoApp = .web

    @Option(name: .customLong("fault"), help: "Make the simulator fail on purpose (repeatable).")
    var faults: [SimulatorFaultArgument] = []

    @Flag(
        name: .customLong("custom-domain"),
        help: "Serve the simulator as a PingOne custom domain: no /{envID} in any path, issuer {base}/as.")
    var customDomain = false

    @Flag(
        name: .customLong("present"),
        help:
            "Presenting: also mask personal claims (email, names, phone, address, birthdate) in every pane, even after m."
    )
    var present = false

    func run() async throws {
        try await InteractiveCommand.open(
            flowOptions: flowOptions, demoOptions: demoOptions, present: present, mouse: !screenOptions.noMouse)
    }

    /// The demo's options as `run --demo` takes them. Every property is set: a ParsableArguments
    /// made with init() traps on a property it was not given.
    var demoOptions: DemoOptions {
        var demo = DemoOptions()
        demo.demo = true
        demo.demoApp = demoApp
        demo.faults = faults.map(\.fault)
        demo.customDomain = customDomain
        return demo
    }
}
