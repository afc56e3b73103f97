import ArgumentParser
import FlowEngine
import FlowTUI
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
            variables a profile names) or a prompt, never from a flag. A Flow API sign-on that asks \
            for more takes the MFA device from --device (else the first), the one-time password from \
            AUTHFLOW_OTP or a prompt, and a new password (MUST_CHANGE_PASSWORD, PASSWORD_EXPIRED) \
            from AUTHFLOW_NEW_PASSWORD or a prompt. With --forgot-password the sign-on recovers the \
            password instead of checking one: password.forgot with --username, then password.recover \
            with the recovery code from AUTHFLOW_RECOVERY_CODE or a prompt and the new password from \
            AUTHFLOW_NEW_PASSWORD or a prompt; no password is asked. A push to approve (PUSH_CONFIRMATION_REQUIRED) is \
            polled once a second, each poll printed, for up to 120 s.
            """
    )

    @OptionGroup var flowOptions: FlowOptions
    @OptionGroup var demoOptions: DemoOptions

    @Option(
        name: .customLong("then"),
        help: "Follow-up steps after the tokens, comma-separated: userinfo, introspect, refresh, revoke, signoff.")
    var followUps: FollowUpList?

    @Option(
        name: .customLong("device"),
        help:
            "The MFA device to use when the sign-on asks for one: its id or type (EMAIL, SMS, TOTP). Default: the first."
    )
    var device: String?

    @Flag(
        name: .customLong("forgot-password"),
        help:
            "Recover the password instead of signing on with it: password.forgot for --username, then password.recover with the code from AUTHFLOW_RECOVERY_CODE (or a prompt) and a new password from AUTHFLOW_NEW_PASSWORD (or a prompt)."
    )
    var forgotPassword = false

    @Flag(help: "Print the record as JSON instead of a transcript.")
    var json = false

    @Option(
        name: .customLong("out"),
        help: ArgumentHelp(
            "Also save the session to this file (mode 0600), secrets masked unless --show-secrets.",
            valueName: "file"))
    var outFile: String?

    @Option(
        name: .customLong("format"),
        help: "The format of --out: har, md, sh or json (default: from the file's extension).")
    var outFormat: String?

    func validate() throws {
        if outFormat != nil, outFile == nil { throw ValidationError("--format goes with --out FILE.") }
        if let outFile {
            do {
                _ = try SessionFile.format(for: outFile, named: outFormat)
            } catch let error as SessionFileError {
                throw ValidationError("--out: \(error.description)")
            }
        }
    }

    func run() async throws {
        var session = try await FlowSession.prepare(flowOptions: flowOptions, demoOptions: demoOptions)
        // The demo simulator makes its key beside its start; the first request's deadline starts after.
        await session.demo?.simulator.ready()
        let prompter = SecretPrompter()
        if forgotPassword {
            // Recovery asks PingOne for a code for this username; no password is typed.
            guard session.configuration.username != nil, !session.configuration.signsOnInBrowser else {
                await session.stop()
                throw ValidationError(
                    session.configuration.signsOnInBrowser
                        ? "--forgot-password recovers through the Flow API; with --browser or --paste the sign-on page offers recovery."
                        : "--forgot-password needs --username (or a profile's username): password.forgot sends it.")
            }
            session.configuration.recoversPassword = true
        } else if session.configuration.password == nil, let username = session.configuration.username,
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
        let demo = session.demo
        let answers = SignOnAnswers(
            device: device, environment: ProcessInfo.processInfo.environment,
            isInteractive: prompter.isInteractive, demoOTP: { demo?.sentOTP(deviceID: $0) },
            demoRecoveryCode: demo?.sentRecoveryCode)
        let runner = FlowRunner(
            transport: session.transport, browserSignOn: session.browserSignOn(expectedState: flow.state),
            signOnAnswer: { try await answers.answer($0, $1) })
        let output = RunOutput(json: json, showSecrets: flowOptions.showSecrets)
        if !json {
            // The header and each step as it completes, so a slow or stuck step shows where it is.
            let writer = TranscriptWriter(redactor: .none, now: Date())
            output.line(writer.header(for: flow.configuration, masked: !flowOptions.showSecrets))
            for note in session.notes { output.line(TerminalSafe.line(note)) }
            output.line("")
        }
        var outcome = await runner.run(&flow, afterEachStep: output.showNewSteps)
        if outcome == .completed {
            for step in followUps?.steps ?? [] {
                guard flow.chooseFollowUp(step) == .awaitSend(step) else { continue }
                let action = await runner.advance(&flow)
                output.showNewSteps(flow)
                if case .failed(let failure) = action {
                    outcome = .failed(step, failure)
                    break
                }
            }
        }
        await session.stop()
        output.showNewSteps(flow)

        let redactor = flowOptions.showSecrets ? Redactor.none : flow.exportRedactor
        if json {
            let export = RecordExport(redactor: redactor, connection: session.transport.summary).json(
                configuration: flow.configuration, record: flow.record, outcome: outcome)
            output.line(export.prettyText())
        }
        if let outFile {
            // Saved before the outcome is reported, so a failed run leaves its session behind.
            let format = try SessionFile.format(for: outFile, named: outFormat)
            let session = SessionExport(flow: flow, outcome: outcome, connection: session.transport.summary)
            do {
                try SessionFileWriter.write(session.text(format, redactor: redactor), to: outFile)
            } catch {
                throw RuntimeFailure("--out: \(error.description)")
            }
            if flowOptions.showSecrets {
                output.error("authflow: warning: \(outFile) holds secrets unmasked (--show-secrets): keep it private")
            }
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
            if !json { output.line("✓ tokens received: \(names.joined(separator: ", "))") }
            output.flush()
        case .failed(let step, let failure):
            output.error(Self.failureLine(step: step, failure: failure, flow: flow, redactor: redactor))
            throw ExitCode(1)
        }
    }

    /// The one line that says what failed: the step, the cause, the likely cause, PingOne's `Correlation-Id`,
    /// and, when a retry would fail the same way, that only a new authorize can work.
    static func failureLine(step: FlowStep, failure: FlowFailure, flow: AuthorizationCodeFlow, redactor: Redactor)
        -> String
    {
        let cause = flow.likelyCause(of: failure, at: step).map { " (\($0))" } ?? ""
        let entry = flow.record.last { $0.step == step }
        let correlationID = entry?.decoded.correlationID ?? entry?.response?.header("Correlation-Id")
        let correlation = correlationID.map { " [Correlation-Id \($0)]" } ?? ""
        // What can work next, from the engine's rule: a run again (a new authorize) when a retry cannot.
        var next = ""
        if case .failed(step, _) = flow.phase, case .restart(let because) = flow.nextMove {
            next = " Next: run again, for a new authorize request (\(because))."
        }
        return "authflow: step \(step.number) \(step.title) failed: \(redactor.redact(failure.description))\(cause)"
            + redactor.redact(correlation) + redactor.redact(next)
    }
}

/// Writes `run`'s output: standard output is flushed before every line on standard error, so the
/// two read in order when they go to one terminal or file.
final class RunOutput: @unchecked Sendable {
    private let json: Bool
    private let showSecrets: Bool
    private var printed = 0

    init(json: Bool, showSecrets: Bool) {
        self.json = json
        self.showSecrets = showSecrets
    }

    func line(_ text: String) {
        print(text)
    }

    func flush() {
        fflush(nil)
    }

    func error(_ text: String) {
        fflush(nil)
        FileHandle.standardError.write(Data((TerminalSafe.line(text) + "\n").utf8))
    }

    /// Prints the steps recorded since the last call (text mode), each complete with its response.
    func showNewSteps(_ flow: AuthorizationCodeFlow) {
        guard !json else { return }
        if case .waitingForResponse = flow.phase { return }
        guard printed < flow.record.count else { return }
        let redactor = showSecrets ? Redactor.none : Redactor(secrets: flow.secrets)
        let writer = TranscriptWriter(redactor: redactor, now: Date())
        for index in printed..<flow.record.count {
            let facts = CauseFacts(configuration: flow.configuration, record: flow.record, index: index)
            print(writer.step(flow.record[index], facts: facts))
        }
        printed = flow.record.count
        fflush(nil)
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
