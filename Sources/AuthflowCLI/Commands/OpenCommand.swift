import ArgumentParser
import FlowEngine
import FlowTUI
import Foundation

/// `authflow open FILE|--last`: a saved session or a browser's HAR, read by the engine and shown
/// in the terminal UI, read-only (or printed as JSON with `--json`).
struct OpenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a saved session (authflow's JSON or HAR) or a browser's HAR in the UI, read-only.",
        discussion: """
            FILE is authflow's JSON record (run --json, --out x.json, w in the UI), authflow's HAR, or a \
            HAR exported from Chrome, Firefox or Safari: the sign-in is found among its requests and shown \
            as authflow's steps, with what the HAR lacks. --last reopens the session the UI kept when it \
            quit ($XDG_STATE_HOME/authflow/last-session.json). Nothing is sent. See docs/sessions.md.
            """
    )

    @Argument(help: "The file: .json (authflow's record) or .har (authflow's or a browser's).")
    var file: String?

    @Flag(name: .customLong("last"), help: "Reopen the last session the UI kept.")
    var last = false

    @Flag(name: .customLong("json"), help: "Print the analysis as JSON (analysis_version 1) instead of opening the UI.")
    var json = false

    @Option(
        name: .customLong("jwks"),
        help: "Check token signatures with this JWKS (file or URL) when the session has none.")
    var jwks: String?

    @Flag(name: .customLong("show-secrets"), help: "Show secrets the file holds (masked by default).")
    var showSecrets = false

    @OptionGroup var screenOptions: ScreenOptions

    func validate() throws {
        if last, file != nil { throw ValidationError("give FILE or --last, not both") }
        if !last, file == nil { throw ValidationError("name the FILE to open, or pass --last") }
    }

    func run() async throws {
        let path: String
        if last {
            guard let kept = LastSession.path() else {
                throw RuntimeFailure("no last session: neither XDG_STATE_HOME nor HOME is set")
            }
            guard FileManager.default.fileExists(atPath: kept) else {
                throw RuntimeFailure("no last session in \(kept): the UI keeps one when it quits after a request")
            }
            path = kept
        } else {
            path = file ?? ""
        }
        let session = try Self.read(path)
        var keySet: JSONValue?
        if let jwks {
            do {
                let source = JWKSSource(argument: jwks)
                _ = try await source.load()
                let text = try await source.loadText().text
                let parsed = try JSONValue.parse(text)
                // A single JWK is a set of one.
                keySet = parsed["keys"] == nil ? .object([JSONMember("keys", .array([parsed]))]) : parsed
            } catch {
                throw RuntimeFailure("--jwks: \(error)")
            }
        }
        let flow = AuthorizationCodeFlow.reopening(session, keySet: keySet)
        let redactor = showSecrets ? Redactor.none : Redactor(secrets: flow.secrets)
        if json {
            print(SessionAnalysis.json(session, flow: flow, redactor: redactor).prettyText())
            return
        }
        var presentation = Presentation(masksSecrets: !showSecrets, label: "read-only")
        presentation.readOnlySource = (path as NSString).lastPathComponent
        presentation.readOnlyNoteCount = session.notes.count
        presentation.clientAuthenticationUnknown = !session.clientAuthenticationShown
        // Times and token checks are as of the session's last response, not today.
        let recordedAt: Date =
            flow.record.last.map { entry in
                entry.sentAt.addingTimeInterval(Double((entry.elapsed ?? .zero).milliseconds) / 1000)
            } ?? Date()
        let clock: @Sendable () -> Date = { recordedAt }
        let status = await InteractiveSession.run(
            flow: flow, transport: ReadOnlyTransport(), presentation: presentation,
            mouse: !screenOptions.noMouse, clock: clock)
        // The terminal is restored: the notes stay readable after the UI.
        for note in session.notes {
            FileHandle.standardError.write(Data("authflow: \(redactor.redact(TerminalSafe.line(note)))\n".utf8))
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// The file's bytes as a session; every way it can go wrong is one worded line (exit status 1).
    static func read(_ path: String) throws -> SavedSession {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RuntimeFailure("cannot open \(path): no such file")
        }
        guard !isDirectory.boolValue else { throw RuntimeFailure("cannot open \(path): it is a directory") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= SavedSession.maximumFileSize else {
            throw RuntimeFailure(
                "cannot open \(path): it is larger than \(SavedSession.maximumFileSize >> 20) MiB, not a saved session")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeFailure("cannot open \(path): it cannot be read (permissions?)")
        }
        do {
            return try SavedSession.read(Array(data))
        } catch {
            throw RuntimeFailure("cannot open \(path): \(error.description)")
        }
    }
}

/// The transport of a reopened session: nothing is sent (the keys that would send say so first).
struct ReadOnlyTransport: HTTPTransport {
    func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        throw .other("a reopened session is read-only: nothing is sent")
    }
}
