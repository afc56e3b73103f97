/// `F`: the demo simulator's faults, armed and cleared while the session runs.
///
/// A fault stays armed until it is cleared here (the header says which are armed), so a presenter
/// can show it again after `r`; it applies to every request it concerns from the next one on.
extension AppModel {
    /// Why `F` does nothing: there is no simulator to arm a fault in.
    var faultPickerDisabledReason: String? {
        presentation.faultCatalog.isEmpty
            ? "F arms a simulator fault: only in authflow demo (this session talks to a real server)." : nil
    }

    /// Opens the fault picker on the first armed fault, else the first one.
    mutating func openFaultPicker() {
        let first = presentation.faultCatalog.firstIndex { armedFaults.contains($0.name) } ?? 0
        overlay = .faultPicker(selected: first)
    }

    /// The header's note of the armed faults, such as `FAULT wrongPassword`, or nil when none is.
    var armedFaultsLabel: String? {
        armedFaults.isEmpty ? nil : "FAULT " + armedFaults.joined(separator: ", ")
    }

    /// Keys in the fault picker: move, arm or clear the selected fault, clear all, close.
    mutating func handleFaultPickerKey(_ key: Key, selected: Int) -> AppCommand {
        let catalog = presentation.faultCatalog
        switch key {
        case .escape, .character("q"), .character("F"):
            overlay = nil
        case .up, .character("k"):
            overlay = .faultPicker(selected: max(0, selected - 1))
        case .down, .character("j"):
            overlay = .faultPicker(selected: min(catalog.count - 1, selected + 1))
        case .enter, .character(" "):
            guard catalog.indices.contains(selected) else { return .none }
            let name = catalog[selected].name
            var armed = Set(armedFaults)
            if armed.remove(name) == nil {
                armed.insert(name)
                notice = "Fault \(name) armed: it applies from the next request it concerns until F clears it."
            } else {
                notice = "Fault \(name) cleared."
            }
            armedFaults = armed.sorted()
            overlay = nil
            return .setFaults(armedFaults)
        case .character("c"):
            guard !armedFaults.isEmpty else { return .none }
            armedFaults = []
            notice = "Every fault cleared."
            overlay = nil
            return .setFaults([])
        default:
            break
        }
        return .none
    }

    /// The picker: one row per fault, armed ones checked, with what each does.
    func renderFaultPicker(selected: Int, into canvas: inout Canvas, in area: Rect) {
        let catalog = presentation.faultCatalog
        let width = min(area.width - 4, 100)
        let nameWidth = min(20, catalog.map { DisplayWidth.of($0.name) }.max() ?? 0)
        let lines = catalog.indices.map { index in
            let choice = catalog[index]
            let armed = armedFaults.contains(choice.name)
            let mark = armed ? "[x]" : "[ ]"
            let pointer = index == selected ? "▸ " : "  "
            var line = StyledLine([
                Span(pointer + mark + " ", style: .bold),
                Span(choice.name.padding(toWidth: nameWidth), style: armed ? PaneStyle.warning.bold() : .bold),
                Span("  " + choice.summary, style: .dim),
            ])
            if index == selected { line.spans = line.spans.map { Span($0.text, style: $0.style.reverse()) } }
            return line
        }
        // Keep the selected row on screen when the list is taller than the dialog.
        let visible = max(1, area.height - 5)
        let start = min(max(0, selected - visible + 1), max(0, lines.count - visible))
        drawDialog(
            title: "Simulator faults (armed until cleared)", lines: Array(lines.dropFirst(start)),
            footer: "↑↓ choose · enter arm / clear · c clear all · esc close", width: width, into: &canvas,
            in: area)
    }
}
