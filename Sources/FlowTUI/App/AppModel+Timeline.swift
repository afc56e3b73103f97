import FlowEngine

/// `t`: every exchange of the session in order, with its time on the wire, the total, and which
/// attempt the panes show.
extension AppModel {
    /// The timeline's rows, `width` columns at most: `step  #attempt  status  ms  bar`, the shown
    /// attempt marked `▸` and `shown`.
    func timelineLines(width: Int) -> [StyledLine] {
        let record = flow.record
        guard !record.isEmpty else {
            return [StyledLine("Nothing sent yet: n sends the first request.", style: .dim)]
        }
        let shown = shownEntry
        let times = record.map { Int($0.elapsed?.milliseconds ?? 0) }
        let longest = max(1, times.max() ?? 1)
        let nameWidth = record.map { DisplayWidth.of(Self.timelineName($0)) }.max() ?? 0
        // Marker, name, attempt, status, time and "  shown" take this much; the bar has the rest.
        let barWidth = max(4, width - (2 + nameWidth + 1 + 4 + 4 + 9 + 7))
        var lines: [StyledLine] = []
        for (index, entry) in record.enumerated() {
            let isShown =
                shown.map { $0.step == entry.step && $0.action == entry.action && $0.attempt == entry.attempt } ?? false
            let outcome: Span
            if let response = entry.response {
                outcome = Span(String(response.status).padding(toWidth: 4), style: PaneStyle.status(response.status))
            } else if entry.transportError != nil {
                outcome = Span("err ", style: PaneStyle.failure)
            } else {
                outcome = Span("…   ", style: .dim)
            }
            let time = entry.elapsed.map { "\($0.milliseconds) ms" } ?? "-"
            let barLength = entry.elapsed == nil ? 0 : max(1, times[index] * barWidth / longest)
            var line = StyledLine([
                Span(isShown ? "▸ " : "  ", style: .bold),
                Span(Self.timelineName(entry).padding(toWidth: nameWidth + 1)),
                Span("#\(entry.attempt)".padding(toWidth: 4), style: .dim),
                outcome,
                Span(String(repeating: " ", count: max(0, 8 - time.count)) + time + " "),
                Span(String(repeating: "█", count: barLength), style: entry.failure == nil ? .dim : PaneStyle.failure),
            ])
            if isShown { line = line.appending("  shown", style: .bold) }
            lines.append(line)
        }
        let total = times.reduce(0, +)
        lines.append(StyledLine(""))
        lines.append(
            StyledLine(
                "\(record.count) exchange\(record.count == 1 ? "" : "s"), \(total) ms on the wire in total",
                style: .bold))
        return lines
    }

    /// An exchange's name: its step's number and what it did (`2 Read flow`, `4 Token (authorization_code)`).
    static func timelineName(_ entry: StepRecord) -> String {
        "\(entry.step.number) \(entry.action.title)"
    }

    /// The timeline overlay.
    func renderTimeline(into canvas: inout Canvas, in area: Rect) {
        let width = min(area.width - 4, 96)
        let lines = timelineLines(width: width - 4)
        // The latest exchanges when the list is taller than the dialog.
        let visible = max(1, area.height - 5)
        drawDialog(
            title: "Timeline", lines: Array(lines.suffix(visible)), footer: "esc close", width: width,
            into: &canvas, in: area)
    }
}
