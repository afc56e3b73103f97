import FlowEngine
import Testing

/// `TerminalSafe.line` answers "nothing to escape" from the UTF-8 bytes; these check that answer
/// against the scalar-by-scalar rule for one-, two-, three- and four-byte sequences.
@Suite struct TerminalSafeFastPathTests {
    /// What `line` must do with one scalar, written out from its documented rule.
    private func expected(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        switch value {
        case 0x00...0x1F, 0x7F: return "\\x" + hex(value, width: 2)
        case 0x80...0x9F: return "\\u00" + hex(value, width: 2)
        case 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2060, 0x2066...0x2069, 0xFEFF:
            return "\\u" + String(value, radix: 16)
        default: return String(scalar)
        }
    }

    private func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: width - digits.count) + digits
    }

    @Test(
        arguments: [
            0x00, 0x1F, 0x20, 0x41, 0x7E, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0xE9, 0x7FF, 0x800, 0x061B, 0x061C, 0x061D,
            0x200A, 0x200B, 0x200F, 0x2010, 0x2027, 0x2028, 0x202E, 0x202F, 0x2060, 0x2061, 0x2066, 0x2069, 0x206A,
            0x2713, 0x00B7, 0x2013, 0xFEFE, 0xFEFF, 0xFFFD, 0x10000, 0x1F600, 0x10FFFF,
        ] as [UInt32])
    func eachScalarIsKeptOrEscapedAsTheRuleSays(_ value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        for (before, after) in [("", ""), ("✓ pass  ", ""), ("", " · kid"), ("a·", "✗b")] {
            let text = before + String(scalar) + after
            #expect(TerminalSafe.line(text) == before + expected(scalar) + after, "U+\(String(value, radix: 16))")
        }
    }

    @Test func reportLinesWithSymbolsComeBackUnchanged() {
        let lines = [
            "access token (header typ is at+jwt) · alg RS256 · kid bench-key", "  ✓ 10 passing",
            "  – n/a   nonce", "  ✗ FAIL  exp  expired 3 h ago", "",
        ]
        for line in lines { #expect(TerminalSafe.line(line) == line) }
    }

    @Test func aControlAfterSymbolsIsStillFound() {
        #expect(TerminalSafe.line("✓ kid \u{1B}[31mred") == "✓ kid \\x1b[31mred")
        #expect(TerminalSafe.line("·\u{202E}evil") == "·\\u202eevil")
    }
}
