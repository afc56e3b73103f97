/// The top line: what is being debugged, as segments joined by " ─ " in the top border.
///
/// Segments are listed most important first; when the line is too long the later ones are
/// dropped whole, then the last one kept is cut with "…".
public struct HeaderLine: Equatable, Hashable, Sendable {
    public var segments: [Span]

    public init(_ segments: [Span]) {
        self.segments = segments
    }

    /// The columns the header takes with every segment shown.
    public var fullWidth: Int {
        segments.reduce(0) { $0 + DisplayWidth.of($1.text) } + max(0, segments.count - 1) * 3
    }

    /// The header as one line that fits in `width` columns.
    public func line(width: Int) -> StyledLine {
        var line = StyledLine()
        var used = 0
        for segment in segments {
            let separator = line.spans.isEmpty ? 0 : 3
            let segmentWidth = DisplayWidth.of(segment.text)
            if used + separator + segmentWidth > width {
                if line.spans.isEmpty { line.spans.append(segment) }
                break
            }
            if separator > 0 { line.spans.append(Span(" ─ ")) }
            line.spans.append(segment)
            used += separator + segmentWidth
        }
        return line
    }

    /// Draws the header into a border line from a position, framed by one blank each side.
    public func render(into canvas: inout Canvas, x: Int, y: Int, width: Int) {
        canvas.drawBorderLabel(line(width: width - 3), x: x, y: y, width: width)
    }
}
