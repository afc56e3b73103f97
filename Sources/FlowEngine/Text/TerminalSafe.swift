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
        // Most text (claims, headers, URLs) is printable ASCII: then it is safe as it is, and is
        // returned without rebuilding it scalar by scalar (the costliest part of `decode` once was).
        if needsNoEscape(text.utf8) { return text }
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
            if line.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) { return String(line) }
            var output = ""
            for scalar in line { append(scalar, to: &output, keepLayout: true) }
            return output
        }
    }

    /// Safe text from raw bytes: valid UTF-8 decoded, each invalid byte shown as `\xNN`.
    ///
    /// Each sequence is checked on its own (RFC 3629 §4: shortest form, no surrogates, at most
    /// U+10FFFF), so what is shown is exactly the bytes received, in one pass.
    public static func decode(_ bytes: some Collection<UInt8>) -> String {
        let buffer = Array(bytes)
        var output = ""
        output.reserveCapacity(buffer.count)
        var index = 0
        while index < buffer.count {
            if let (scalar, length) = scalar(in: buffer, at: index) {
                output.unicodeScalars.append(scalar)
                index += length
            } else {
                output += "\\x" + hex(buffer[index])
                index += 1
            }
        }
        return output
    }

    /// The well-formed UTF-8 sequence starting at `index` and its length, or `nil` (RFC 3629 §4).
    private static func scalar(in buffer: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        let lead = buffer[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int
        var value: UInt32
        // The allowed range of the second byte narrows for E0, ED, F0 and F4 (no overlong
        // forms, no surrogates, nothing past U+10FFFF).
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: (length, value) = (2, UInt32(lead & 0x1F))
        case 0xE0: (length, value, second) = (3, 0, 0xA0...0xBF)
        case 0xED: (length, value, second) = (3, 0x0D, 0x80...0x9F)
        case 0xE1...0xEF: (length, value) = (3, UInt32(lead & 0x0F))
        case 0xF0: (length, value, second) = (4, 0, 0x90...0xBF)
        case 0xF1...0xF3: (length, value) = (4, UInt32(lead & 0x07))
        case 0xF4: (length, value, second) = (4, 4, 0x80...0x8F)
        default: return nil
        }
        guard index + length <= buffer.count, second.contains(buffer[index + 1]) else { return nil }
        for offset in 1..<length {
            let byte = buffer[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    /// Whether `line` would return the text as it is: every scalar printable (the `default` case
    /// of `append`). Read from the UTF-8 bytes: a line of a report is mostly ASCII, with a few
    /// symbols (`✓`, `·`), so decoding scalars only where a byte is non-ASCII keeps it one pass.
    static func needsNoEscape(_ bytes: String.UTF8View) -> Bool {
        if let answer = bytes.withContiguousStorageIfAvailable({ needsNoEscape($0) }) { return answer }
        return Array(bytes).withUnsafeBufferPointer { needsNoEscape($0) }
    }

    /// `needsNoEscape` on valid UTF-8 (a `String`'s bytes always are).
    /// With `allowingLineFeeds`, a line feed is taken as the end of a line, not as a control: the
    /// answer is then whether every line of a block would come back as it is.
    static func needsNoEscape(_ buffer: UnsafeBufferPointer<UInt8>, allowingLineFeeds: Bool = false) -> Bool {
        var index = 0
        let count = buffer.count
        while index < count {
            let lead = buffer[index]
            if lead < 0x80 {
                guard (lead >= 0x20 && lead != 0x7F) || (allowingLineFeeds && lead == 0x0A) else { return false }
                index += 1
                continue
            }
            // The scalar a well-formed sequence encodes (a String holds no other kind).
            var value: UInt32
            let length: Int
            switch lead {
            case ..<0xE0: (value, length) = (UInt32(lead & 0x1F), 2)
            case ..<0xF0: (value, length) = (UInt32(lead & 0x0F), 3)
            default: (value, length) = (UInt32(lead & 0x07), 4)
            }
            guard index + length <= count else { return false }
            for offset in 1..<length { value = value << 6 | UInt32(buffer[index + offset] & 0x3F) }
            guard value >= 0xA0, !isBidiOrInvisible(value) else { return false }
            index += length
        }
        return true
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
        case _ where isBidiOrInvisible(value):
            output += "\\u" + String(value, radix: 16)
        default:
            output.unicodeScalars.append(scalar)
        }
    }

    /// Whether a scalar is in `bidiControls` or `invisibles`, without hashing: most text is
    /// below U+061C and is answered by the first comparison.
    static func isBidiOrInvisible(_ value: UInt32) -> Bool {
        switch value {
        case ..<0x061C: false
        case 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2060, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }
}
