import Foundation
import TestSupport

/// A tmux server of the test's own (`-L`), running one command in a detached session of a fixed size.
///
/// Tests type with `send-keys` and read the screen with `capture-pane -p`; they never touch a
/// terminal they do not own.
struct TmuxSession {
    let socket: String
    let name = "authflow"
    /// The tmux server's process and the pane's (a process group leader), ended by ``kill()``.
    private var processes: (server: pid_t, pane: pid_t)?
    private init(socket: String) {
        self.socket = socket
    }

    /// Starts `command` in a new detached session of `width`×`height`.
    static func start(command: String, width: Int = 120, height: Int = 40) async throws -> TmuxSession {
        var session = TmuxSession(socket: "authflow-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try await session.tmux([
            "new-session", "-d", "-s", session.name, "-x", String(width), "-y", String(height), command,
        ])
        let pids = try await session.tmux(["display-message", "-p", "-t", session.name, "#{pid} #{pane_pid}"])
            .split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        if pids.count == 2, pids.allSatisfy({ $0 > 1 }) { session.processes = (pids[0], pids[1]) }
        return session
    }

    /// Runs one tmux command on a thread of its own (it waits for the client to exit) and returns
    /// what it printed.
    @discardableResult
    func tmux(_ arguments: [String]) async throws -> String {
        let socket = socket
        return try await offPool { try Self.runTmux(socket: socket, arguments) }
    }

    /// Runs one tmux command to its end and returns what it printed; it blocks, so callers run it
    /// off the cooperative pool.
    ///
    /// It uses posix_spawn and waitpid rather than Foundation's Process: the first command forks
    /// the tmux server, and Process on Linux loses track of such a client (it stays "running").
    private static func runTmux(socket: String, _ arguments: [String]) throws -> String {
        let outputPath = NSTemporaryDirectory() + "authflow-tmux-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(outputPath) }
        let pid = try spawnTmux(socket: socket, arguments, output: outputPath)
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) == -1, errno == EINTR {}
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }

    /// Starts one tmux client with its output to `output`; returns its process id.
    private static func spawnTmux(socket: String, _ arguments: [String], output outputPath: String) throws -> pid_t {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // The first command forks the tmux server, which lives on: it must not inherit the pipes of
        // other processes this test run has open, or their readers would wait for it to exit.
        for descriptor in 3..<Int32(1024) where fcntl(descriptor, F_GETFD) != -1 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        let argv = ["tmux", "-L", socket] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        // The binary draws in ASCII without a UTF-8 locale; the tests read the UTF-8 screen unless they set one.
        if (environment["LANG"] ?? "").isEmpty, (environment["LC_ALL"] ?? "").isEmpty {
            environment["LANG"] = "C.UTF-8"
        }
        environment.removeValue(forKey: "TMUX")
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let status = withCStrings(argv) { argvPointers in
            withCStrings(envp) { envPointers in
                posix_spawnp(&pid, "tmux", &actions, nil, argvPointers, envPointers)
            }
        }
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .ENOENT) }
        return pid
    }

    /// Types keys (tmux key names such as `Enter`, or literal text with `literal: true`).
    func send(_ keys: String..., literal: Bool = false) async throws {
        try await tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    /// The visible screen as text.
    func screen() async throws -> String {
        try await tmux(["capture-pane", "-t", name, "-p"])
    }

    /// Waits until the screen shows every one of `texts`; returns the last screen either way.
    ///
    /// The budget counts only time the test could spend looking (``WaitBudget``), and the screen is
    /// read once more after it runs out, so a starved test never reports a screen it did not read.
    @discardableResult
    func waitFor(_ texts: String..., timeout: TimeInterval = 15) async throws -> (found: Bool, screen: String) {
        var budget = WaitBudget(timeout)
        var last = ""
        repeat {
            last = try await screen()
            if texts.allSatisfy(last.contains) { return (true, last) }
            try await Task.sleep(for: .milliseconds(100))
        } while budget.hasTimeLeft()
        last = try await screen()
        return (texts.allSatisfy(last.contains), last)
    }

    func resize(width: Int, height: Int) async throws {
        try await tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Ends what runs in the pane and the tmux server, with SIGKILL: system calls only, so it is
    /// callable from `defer`, needs no wait, and leaves nothing running after the test.
    func kill() {
        guard let processes else { return }
        _ = Foundation.kill(-processes.pane, SIGKILL)
        _ = Foundation.kill(processes.pane, SIGKILL)
        _ = Foundation.kill(processes.server, SIGKILL)
        unlink("/tmp/tmux-\(getuid())/\(socket)")
    }
}

/// Calls `body` with a NULL-terminated array of C strings.
private func withCStrings<Result>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> Result) -> Result {
    let pointers = strings.map { strdup($0) } + [nil]
    defer {
        for pointer in pointers { free(pointer) }
    }
    return body(pointers)
}
