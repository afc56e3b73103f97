import FlowTUI
import Foundation
import Testing

/// Where committed snapshots live in the source tree (not the copied bundle, so recording works).
let snapshotDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Support
    .deletingLastPathComponent()  // FlowTUITests
    .appendingPathComponent("Fixtures/Snapshots", isDirectory: true)

/// Compares a canvas, as text, with `Fixtures/Snapshots/NAME.txt`.
///
/// A missing snapshot is written and the test fails, so every snapshot is looked at before it
/// is committed. With `AUTHFLOW_RECORD_SNAPSHOTS=1` a differing snapshot is rewritten (and the
/// test still fails).
func expectSnapshot(_ canvas: Canvas, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = snapshotDirectory.appendingPathComponent(name + ".txt")
    let actual = canvas.text + "\n"
    let record = ProcessInfo.processInfo.environment["AUTHFLOW_RECORD_SNAPSHOTS"] == "1"
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        write(actual, to: url)
        Issue.record(
            "Recorded missing snapshot \(name).txt at \(url.path); review it, commit it and run again",
            sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    if record { write(actual, to: url) }
    Issue.record(
        "Snapshot \(name).txt differs\(record ? " (re-recorded)" : ""):\n\(lineDiff(expected: expected, actual: actual))",
        sourceLocation: sourceLocation)
}

private func write(_ text: String, to url: URL) {
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? text.write(to: url, atomically: true, encoding: .utf8)
}

/// The differing lines, numbered, expected above actual.
func lineDiff(expected: String, actual: String) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var report: [String] = []
    for index in 0..<max(old.count, new.count) {
        let before = index < old.count ? String(old[index]) : "<none>"
        let after = index < new.count ? String(new[index]) : "<none>"
        if before != after {
            report.append("line \(index + 1) - \(before)")
            report.append("line \(index + 1) + \(after)")
        }
    }
    return report.joined(separator: "\n")
}
