import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A pseudo-terminal of a fixed size, so curses can run in a test without touching a real one.
///
/// The test drives the controller side: it writes keys there and a reader on a thread of its own
/// drains whatever curses writes, so curses never blocks on a full buffer.
final class PseudoTerminal: Sendable {
    /// The controller side (what a terminal emulator holds).
    let controller: Int32
    /// The terminal side (what the program under test holds).
    let terminal: Int32
    private let output = Output()
    private let drained = Drained()

    /// Everything curses wrote so far.
    private final class Output: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes: [UInt8] = []
        func append(_ chunk: ArraySlice<UInt8>) { lock.withLock { bytes += chunk } }
        var count: Int { lock.withLock { bytes.count } }
        var all: [UInt8] { lock.withLock { bytes } }
    }

    /// Whether the reader has seen the end of the output; waited for off the cooperative pool.
    private final class Drained: @unchecked Sendable {
        private let condition = NSCondition()
        private var done = false

        func signal() {
            condition.withLock {
                done = true
                condition.broadcast()
            }
        }

        /// Blocks until the reader is done or `timeout` seconds have passed.
        func wait(timeout: TimeInterval) {
            let deadline = Date().addingTimeInterval(timeout)
            condition.withLock {
                while !done, condition.wait(until: deadline) {}
            }
        }
    }

    /// Opens a pseudo-terminal pair and gives it a size.
    init(columns: Int, rows: Int) throws {
        var controller: Int32 = -1
        var terminal: Int32 = -1
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&controller, &terminal, nil, nil, &size) == 0 else {
            throw POSIXError(.ENODEV)
        }
        self.controller = controller
        self.terminal = terminal

        let output = self.output
        let drained = self.drained
        let reading = controller
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(reading, &buffer, buffer.count)
                if count <= 0 { break }
                output.append(buffer[0..<count])
            }
            drained.signal()
        }
        reader.start()
    }

    /// Sets the window size the terminal side reports (TIOCSWINSZ).
    func resize(columns: Int, rows: Int) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(terminal, UInt(TIOCSWINSZ), &size)
    }

    /// Types bytes as if at the keyboard.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(controller, $0.baseAddress, $0.count) }
    }

    /// How many bytes curses has written to the terminal so far.
    var bytesWritten: Int { output.count }

    /// The bytes curses has written so far; all of them once ``close()`` returned.
    var written: [UInt8] { output.all }

    /// Waits up to a second for curses to have written something; false if it wrote nothing.
    func waitForOutput() async -> Bool {
        for _ in 0..<100 where bytesWritten == 0 {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return bytesWritten > 0
    }

    /// Closes both sides, waiting (off the cooperative pool) for the reader to finish first.
    func close() async {
        Glibc.close(terminal)
        let drained = self.drained
        _ = try? await offPool { drained.wait(timeout: 2) }
        Glibc.close(controller)
    }
}
