import FlowEngine
import Foundation

/// A failure while running, not a mistake in the options: discovery, TLS or the network.
///
/// ArgumentParser prints it as one line with its cause and exits 1, without the usage text that a
/// `ValidationError` (exit 64) brings: the options were fine, the server or the network was not.
/// The text may quote a server, so it goes through the sanitizer.
struct RuntimeFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = TerminalSafe.line(description)
    }
}
