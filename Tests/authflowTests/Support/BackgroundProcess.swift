import Foundation
import TestSupport

/// A process started in the background whose output can be watched while it runs.
final class BackgroundProcess: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var output = Data()
    private var errors = Data()
    private var readersDone = 0

    /// Standard input, for answering prompts.
    let input = Pipe()

    init(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = executable
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for key in merged.keys where key.hasPrefix("AUTHFLOW_") { merged[key] = nil }
        merged.merge(environment) { $1 }
        process.environment = merged
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = input
        try process.run()
        drain(outPipe.fileHandleForReading) { self.output.append($0) }
        drain(errPipe.fileHandleForReading) { self.errors.append($0) }
    }

    private func drain(_ handle: FileHandle, into append: @escaping @Sendable (Data) -> Void) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.lock()
                append(chunk)
                lock.unlock()
            }
            lock.lock()
            readersDone += 1
            lock.unlock()
        }
    }

    private var readersFinished: Bool {
        lock.lock()
        defer { lock.unlock() }
        return readersDone == 2
    }

    var standardOutput: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: output, as: UTF8.self)
    }

    var standardError: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: errors, as: UTF8.self)
    }

    /// Closes standard input, so a prompt reads end-of-file.
    func closeInput() {
        try? input.fileHandleForWriting.close()
    }

    /// Writes a line to standard input.
    func type(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Waits until standard output or error contains `text`; false on timeout or exit.
    /// It sleeps between looks rather than blocking, so other tasks of the test keep running.
    func waitFor(_ text: String, inErrors: Bool = true, timeout: TimeInterval) async -> Bool {
        var budget = WaitBudget(timeout)
        repeat {
            if (inErrors ? standardError : standardOutput).contains(text) { return true }
            if !process.isRunning { return (inErrors ? standardError : standardOutput).contains(text) }
            try? await Task.sleep(for: .milliseconds(50))
        } while budget.hasTimeLeft()
        return (inErrors ? standardError : standardOutput).contains(text)
    }

    /// Waits for the exit (terminating after `timeout`) and for the output to be read.
    func waitForExit(timeout: TimeInterval) async -> Int32 {
        var budget = WaitBudget(timeout)
        while process.isRunning, budget.hasTimeLeft() { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        let readDeadline = Date().addingTimeInterval(5)
        while Date() < readDeadline, !readersFinished {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    /// Kills the process (SIGKILL: a test's servers need no graceful shutdown). It does not wait:
    /// Foundation reaps the child on its own thread, and `stop` is called from `defer`.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
    }
}
