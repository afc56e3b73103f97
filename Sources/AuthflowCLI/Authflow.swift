import ArgumentParser
import Foundation

/// authflow: a terminal debugger for PingOne sign-in flows. The root command; its subcommands are
/// the commands, and `main` in the executable runs it.
public struct Authflow: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "authflow",
        abstract: "Step through the OAuth 2.0 / OpenID Connect authorization code flow on PingOne.",
        discussion: """
            authflow shows each request as it is built, sends it without following redirects, shows \
            the raw status line and headers that came back, decodes what matters (flowId, code, state, \
            cookies, PingOne errors) and inspects the tokens at the end.
            Without a tenant, `authflow demo` opens the UI against a built-in PingOne simulator, and \
            `authflow run --demo` walks the same flow headless.
            """,
        version: AuthflowVersion.description,
        subcommands: [
            InteractiveCommand.self, DemoCommand.self, RunCommand.self, DecodeCommand.self, OpenCommand.self,
            SimulateCommand.self,
        ],
        defaultSubcommand: InteractiveCommand.self
    )

    public init() {}
}
