import CNcursesw
import Dispatch
import FlowTUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The screen: copies canvases to the terminal and reads keys, through ncursesw.
///
/// The only type that talks to curses, and the owner of the terminal while it lives: it puts the
/// terminal into cbreak / no-echo / keypad mode on start and restores it (`endwin`) on `stop()`,
/// which also runs on SIGINT, SIGTERM, SIGHUP and SIGQUIT, and when the object goes away; a crash
/// (SIGABRT, SIGSEGV, a trap…) puts the terminal back before its report prints. Curses is not
/// thread-safe, so everything here runs on the main actor.
@MainActor
public final class CursesTerminal {
    /// The terminal's size, updated when a resize is read.
    public internal(set) var size: Size
    /// Whether colours are drawn (false with `NO_COLOR` or on a terminal without colours).
    public let usesColor: Bool
    /// Whether frames are drawn in ASCII: the user's locale is not UTF-8 (`LANG=C`, or no locale
    /// set at all), or the
    /// terminal type is one that shows no UTF-8 (`TERM=linux`, `vt100`, `vt220`, `dumb`).
    public let asciiOnly: Bool
    /// Whether the terminal is in curses mode.
    public private(set) var isActive: Bool
    /// Whether mouse events are read (asked for, and the terminal reports them).
    public let usesMouse: Bool

    private let screen: OpaquePointer
    private let inputStream: UnsafeMutablePointer<FILE>
    let outputStream: UnsafeMutablePointer<FILE>
    /// The descriptor curses writes to, asked for the window size.
    let outputDescriptor: Int32
    var signalSources: [DispatchSourceSignal] = []
    /// The terminal's modes before curses changed them, put back by the crash handler.
    let savedModes: termios?
    /// The canvas stdscr holds (as drawn, after any ASCII conversion); nil when stdscr may hold
    /// something else (before the first frame, after a resize or an erase). A frame writes only
    /// the cells that differ from it.
    var shown: Canvas?

    /// Starts curses on a terminal.
    ///
    /// - Parameters:
    ///   - input: the file descriptor keys come from (standard input by default).
    ///   - output: the file descriptor the screen is drawn on (standard output by default).
    ///   - terminalType: the terminfo entry; the environment's `TERM` when nil.
    ///   - environment: read for `TERM` and `NO_COLOR` (https://no-color.org: set and not empty).
    ///   - handlesSignals: restore the terminal and exit on SIGINT (130), SIGTERM (143), SIGHUP
    ///     (129) and SIGQUIT (131), and before a crash report. Tests that run curses on a
    ///     pseudo-terminal turn this off.
    ///   - mouse: read the wheel and clicks (off with `--no-mouse`; off too when the terminal
    ///     does not report the mouse).
    public init(
        input: Int32 = STDIN_FILENO,
        output: Int32 = STDOUT_FILENO,
        terminalType: String? = nil,
        environment: [String: String],
        handlesSignals: Bool = true,
        mouse: Bool = false
    ) throws(CursesTerminalError) {
        guard isatty(input) == 1, isatty(output) == 1 else { throw .notATerminal }
        Self.selectUTF8Locale()

        // Streams on duplicates, so closing them at the end leaves the caller's descriptors open.
        guard let inputStream = fdopen(dup(input), "r") else { throw .cannotOpenStream(errno: errno) }
        guard let outputStream = fdopen(dup(output), "w") else {
            let code = errno
            fclose(inputStream)
            throw .cannotOpenStream(errno: code)
        }
        var modes = termios()
        savedModes = tcgetattr(output, &modes) == 0 ? modes : nil
        let type = terminalType ?? environment["TERM"] ?? ""
        guard !type.isEmpty, let screen = newterm(type, outputStream, inputStream) else {
            fclose(inputStream)
            fclose(outputStream)
            throw .cannotInitialize(terminalType: type)
        }
        self.screen = screen
        asciiOnly = !Self.localeIsUTF8(environment) || Self.showsNoUTF8(terminalType: type)
        self.inputStream = inputStream
        self.outputStream = outputStream
        outputDescriptor = fileno(outputStream)
        set_term(screen)

        cbreak()
        noecho()
        nonl()
        keypad(authflow_stdscr(), true)
        intrflush(authflow_stdscr(), false)
        curs_set(0)
        set_escdelay(25)

        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        usesColor = !noColor && has_colors()
        if usesColor {
            start_color()
            use_default_colors()
            for color in Style.Color.allCases {
                init_pair(Int16(color.rawValue), Self.cursesColor(color), -1)
            }
        }
        usesMouse = mouse && authflow_enable_mouse() != 0
        size = Size(columns: Int(authflow_cols()), rows: Int(authflow_lines()))
        isActive = true
        if handlesSignals { installSignalHandlers() }
    }

    isolated deinit {
        stop()
    }

    /// Restores the terminal and releases curses; safe to call more than once.
    public func stop() {
        guard isActive else { return }
        isActive = false
        shown = nil
        removeSignalHandlers()
        set_term(screen)
        curs_set(1)
        endwin()
        delscreen(screen)
        fclose(inputStream)
        fclose(outputStream)
    }

    /// Makes this terminal's screen the one curses works on (tests may hold more than one).
    func select() -> Bool {
        guard isActive else { return false }
        set_term(screen)
        return true
    }

    // MARK: - Setup helpers

    /// Curses draws wide characters only in a UTF-8 locale: use the user's, else C.UTF-8.
    private static func selectUTF8Locale() {
        setlocale(LC_ALL, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" { return }
        if setlocale(LC_CTYPE, "C.UTF-8") == nil {
            setlocale(LC_CTYPE, "en_US.UTF-8")
        }
    }

    /// Whether the user's locale, as the environment names it (`LC_ALL`, else `LC_CTYPE`, else
    /// `LANG`; none is the POSIX locale), is UTF-8: when it is not, frames are drawn in ASCII.
    static func localeIsUTF8(_ environment: [String: String]) -> Bool {
        let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? "C"
        let lowered = name.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8")
    }

    /// Terminal types whose screens show no UTF-8: the Linux console's font has no box drawing
    /// beyond its own code page, and the VT family and `dumb` are 7-bit.
    static func showsNoUTF8(terminalType: String) -> Bool {
        let type = terminalType.lowercased()
        return type == "linux" || type.hasPrefix("linux-") || type == "dumb" || type.hasPrefix("vt1")
            || type.hasPrefix("vt2") || type == "ansi"
    }

    private static func cursesColor(_ color: Style.Color) -> Int16 {
        switch color {
        case .red: authflow_color_red()
        case .green: authflow_color_green()
        case .yellow: authflow_color_yellow()
        case .blue: authflow_color_blue()
        case .magenta: authflow_color_magenta()
        case .cyan: authflow_color_cyan()
        }
    }
}
