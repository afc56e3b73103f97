import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CursesTerminal {
    /// Signals that end the program, with the exit status a shell expects (128 + signal).
    /// SIGQUIT (Ctrl-\) is one of them: curses keeps the terminal's signal keys working.
    static let terminatingSignals: [(signal: Int32, exitStatus: Int32)] = [
        (SIGINT, 130), (SIGTERM, 143), (SIGHUP, 129), (SIGQUIT, 131),
    ]

    /// Signals of a crash (a trap, an abort, a bad access): the terminal is put back at once, in
    /// the handler, then the signal goes on to the handler that was there before (the Swift
    /// runtime's backtracer, or the default action), which prints its report on a normal screen.
    static let crashSignals: [Int32] = [SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE]

    /// Restores the terminal before the program ends on a signal.
    ///
    /// For the terminating signals the default action is switched off and the signal is delivered
    /// to a dispatch source on the main queue instead, so `stop()` runs on the main actor and not
    /// inside a signal handler (where `endwin` is not safe to call). A crash cannot wait for the
    /// main queue: its handler only writes the escape sequences that leave the alternate screen and
    /// show the cursor, and puts back the terminal modes saved at start (both async-signal-safe).
    func installSignalHandlers() {
        for (number, status) in Self.terminatingSignals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler { [weak self] in
                MainActor.assumeIsolated {
                    self?.stop()
                }
                exit(status)
            }
            source.resume()
            signalSources.append(source)
        }
        CrashRestore.install(descriptor: outputDescriptor, modes: savedModes, signals: Self.crashSignals)
    }

    /// Gives the signals their default actions back.
    func removeSignalHandlers() {
        CrashRestore.uninstall()
        guard !signalSources.isEmpty else { return }
        for source in signalSources { source.cancel() }
        signalSources.removeAll()
        for (number, _) in Self.terminatingSignals {
            signal(number, SIG_DFL)
        }
    }
}

/// What a crash handler needs, set up before curses starts and read only inside the handler.
///
/// Everything is allocated in advance: a signal handler may not allocate, lock or call curses.
enum CrashRestore {
    /// Stop mouse reporting, leave the alternate screen, reset attributes, show the cursor, and
    /// start a fresh line.
    private static let sequence: [UInt8] = Array(
        "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l\u{1B}[?1049l\u{1B}[0m\u{1B}[?25h\r\n".utf8)
    nonisolated(unsafe) private static var bytes: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) private static var descriptor: Int32 = -1
    /// Curses' own descriptor, and `/dev/null` to put in its place once the terminal is restored.
    nonisolated(unsafe) private static var cursesDescriptor: Int32 = -1
    nonisolated(unsafe) private static var nullDescriptor: Int32 = -1
    nonisolated(unsafe) private static var modes: UnsafeMutablePointer<termios>?
    nonisolated(unsafe) private static var previous: UnsafeMutablePointer<sigaction>?
    nonisolated(unsafe) private static var signals: [Int32] = []
    nonisolated(unsafe) private static var installed = false

    static func install(descriptor: Int32, modes saved: termios?, signals list: [Int32]) {
        guard !installed else { return }
        if bytes == nil {
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: sequence.count)
            buffer.initialize(from: sequence, count: sequence.count)
            bytes = buffer
            modes = .allocate(capacity: 1)
            previous = .allocate(capacity: Int(NSIG))
        }
        // Its own descriptor, so closing curses' stream does not take it away mid-crash.
        Self.descriptor = dup(descriptor)
        cursesDescriptor = descriptor
        nullDescriptor = open("/dev/null", O_WRONLY)
        if let saved { modes?.pointee = saved } else { modes?.pointee.c_lflag = 0 }
        hasModes = saved != nil
        signals = list
        for number in list {
            var action = sigaction()
            #if canImport(Glibc)
                action.__sigaction_handler.sa_handler = crashHandler
            #else
                action.__sigaction_u.__sa_handler = crashHandler
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(number, &action, previous! + Int(number))
        }
        installed = true
    }

    nonisolated(unsafe) private static var hasModes = false

    static func uninstall() {
        guard installed else { return }
        for number in signals { sigaction(number, previous! + Int(number), nil) }
        installed = false
        close(descriptor)
        descriptor = -1
        if nullDescriptor >= 0 { close(nullDescriptor) }
        nullDescriptor = -1
        cursesDescriptor = -1
    }

    /// In the handler: put the terminal back, then hand the signal to the handler from before.
    fileprivate static func restoreAndChain(_ number: Int32) {
        if let bytes, descriptor >= 0 {
            _ = write(descriptor, bytes, sequence.count)
            if hasModes, let modes { tcsetattr(descriptor, TCSANOW, modes) }
        }
        // The other threads run on while the report is made, and on after it when the signal came
        // from kill(2): a frame they draw now would land on the normal screen, over the report.
        // Curses' descriptor goes to /dev/null instead (dup2 is async-signal-safe).
        if nullDescriptor >= 0, cursesDescriptor >= 0 { dup2(nullDescriptor, cursesDescriptor) }
        if let previous { sigaction(number, previous + Int(number), nil) }
        // Blocked while this handler runs: delivered to the previous handler as soon as it returns
        // (a fault re-executes the instruction and faults again, into that handler, just the same).
        raise(number)
    }
}

private func crashHandler(_ number: Int32) {
    CrashRestore.restoreAndChain(number)
}
