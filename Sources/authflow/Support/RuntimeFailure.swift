import FlowEngine
import Foundation

/// A failure of the run, not of the command line: ArgumentParser prints it and exits 1, with no usage text.
struct RuntimeFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = TerminalSafe.line(description)
    }
}
