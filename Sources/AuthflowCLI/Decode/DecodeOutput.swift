import FlowEngine

/// What `authflow decode` prints for a run: the inspections as text, or as one JSON document.
///
/// `DecodeReportWriter` writes them one token at a time, as each is inspected; `text` and `json`
/// are the same output for a list already at hand.
enum DecodeOutput {
    /// Several inspections, numbered when there is more than one.
    static func text(_ inspections: [Inspection]) -> String {
        whole(inspections, json: false)
    }

    /// A whole run as JSON text: `{"tokens": [ … ], "exit_code": …}`.
    ///
    /// The JSON writer already escapes C0 controls; C1 controls and bidi controls are escaped here
    /// too (`\u202e`, with `TerminalSafe`), so the output is safe to print to a terminal.
    static func json(_ inspections: [Inspection]) -> String {
        whole(inspections, json: true)
    }

    private static func whole(_ inspections: [Inspection], json: Bool) -> String {
        var output = ""
        var writer = DecodeReportWriter(json: json, total: inspections.count) { output += $0 }
        for (index, inspection) in inspections.enumerated() {
            writer.write(inspection, more: index + 1 < inspections.count)
        }
        _ = writer.finish()
        // The batch form has no final line break; `print` adds it.
        if output.hasSuffix("\n") { output.removeLast() }
        return output
    }

    /// JSON text with every non-ASCII scalar passed through `TerminalSafe`: its escapes for
    /// them (`\u0085`, `\u202e`) are valid JSON string escapes.
    static func terminalSafeJSON(_ value: JSONValue, indent: String) -> String {
        let text = value.prettyText()
        var output = indent
        output.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        // ASCII runs are copied whole (a scalar at a time was most of `--json`'s cost); a line
        // break adds the indent; each non-ASCII scalar goes through `TerminalSafe`.
        var utf8 = text.utf8[...]
        while let first = utf8.first {
            if first == UInt8(ascii: "\n") {
                output += "\n"
                output += indent
                utf8 = utf8.dropFirst()
            } else if first < 0x80 {
                let run = utf8.prefix { $0 < 0x80 && $0 != UInt8(ascii: "\n") }
                output.append(contentsOf: Substring(run))
                utf8 = utf8[run.endIndex...]
            } else {
                let end = text.unicodeScalars.index(after: utf8.startIndex)
                output += TerminalSafe.line(String(text[utf8.startIndex..<end]))
                utf8 = utf8[end...]
            }
        }
        return output
    }
}

/// Writes `decode`'s report of each token as soon as it is inspected, so memory stays flat in the
/// number of tokens and a reader of the output sees each report while later tokens are still coming.
///
/// Text: a report per token, numbered (`── token 2 of 5 ──`, or `── token 2 ──` when the count is not
/// known, as on standard input) when there is more than one, separated by a blank line. JSON:
/// `{"tokens": [ … ], "exit_code": n}`, each token's object written as it is done.
struct DecodeReportWriter {
    let json: Bool
    /// How many tokens there are, when known before the first is read (arguments only).
    let total: Int?
    private let output: (String) -> Void
    private(set) var count = 0
    private var anyUnparsed = false
    private var anyFailed = false

    init(json: Bool, total: Int?, output: @escaping (String) -> Void) {
        self.json = json
        self.total = total
        self.output = output
    }

    /// Writes one token's report; `more` says whether another token follows (it decides whether
    /// a single token gets a number).
    mutating func write(_ inspection: Inspection, more: Bool) {
        write(DecodeReport(inspection, json: json), more: more)
    }

    /// Writes one token's report, already made (`DecodeReport(_:json:)` with this writer's `json`).
    mutating func write(_ report: DecodeReport, more: Bool) {
        count += 1
        if !report.isParsed { anyUnparsed = true }
        if report.failed { anyFailed = true }
        if json {
            output((count == 1 ? "{\n  \"tokens\": [\n" : ",\n") + report.body)
        } else {
            var text = count > 1 ? "\n" : ""
            if count > 1 || more {
                text += "── token \(count)" + (total.map { " of \($0)" } ?? "") + " ──\n"
            }
            output(text + report.body + "\n")
        }
    }

    /// Ends the output (JSON's closing lines) and returns the run's exit status.
    mutating func finish() -> DecodeExitStatus {
        let status = DecodeExitStatus(count: count, anyUnparsed: anyUnparsed, anyFailed: anyFailed)
        if json {
            let tokens = count == 0 ? "{\n  \"tokens\": [" : "\n  ]"
            output(tokens + (count == 0 ? "]" : "") + ",\n  \"exit_code\": \(status.rawValue)\n}\n")
        }
        return status
    }
}
