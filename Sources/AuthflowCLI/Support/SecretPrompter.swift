import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Asks for a secret on the terminal with echo off; never reads secrets from flags.
struct SecretPrompter {
    /// Whether standard input is a terminal a person can type into.
    var isInteractive: Bool = isatty(STDIN_FILENO) == 1

    /// Reads one secret; fails with a clear message, naming the variable to set, when no one can type it.
    func secret(_ label: String, variable: String) throws -> String {
        guard isInteractive else {
            throw ValidationError(
                "\(label) is needed: set \(variable) in the environment; there is no terminal to ask on.")
        }
        FileHandle.standardError.write(Data("\(label): ".utf8))
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return readLine(strippingNewline: true) ?? "" }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        // Ctrl-C or a kill while echo is off must not leave the terminal without echo.
        EchoGuard.arm(original)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            EchoGuard.disarm()
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}

/// Puts echo back if SIGINT, SIGTERM, SIGHUP or SIGQUIT arrives while a secret is typed, then lets
/// the signal end the program as it would have.
enum EchoGuard {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// Allocated once and never freed: a signal handler reads them, so they must not move or go away.
    nonisolated(unsafe) private static let modes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) private static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 4)

    static func arm(_ original: termios) {
        modes.pointee = original
        for (index, number) in signals.enumerated() {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = echoGuardHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(number, &action, previous + index)
        }
    }

    static func disarm() {
        for (index, number) in signals.enumerated() { sigaction(number, previous + index, nil) }
    }

    fileprivate static func restore(_ number: Int32) {
        tcsetattr(STDIN_FILENO, TCSANOW, modes)
        _ = write(STDERR_FILENO, "\n", 1)
        let index = number == SIGINT ? 0 : number == SIGTERM ? 1 : number == SIGHUP ? 2 : 3
        sigaction(number, previous + index, nil)
        raise(number)
    }
}

private func echoGuardHandler(_ number: Int32) {
    EchoGuard.restore(number)
}
