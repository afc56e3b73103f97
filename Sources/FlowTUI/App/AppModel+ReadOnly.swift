import FlowEngine

extension AppModel {
    /// The keys that would send a request, start a flow or change what is sent: on a reopened
    /// session (`authflow open`) each says why it does nothing.
    static let sendingKeys: Set<Key> = Set(
        [.enter] + ["n", "e", "r", "x", "l"].map { Key.character($0) }
            + AppModel.followUpKeys.map { Key.character($0.key) })

    /// Why `key` does nothing on a reopened session, or nil when it may run (views, copies, save, help, quit).
    func readOnlyReason(_ key: Key) -> String? {
        guard let source = presentation.readOnlySource, Self.sendingKeys.contains(key) else { return nil }
        return "Read-only: \(safe.line(source)) is a saved session; nothing is sent from it. "
            + "Run authflow (or authflow demo) to try the flow again."
    }
}

extension AppModel {
    /// The notice a reopened session opens with: where it came from, how many requests it holds,
    /// and the actions tried more than once (a wrong password, a retry), so every attempt is seen.
    var readOnlySummary: String? {
        guard let source = presentation.readOnlySource else { return nil }
        let record = flow.record
        var parts = ["Read-only: \(safe.line(source)), \(record.count) request\(record.count == 1 ? "" : "s")"]
        var seen: [String] = []
        for entry in record where !seen.contains(entry.action.kind) {
            seen.append(entry.action.kind)
            let tries = record.filter { $0.action == entry.action }
            guard tries.count > 1 else { continue }
            let failed = tries.filter { $0.failure != nil || $0.transportError != nil }.count
            parts.append(
                "\(entry.step.number) \(entry.action.title): \(tries.count) attempts"
                    + (failed > 0 ? " (\(failed) failed)" : ""))
        }
        let notes = presentation.readOnlyNoteCount
        if notes > 0 {
            parts.append("\(notes) note\(notes == 1 ? "" : "s") on what the file lacks, printed when you quit")
        }
        return parts.joined(separator: "; ") + "."
    }
}
