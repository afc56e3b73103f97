import ArgumentParser
import FlowEngine
import Foundation

/// `authflow run`: the whole flow without a terminal UI, printed as a transcript or JSON.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Walk the whole flow without a terminal UI and print what happened at each step.",
        discussion: """
            Exit status: 0 when tokens were obtained; 1 when a step failed (the cause is printed on \
            the last line of standard error); 64 for bad options.
            Secrets come from the environment (AUTHFLOW_CLIENT_SECRET, AUTHFLOW_PASSWORD) or a prompt, \
            never from a flag.
            """
    )

    @OptionGroup var flowOptions: FlowOptions
    @OptionGroup var demoOptions: DemoOptions

    @Flag(help: "Print the record as JSON instead of a transcript.")
    var json = false

    func run() async throws {
        var simulatorHandle: DemoSimulator?
        let configuration: FlowConfiguration
        if demoOptions.demo {
            let demo = try await DemoSimulator.start(options: demoOptions, flowOptions: flowOptions)
            simulatorHandle = demo
            configuration = demo.flowConfiguration
        } else {
            configuration = try flowOptions.configuration(environment: ProcessInfo.processInfo.environment, prompter: SecretPrompter())
        }
        let transport = LiveTransport(verifiesCertificates: !flowOptions.insecure)
        var flow = AuthorizationCodeFlow(configuration: configuration, randomness: .system)
        let runner = FlowRunner(transport: transport)
        if flow.configuration.password == nil, !json || SecretPrompter().isInteractive {
            // Ask only when a person can answer; otherwise the sign-on step reports the missing password.
            if SecretPrompter().isInteractive, let username = flow.configuration.username {
                let password = try SecretPrompter().secret("Password for \(username)")
                flow = AuthorizationCodeFlow(configuration: configuration.with(password: password), randomness: .system)
            }
        }
        let outcome = await runner.run(&flow)
        await transport.shutdown()
        await simulatorHandle?.stop()

        let redactor = flowOptions.showSecrets ? Redactor.none : Redactor(secrets: flow.secrets)
        if json {
            let export = RecordExport(redactor: redactor).json(configuration: flow.configuration, record: flow.record, outcome: outcome)
            print(export.prettyText())
        } else {
            let writer = TranscriptWriter(redactor: redactor, now: Date())
            print(writer.header(for: flow.configuration, masked: !flowOptions.showSecrets))
            if flowOptions.insecure { print("!! TLS certificate verification is OFF (--insecure)") }
            print("")
            print(writer.transcript(of: flow.record))
        }
        switch outcome {
        case .completed:
            let names = flow.tokens.map { tokens in
                [("access_token", tokens.accessToken), ("id_token", tokens.idToken), ("refresh_token", tokens.refreshToken)]
                    .filter { $0.1 != nil }.map(\.0)
            } ?? []
            if !json { print("✓ tokens received: \(names.joined(separator: ", "))") }
        case .failed(let step, let failure):
            let cause = failure.likelyCause.map { " (\($0))" } ?? ""
            FileHandle.standardError.write(Data("authflow: step \(step.number) \(step.title) failed: \(TerminalSafe.line(redactor.redact(failure.description)))\(cause)\n".utf8))
            throw ExitCode(1)
        }
    }
}

extension FlowConfiguration {
    /// The same configuration with a password typed at a prompt.
    func with(password: String) -> FlowConfiguration {
        var copy = self
        copy.password = password
        return copy
    }
}
