import FlowEngine

extension AppModel {
    /// The file name the save prompt starts with.
    static let defaultSaveName = "authflow-session.md"

    /// `w`: opens the prompt for the file to save the session to (its extension names the format).
    mutating func openSavePrompt() {
        overlay = .saveSession(field: TextField(label: "file", text: lastSaveName ?? Self.defaultSaveName))
    }

    /// The prompt's answer: the session as the extension's format, masked as the screen is, for
    /// the session loop to write (mode 0600).
    mutating func save(to name: String) -> AppCommand {
        let path = name.trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty else {
            notice = "Name the file: .har, .md, .sh or .json."
            return .none
        }
        guard let format = ExportFormat(fileName: path) else {
            notice = "Name the file .har, .md, .sh or .json: the extension picks the format."
            return .none
        }
        overlay = nil
        lastSaveName = path
        // Unmasked, the redactor hides only what --present hides (personal claims), else nothing.
        // Masked, a signed JWT keeps its header and payload (not under --present, whose personal
        // claims a payload would show).
        let keepsClaims = isMasked && !presentation.masksPersonalClaims
        let saving = keepsClaims ? redactor.keepingClaims(of: flow.claimBearingTokens) : redactor
        let text = SessionExport(flow: flow).text(format, redactor: saving)
        return .save(path: path, text: text, unmasked: !isMasked)
    }

    /// The session loop wrote the file, or could not.
    mutating func saveFinished(path: String, unmasked: Bool, error: String?) {
        let name = safe.line(path)
        if error == nil { savedAttempts = flow.record.count }
        if let error {
            notice = "Could not save \(name): \(safe.line(error))"
        } else if unmasked {
            notice = "Saved \(name) (mode 0600) with secrets SHOWN: keep it private."
        } else {
            notice = "Saved \(name) (mode 0600), secrets masked."
        }
    }
}
