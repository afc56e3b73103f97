import Foundation

/// The frame for a terminal that cannot show UTF-8 (`LANG=C`, `TERM=linux`): every cell ASCII.
///
/// Borders become `-`, `|` and `+`; marks their usual ASCII stand-ins (`✓` `+`, `✗` `x`, `▸` `>`,
/// `•` `*`, `…` `~`, `→` `>`); a letter with an accent loses it; anything else is `?`. Each cell
/// keeps one column and its style, so the layout is the same as in UTF-8.
extension Canvas {
    /// This canvas with every grapheme replaced by printable ASCII.
    public func asASCII() -> Canvas {
        var copy = self
        for y in 0..<size.rows {
            for x in 0..<size.columns {
                let cell = self[x: x, y: y]
                if cell.isContinuation {
                    copy.replaceCell(Cell(grapheme: " ", width: 1, style: cell.style), x: x, y: y)
                    continue
                }
                guard !cell.grapheme.allSatisfy({ $0.isASCII }) || cell.grapheme.isEmpty else { continue }
                copy.replaceCell(
                    Cell(grapheme: String(Self.asciiStandIn(cell.grapheme)), width: 1, style: cell.style), x: x, y: y)
            }
        }
        return copy
    }

    /// One printable ASCII character for a grapheme that is not ASCII.
    static func asciiStandIn(_ grapheme: String) -> Character {
        guard let scalar = grapheme.unicodeScalars.first else { return " " }
        switch scalar.value {
        case 0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550, 0x2574, 0x2576, 0x2578, 0x257A:
            return "-"
        case 0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551, 0x2575, 0x2577, 0x2579, 0x257B:
            return "|"
        case 0x2500...0x257F: return "+"
        case 0x2580...0x259F: return "#"
        default: break
        }
        switch grapheme {
        case "✓", "✔": return "+"
        case "✗", "✘", "×": return "x"
        case "▸", "▶", "►", "→", "⇒", "»": return ">"
        case "◂", "◀", "◄", "←", "«": return "<"
        case "↑", "▲", "▴": return "^"
        case "↓", "▼", "▾": return "v"
        case "•", "●", "∙", "⁕": return "*"
        case "·": return "."
        case "…": return "~"
        case "–", "—", "−": return "-"
        case "○", "◦": return "o"
        case "⚠": return "!"
        case "“", "”", "„": return "\""
        case "‘", "’", "‚": return "'"
        case "§": return "S"
        default: break
        }
        // A letter with an accent: its base letter (é → e).
        let folded = grapheme.decomposedStringWithCanonicalMapping.unicodeScalars
        if let base = folded.first, base.isASCII, base.value >= 0x20, base.value < 0x7F,
            folded.dropFirst().allSatisfy({ $0.properties.generalCategory == .nonspacingMark })
        {
            return Character(base)
        }
        return "?"
    }
}
