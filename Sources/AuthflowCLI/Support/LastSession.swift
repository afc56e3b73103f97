import FlowEngine
import FlowTUI
import Foundation

/// The last TUI session, kept for `authflow open --last`: the JSON record, secrets masked, in
/// `$XDG_STATE_HOME/authflow/last-session.json` (default `~/.local/state/authflow/`), the
/// directory mode 0700 and the file mode 0600.
enum LastSession {
    /// The file, from the environment: `XDG_STATE_HOME` when it is an absolute path (XDG Base
    /// Directory spec), else `$HOME/.local/state`.
    static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        directory(environment: environment).map { $0 + "/last-session.json" }
    }

    static func directory(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/authflow"
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return home + "/.local/state/authflow"
    }

    /// Writes the session, masked; returns the path, or throws why it could not.
    @discardableResult
    static func keep(_ flow: AuthorizationCodeFlow, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(SessionFileWriteError) -> String
    {
        guard let directory = directory(environment: environment) else {
            throw SessionFileWriteError("neither XDG_STATE_HOME nor HOME names a directory")
        }
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            // An existing directory is narrowed too: the session is the user's alone.
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory)
        } catch {
            throw SessionFileWriteError("cannot make \(directory): \(error.localizedDescription)")
        }
        let path = directory + "/last-session.json"
        let text = SessionExport(flow: flow).text(.json, redactor: flow.exportRedactor)
        try SessionFileWriter.write(text, to: path)
        return path
    }
}
