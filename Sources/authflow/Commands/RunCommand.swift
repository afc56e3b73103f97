import ArgumentParser
import FlowEngine
import Foundation

/// `authflow run`: the whole flow without a terminal UI, printed as a transcript or JSON.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Walk the whole flow without a terminal UI and print what happened at each step.",
        discussion: """
            Exit status: 0 when tokens were obtained (and every --then step worked); 1 when a step \
            failed, with the cause on the last line of standard error; 64 for bad options.
            Secrets come from the environment (AUTHFLOW_CLIENT_SECRET, AUTHFLOW_PASSWORD, or the \
            variables a profile names) or a prompt, never from a flag.
            """
    )

    @OptionGroup var flowOptions: FlowOptions
    @OptionGroup var demoOptions: DemoOptions

    @Option(
        name: .customLong("then"),
        help: "Follow-up steps after the tokens, comma-separated: userinfo, introspect, refresh, revoke, signoff.")
    var followUps: FollowUpList?

    @Flag(help: "Print the record as JSON instead of a transcript.")
    var json = false

    func run() async throws {
        var session = try await FlowSession.prepare(flowOptions: flowOptions, demoOptions: demoOptions)
        let prompter = SecretPrompter()
        if session.configuration.password == nil, let username = session.configuration.username,
            !session.configuration.signsOnInBrowser, prompter.isInteractive
        {
            // The Flow API sign-on needs the password: ask for it, echo off, never from a flag.
            do {
                session.configuration.password = try prompter.secret(
                    "Password for \(username)", variable: "AUTHFLOW_PASSWORD")
            } catch {
                await session.stop()
                throw error
            }
        }
        var flow = AuthorizationCodeFlow(configuration: session.configuration, randomness: .system)
        let runner = FlowRunner(transport: session.transport, browserSignOn: session.browserSignOn())
        var outcome = await runner.run(&flow)
        if outcome == .completed {
            for step in followUps?.steps ?? [] {
                guard flow.handle(.followUpChosen(step)) == .awaitSend(step) else { continue }
                _ = await runner.advance(&flow)
                if case .failed(let failedStep, let failure) = flow.phase {
                    outcome = .failed(failedStep, failure)
                    break
                }
            }
        }
        await session.stop()

        let redactor = flowOptions.showSecrets ? Redactor.none : Redactor(secrets: flow.secrets)
        if json {
            let export = RecordExport(redactor: redactor).json(
                configuration: flow.configuration, record: flow.record, outcome: outcome)
            print(export.prettyText())
        } else {
            let writer = TranscriptWriter(redactor: redactor, now: Date())
            print(writer.header(for: flow.configuration, masked: !flowOptions.showSecrets))
            for note in session.notes { print(note) }
            print("")
            print(writer.transcript(of: flow.record))
        }
        switch outcome {
        case .completed:
            let names =
                flow.tokens.map { tokens in
                    [
                        ("access_token", tokens.accessToken), ("id_token", tokens.idToken),
                        ("refresh_token", tokens.refreshToken),
                    ]
                    .filter { $0.1 != nil }.map(\.0)
                } ?? []
            if !json { print("✓ tokens received: \(names.joined(separator: ", "))") }
        case .failed(let step, let failure):
            let cause = failure.likelyCause(at: step).map { " (\($0))" } ?? ""
            let line =
                "authflow: step \(step.number) \(step.title) failed: \(redactor.redact(failure.description))\(cause)"
            FileHandle.standardError.write(Data((TerminalSafe.line(line) + "\n").utf8))
            throw ExitCode(1)
        }
    }
}

/// `--then userinfo,refresh,…`.
struct FollowUpList: ExpressibleByArgument {
    var steps: [FlowStep]

    init?(argument: String) {
        var steps: [FlowStep] = []
        for name in argument.split(separator: ",") {
            switch name.trimmingCharacters(in: .whitespaces).lowercased() {
            case "userinfo": steps.append(.userInfo)
            case "introspect", "introspection": steps.append(.introspect)
            case "refresh": steps.append(.refresh)
            case "revoke": steps.append(.revoke)
            case "signoff", "sign-off": steps.append(.signOff)
            default: return nil
            }
        }
        self.steps = steps
    }
}
