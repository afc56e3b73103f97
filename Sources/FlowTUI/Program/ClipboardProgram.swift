import Foundation

/// A program that puts text on the system clipboard (`wl-copy`, `xclip`, `xsel`, `pbcopy`), used
/// beside OSC 52 when one is present: the text goes to its standard input, and it is given a
/// deadline, so a program that hangs (an X server that does not answer) never holds the screen up.
public struct ClipboardProgram: Equatable, Sendable {
    /// The program's name, for the notice.
    public var name: String
    /// Its path.
    public var executable: String
    public var arguments: [String]

    public init(name: String, executable: String, arguments: [String]) {
        self.name = name
        self.executable = executable
        self.arguments = arguments
    }

    /// How long the program may take.
    public static let deadline: TimeInterval = 3

    /// The program for this session, or nil when none is present: `wl-copy` under Wayland,
    /// `xclip` or `xsel` under X11, `pbcopy` on macOS (by `PATH` and the display variables).
    public static func detect(environment: [String: String]) -> ClipboardProgram? {
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        func find(_ name: String) -> String? {
            path.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        var candidates: [(String, [String])] = []
        if !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty { candidates.append(("wl-copy", [])) }
        if !(environment["DISPLAY"] ?? "").isEmpty {
            candidates.append(("xclip", ["-selection", "clipboard", "-in"]))
            candidates.append(("xsel", ["--clipboard", "--input"]))
        }
        #if os(macOS)
            candidates.append(("pbcopy", []))
        #endif
        for (name, arguments) in candidates {
            if let executable = find(name) {
                return ClipboardProgram(name: name, executable: executable, arguments: arguments)
            }
        }
        return nil
    }

    /// Runs the program with `text` on its standard input; returns nil when it exited with 0,
    /// else why not (it failed, or was stopped at the deadline). Blocking work runs on a thread
    /// of its own, never on the caller's.
    public func copy(_ text: String) async -> String? {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Self.runBlocking(self, text: text))
            }
            thread.start()
        }
    }

    private static func runBlocking(_ program: ClipboardProgram, text: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.executable)
        process.arguments = program.arguments
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return "could not start (\(error.localizedDescription))"
        }
        // Written on this thread; a program that does not read is stopped at the deadline.
        let writer = Thread {
            try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        if finished.wait(timeout: .now() + deadline) == .timedOut {
            process.terminate()
            _ = finished.wait(timeout: .now() + 1)
            return "no answer within \(Int(deadline)) s"
        }
        return process.terminationStatus == 0 ? nil : "exit status \(process.terminationStatus)"
    }
}
