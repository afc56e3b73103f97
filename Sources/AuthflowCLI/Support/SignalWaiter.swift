import Dispatch

#if canImport(Glibc)
    import Glibc
#endif

/// Waits for SIGINT or SIGTERM without killing the process, so servers can stop cleanly.
enum SignalWaiter {
    /// Returns the signal that arrived.
    @discardableResult
    static func waitForInterrupt() async -> Int32 {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let signals = AsyncStream<Int32> { continuation in
            // The sources live until the stream ends; they are only touched on their own queue.
            nonisolated(unsafe) let sources = [SIGINT, SIGTERM].map { number in
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { continuation.yield(number) }
                source.resume()
                return source
            }
            continuation.onTermination = { _ in
                for source in sources { source.cancel() }
            }
        }
        for await number in signals { return number }
        return SIGTERM
    }
}
