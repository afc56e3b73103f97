import ArgumentParser
import AuthflowCLI
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The process's entry: makes crash backtraces non-interactive, then runs the ``Authflow`` command.
@main
enum AuthflowMain {
    static func main() async {
        BacktraceSetting.ensureNonInteractive()
        await Authflow.main(nil)
    }
}

/// The Swift runtime's crash backtracer reads `SWIFT_BACKTRACE` once, at start. On a terminal it
/// is interactive by default: it would wait for a key with the terminal in the TUI's modes. So
/// authflow runs itself again with `interactive=no` added, unless the user chose a setting. With
/// standard input not a terminal (a pipe or a file, as in scripts) the backtracer is not interactive
/// anyway, and the second start (some 20 ms) is skipped.
enum BacktraceSetting {
    static func ensureNonInteractive() {
        #if os(Linux)
            guard isatty(STDIN_FILENO) != 0 else { return }
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
