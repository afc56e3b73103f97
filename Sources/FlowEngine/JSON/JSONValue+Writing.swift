extension JSONValue {
    /// The value as compact JSON text, members in their order.
    public var compactText: String {
        var output = ""
        write(into: &output, indent: nil, level: 0)
        return output
    }

    /// The value as indented JSON text, members in their order.
    public func prettyText(indent: Int = 2) -> String {
        var output = ""
        write(into: &output, indent: indent, level: 0)
        return output
    }

    private func write(into output: inout String, indent: Int?, level: Int) {
        switch self {
        case .null: output += "null"
        case .bool(let bool): output += bool ? "true" : "false"
        case .number(let literal): output += literal
        case .string(let string): Self.writeString(string, into: &output)
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (offset, element) in elements.enumerated() {
                if offset > 0 { output += "," }
                Self.newline(into: &output, indent: indent, level: level + 1)
                element.write(into: &output, indent: indent, level: level + 1)
            }
            Self.newline(into: &output, indent: indent, level: level)
            output += "]"
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            for (offset, member) in members.enumerated() {
                if offset > 0 { output += "," }
                Self.newline(into: &output, indent: indent, level: level + 1)
                Self.writeString(member.key, into: &output)
                output += indent == nil ? ":" : ": "
                member.value.write(into: &output, indent: indent, level: level + 1)
            }
            Self.newline(into: &output, indent: indent, level: level)
            output += "}"
        }
    }

    private static func newline(into output: inout String, indent: Int?, level: Int) {
        guard let indent else { return }
        output += "\n" + String(repeating: " ", count: indent * level)
    }

    /// Writes a JSON string literal, escaping quotes, backslashes and controls (RFC 8259 §7).
    static func writeString(_ string: String, into output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _
            where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || TerminalSafe.bidiControls.contains(scalar.value) || TerminalSafe.invisibles.contains(scalar.value):
                // C0, DEL, C1, bidi and invisible scalars as \u escapes: valid JSON that is safe on a terminal.
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
