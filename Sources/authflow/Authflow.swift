import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// authflow: a terminal debugger for PingOne sign-in flows.
@main
struct Authflow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "authflow",
        abstract: "Step through the OAuth 2.0 / OpenID Connect authorization code flow on PingOne.",
        discussion: """
            authflow shows each request as it is built, sends it without following redirects, shows \
            the raw status line and headers that came back, decodes what matters (flowId, code, state, \
            cookies, PingOne errors) and inspects the tokens at the end.
            Without a tenant, `authflow demo` opens the UI against a built-in PingOne simulator, and \
            `authflow run --demo` walks the same flow headless.
            """,
        version: "0.1.0",
        subcommands: [
            InteractiveCommand.self, DemoCommand.self, RunCommand.self, DecodeCommand.self, SimulateCommand.self,
        ],
        defaultSubcommand: InteractiveCommand.self
    )

    static func main() async {
        BacktraceSetting.ensureNonInteractive()
        await Self.main(nil)
    }
}

/// The Swift runtime's crash backtracer reads `SWIFT_BACKTRACE` once, at start. On a terminal it
/// is interactive by default: it would wait for a key with the terminal in the TUI's modes. So
/// authflow runs itself again with `interactive=no` added, unless the user chose a setting.
enum BacktraceSetting {
    static func ensureNonInteractive() {
        #if os(Linux)
            let current = ProcessInfo.processInfo.environment["SWIFT_BACKTRACE"] ?? ""
            guard !current.contains("interactive"), !current.contains("enable=no") else { return }
            setenv("SWIFT_BACKTRACE", current.isEmpty ? "interactive=no" : current + ",interactive=no", 1)
            let arguments = CommandLine.arguments
            let pointers = arguments.map { strdup($0) } + [nil]
            execv("/proc/self/exe", pointers)
            // exec failed: go on in this process, the backtracer as it is.
            for pointer in pointers { free(pointer) }
        #endif
    }
}
