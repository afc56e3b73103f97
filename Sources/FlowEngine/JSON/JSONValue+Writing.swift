extension JSONValue {
    /// The value as compact JSON text, members in their order.
    public var compactText: String {
        var writer = Writer(indent: nil, lineLimit: nil)
        writer.write(self, level: 0)
        return writer.output
    }

    /// The value as indented JSON text, members in their order.
    ///
    /// With a `lineLimit`, writing stops after that many lines, so a deeply nested body, whose
    /// indented text grows with depth times size, costs no more than what is shown;
    /// `prettyLineCount` tells how many lines the whole text has.
    public func prettyText(indent: Int = 2, lineLimit: Int? = nil) -> String {
        var writer = Writer(indent: indent, lineLimit: lineLimit)
        writer.write(self, level: 0)
        return writer.output
    }

    /// `prettyText()` with `prefix` before every line but the first (the caller writes the
    /// first line's), as an indented block in a report.
    func prettyText(indent: Int = 2, linePrefix prefix: String) -> String {
        var writer = Writer(indent: indent, lineLimit: nil, linePrefix: prefix)
        writer.write(self, level: 0)
        return writer.output
    }

    /// The number of lines in `prettyText()`, counted without writing it.
    public var prettyLineCount: Int {
        var count = 1
        var pending: [JSONValue] = [self]
        while let value = pending.popLast() {
            switch value {
            case .array(let elements) where !elements.isEmpty:
                count += elements.count + 1
                pending += elements
            case .object(let members) where !members.isEmpty:
                count += members.count + 1
                pending += members.map(\.value)
            default: continue
            }
        }
        return count
    }

    private struct Writer {
        let indent: Int?
        let lineLimit: Int?
        let linePrefix: String
        var output = ""
        var lines = 1
        var full = false

        init(indent: Int?, lineLimit: Int?, linePrefix: String = "") {
            self.indent = indent
            self.lineLimit = lineLimit
            self.linePrefix = linePrefix
        }

        /// Spaces to indent with, cut to length rather than made for every line.
        private static let spaces = String(repeating: " ", count: 64)

        mutating func write(_ value: JSONValue, level: Int) {
            guard !full else { return }
            switch value {
            case .null: output += "null"
            case .bool(let bool): output += bool ? "true" : "false"
            case .number(let literal): output += literal
            case .string(let string): JSONValue.writeString(string, into: &output)
            case .array(let elements):
                guard !elements.isEmpty else {
                    output += "[]"
                    return
                }
                output += "["
                for (offset, element) in elements.enumerated() {
                    if offset > 0 { output += "," }
                    newline(level: level + 1)
                    write(element, level: level + 1)
                    if full { return }
                }
                newline(level: level)
                if !full { output += "]" }
            case .object(let members):
                guard !members.isEmpty else {
                    output += "{}"
                    return
                }
                output += "{"
                for (offset, member) in members.enumerated() {
                    if offset > 0 { output += "," }
                    newline(level: level + 1)
                    if full { return }
                    JSONValue.writeString(member.key, into: &output)
                    output += indent == nil ? ":" : ": "
                    write(member.value, level: level + 1)
                    if full { return }
                }
                newline(level: level)
                if !full { output += "}" }
            }
        }

        /// Starts a line, or marks the writer full when the line limit is reached.
        private mutating func newline(level: Int) {
            guard let indent, !full else { return }
            if let lineLimit, lines >= lineLimit {
                full = true
                return
            }
            lines += 1
            output += "\n"
            output += linePrefix
            let width = indent * level
            if width <= Self.spaces.utf8.count {
                output.append(contentsOf: Self.spaces.prefix(width))
            } else {
                output += String(repeating: " ", count: width)
            }
        }
    }

    /// Writes a JSON string literal, escaping quotes, backslashes and controls (RFC 8259 §7).
    static func writeString(_ string: String, into output: inout String) {
        output += "\""
        // Printable ASCII without a quote or backslash (most strings) is written as it is, in
        // one append rather than scalar by scalar.
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            output += string
            output += "\""
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _
            where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || TerminalSafe.isBidiOrInvisible(scalar.value):
                // C0, DEL, C1, bidi and invisible scalars as \u escapes: valid JSON that is safe on a terminal.
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
