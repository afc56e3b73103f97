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
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
