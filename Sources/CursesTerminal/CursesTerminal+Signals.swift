import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension CursesTerminal {
    /// Signals that end the program, with the exit status a shell expects (128 + signal).
    static let terminatingSignals: [(signal: Int32, exitStatus: Int32)] = [
        (SIGINT, 130), (SIGTERM, 143), (SIGHUP, 129),
    ]

    /// Restores the terminal before the program ends on a signal.
    ///
    /// The default action is switched off and the signal is delivered to a dispatch source on the
    /// main queue instead, so `stop()` runs on the main actor and not inside a signal handler
    /// (where `endwin` is not safe to call).
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
    }

    /// Gives the signals their default actions back.
    func removeSignalHandlers() {
        guard !signalSources.isEmpty else { return }
        for source in signalSources { source.cancel() }
        signalSources.removeAll()
        for (number, _) in Self.terminatingSignals {
            signal(number, SIG_DFL)
        }
    }
}
