import FlowEngine

/// What `authflow decode` prints for a run: the inspections as text, or as one JSON document.
enum DecodeOutput {
    /// Several inspections, numbered when there is more than one.
    static func text(_ inspections: [Inspection]) -> String {
        guard inspections.count > 1 else { return inspections.first?.text ?? "" }
        return inspections.enumerated().map { index, inspection in
            "── token \(index + 1) of \(inspections.count) ──\n" + inspection.text
        }.joined(separator: "\n\n")
    }

    /// A whole run as JSON text: `{"exit_code": …, "tokens": [ … ]}`.
    ///
    /// The JSON writer already escapes C0 controls; C1 controls and bidi controls are escaped here
    /// too (`\u202e`, with `TerminalSafe`), so the output is safe to print to a terminal.
    static func json(_ inspections: [Inspection]) -> String {
        let document = JSONValue.object([
            JSONMember("exit_code", .integer(DecodeExitStatus(inspections).rawValue)),
            JSONMember("tokens", .array(inspections.map(\.jsonValue))),
        ])
        var output = ""
        for scalar in document.prettyText().unicodeScalars {
            // Only non-ASCII scalars can still be raw here; TerminalSafe's escapes for them
            // (`\u0085`, `\u202e`) are valid JSON string escapes.
            if scalar.value >= 0x80 {
                output += TerminalSafe.line(String(scalar))
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
