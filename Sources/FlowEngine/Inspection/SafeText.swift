/// Makes text from outside safe to print: control characters, bidi overrides and other invisible
/// format characters become visible escapes (`\x1b`, `\u202e`), so a claim cannot move the cursor,
/// recolour the terminal or reorder what the reader sees (DESIGN.md, non-negotiables).
///
/// A small local helper for the inspector's renderers; when the engine's `TerminalSafe` lands in
/// `Text/`, the renderers can switch to it.
enum SafeText {
    /// The text with every unsafe scalar replaced by its escape. A backslash stays as it is.
    static func visible(_ text: String) -> String {
        var output = ""
        output.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if let escape = escape(for: scalar) {
                output += escape
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// The escape for a scalar that must not reach a terminal raw, or `nil` when it is safe.
    static func escape(for scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        switch value {
        case 0x09: return "\\t"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x00...0x1F, 0x7F: return "\\x" + hex(value, width: 2)
        case 0x80...0x9F: return "\\u" + hex(value, width: 4)  // C1 controls, including CSI (0x9B)
        case 0x200B...0x200F,  // zero-width characters and LRM/RLM
             0x2028, 0x2029,   // line and paragraph separators
             0x202A...0x202E,  // bidi embeddings and overrides
             0x2060...0x2064,  // word joiner and invisible operators
             0x2066...0x2069,  // bidi isolates
             0xFEFF,           // zero-width no-break space
             0xFFF9...0xFFFB:  // interlinear annotations
            return "\\u" + hex(value, width: 4)
        default:
            return nil
        }
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
