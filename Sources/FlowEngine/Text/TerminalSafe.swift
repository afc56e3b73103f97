/// Makes server-derived text safe to put on a terminal.
///
/// Headers, bodies and claims come from servers authflow does not control. ESC and the other
/// C0 and C1 controls, DEL, and bidi overrides would move the cursor, recolour or reorder the
/// screen, so each is shown as a visible escape (`\x1b`, `\u202e`); invalid UTF-8 bytes are shown
/// as `\xNN`. Every string from a server goes through here before it is drawn or printed.
public enum TerminalSafe {
    /// Scalars that reorder text (Unicode bidi embeddings, overrides and isolates).
    static let bidiControls: Set<UInt32> = [
        0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
        0x2066, 0x2067, 0x2068, 0x2069,
    ]

    /// Invisible scalars that hide or break text: zero-width spaces and joiners, the word joiner,
    /// the byte order mark, and the Unicode line and paragraph separators.
    static let invisibles: Set<UInt32> = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x2028, 0x2029]

    /// One line of safe text: every control, including newline and tab, shown as an escape.
    public static func line(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { append(scalar, to: &output, keepLayout: false) }
        return output
    }

    /// Safe lines from multi-line text: newlines split lines, tabs become spaces, other controls escape.
    public static func lines(_ text: String) -> [String] {
        // Split on scalars, not Characters: "\r\n" is one Character and would hide the line break.
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            let line = line.last == "\r" ? line.dropLast() : line[...]
            var output = ""
            for scalar in line { append(scalar, to: &output, keepLayout: true) }
            return output
        }
    }

    /// Safe text from raw bytes: valid UTF-8 decoded, each invalid byte shown as `\xNN`.
    public static func decode(_ bytes: some Collection<UInt8>) -> String {
        let buffer = Array(bytes)
        var output = ""
        var decoder = UTF8()
        var index = 0
        while index < buffer.count {
            let length = sequenceLength(buffer[index])
            if length > 0, index + length <= buffer.count {
                var sequence = buffer[index..<index + length].makeIterator()
                if case .scalarValue(let scalar) = decoder.decode(&sequence) {
                    output.unicodeScalars.append(scalar)
                    index += length
                    continue
                }
            }
            output += "\\x" + hex(buffer[index])
            index += 1
        }
        return output
    }

    private static func sequenceLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0x00...0x7F: 1
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 0
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }

    private static func append(_ scalar: Unicode.Scalar, to output: inout String, keepLayout: Bool) {
        let value = scalar.value
        switch value {
        case 0x09 where keepLayout:
            output += "    "
        case 0x00...0x1F, 0x7F:
            output += "\\x" + hex(UInt8(value))
        case 0x80...0x9F:
            output += "\\u00" + hex(UInt8(value))
        case _ where bidiControls.contains(value) || invisibles.contains(value):
            output += "\\u" + String(value, radix: 16)
        default:
            output.unicodeScalars.append(scalar)
        }
    }
}
