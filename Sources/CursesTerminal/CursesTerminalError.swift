/// Why the curses terminal could not start.
public enum CursesTerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input or output is not a terminal (a pipe or a file); the TUI needs one.
    case notATerminal
    /// curses could not set the terminal up (unknown `TERM`, no terminfo entry).
    case cannotInitialize(terminalType: String)
    /// A stream for the terminal could not be opened.
    case cannotOpenStream(errno: Int32)

    public var description: String {
        switch self {
        case .notATerminal:
            "standard input and output must be a terminal for the interactive mode; use `authflow run` in scripts"
        case .cannotInitialize(let terminalType):
            "curses could not initialise a terminal of type '\(terminalType)'; check TERM"
        case .cannotOpenStream(let errno):
            "could not open the terminal (errno \(errno))"
        }
    }
}
