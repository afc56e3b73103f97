import CNcursesw
import FlowTUI

extension CursesTerminal {
    /// Which of curses' windows to read back.
    enum Surface {
        /// What the program drew (stdscr), refreshed or not.
        case drawn
        /// What curses believes the physical screen shows (curscr), after `doupdate`.
        case physical
    }

    /// The screen read back from curses as a canvas of graphemes and styles (for tests).
    func readBack(_ surface: Surface = .physical) -> Canvas {
        var canvas = Canvas(size: size)
        guard select() else { return canvas }
        let window = surface == .drawn ? authflow_stdscr() : authflow_curscr()
        let capacity = Int(authflow_cell_capacity()) + 1
        for y in 0..<size.rows {
            var x = 0
            while x < size.columns {
                var text = [wchar_t](repeating: 0, count: capacity)
                var attributes: attr_t = 0
                var pair: Int16 = 0
                let result = authflow_read_cell(window, Int32(y), Int32(x), &text, &attributes, &pair)
                guard result != authflow_err() else { break }
                let scalars = text.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }
                var grapheme = String(String.UnicodeScalarView(scalars))
                if grapheme.isEmpty { grapheme = " " }
                let style = Style(
                    foreground: Style.Color(rawValue: Int(pair)),
                    isBold: attributes & authflow_a_bold() != 0,
                    isDim: attributes & authflow_a_dim() != 0,
                    isReverse: attributes & authflow_a_reverse() != 0,
                    isUnderline: attributes & authflow_a_underline() != 0
                )
                let taken = grapheme.first.map { canvas.put($0, x: x, y: y, style: style) } ?? 0
                x += max(1, taken)
            }
        }
        return canvas
    }
}
