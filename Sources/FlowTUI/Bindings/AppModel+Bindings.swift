extension AppModel {
    /// Every key binding of the main screen, for the help overlay: the key table's rows, by section.
    public static let help = HelpOverlay(
        title: "Keys",
        sections: Binding.Section.allCases.map { section in
            HelpOverlay.Section(
                section.helpTitle, Binding.mainScreen.filter { $0.section == section }.compactMap(\.help))
        })

    /// A key on the main screen: the first entry of the key table for it that is enabled now runs;
    /// when none is, the notice says why not.
    ///
    /// While the terminal is too small, only q (which the too-small message names) does anything:
    /// every other key would act on a screen that cannot be seen.
    mutating func handleKey(_ key: Key) -> AppCommand {
        if isTooSmall { return key == .character("q") ? .quit : .none }
        if case .mouse(let event) = key {
            if overlay == nil, search?.isEditing != true { handleMouse(event) }
            return .none
        }
        if overlay != nil { return handleOverlayKey(key) }
        if search?.isEditing == true {
            handleSearchPromptKey(key)
            return .none
        }
        // A reopened session sends nothing; n and N still move between a search's matches.
        let movesBetweenMatches = search != nil && (key == .character("n") || key == .character("N"))
        if !movesBetweenMatches, let reason = readOnlyReason(key) {
            notice = reason
            return .none
        }
        let entries = Binding.mainScreen.filter { $0.keys.contains(key) }
        if let enabled = entries.first(where: { $0.isEnabled(self) }) {
            return enabled.action(&self, key)
        }
        if let reason = entries.first?.disabledReason(self) { notice = reason }
        return .none
    }

    /// The keys that matter now, for the footer: the enabled entries' hints by priority, and an
    /// open overlay's own keys while it is open.
    var keyBar: KeyBar {
        if let overlay { return KeyBar(Self.footer(for: overlay)) }
        if search?.isEditing == true {
            return KeyBar([KeyBinding("enter", "search"), KeyBinding("esc", "cancel")])
        }
        let hints = Binding.mainScreen.enumerated()
            .compactMap { index, entry -> (priority: Int, index: Int, hint: KeyBinding)? in
                guard entry.isEnabled(self), entry.keys.allSatisfy({ readOnlyReason($0) == nil }),
                    let hint = entry.footer(self)
                else { return nil }
                return (entry.footerPriority, index, hint)
            }
            .sorted { ($0.priority, $0.index) < ($1.priority, $1.index) }
            .map(\.hint)
        // Neighbours with the same label share one hint: "u i f v s follow-up".
        var bindings: [KeyBinding] = []
        for hint in hints {
            if let last = bindings.last, last.summary == hint.summary {
                bindings[bindings.count - 1].keys += " " + hint.keys
            } else {
                bindings.append(hint)
            }
        }
        return KeyBar(bindings, essentialKeys: Self.essentialFooterKeys)
    }

    /// Keys the footer shows at every width: help, the mask, and quit.
    static let essentialFooterKeys: Set<String> = ["?", "m", "q"]

    /// An overlay's keys, for the footer (the overlay's widget handles them).
    static func footer(for overlay: Overlay) -> [KeyBinding] {
        switch overlay {
        case .parameterPicker:
            [
                KeyBinding("↑↓", "choose"), KeyBinding("enter", "edit"), KeyBinding("a", "add"),
                KeyBinding("d", "remove"), KeyBinding("A", "auth method"), KeyBinding("esc", "close"),
            ]
        case .parameterName: [KeyBinding("enter", "next"), KeyBinding("esc", "back")]
        case .parameterEditor: [KeyBinding("enter", "set"), KeyBinding("esc", "back")]
        case .credentials:
            [KeyBinding("tab", "next field"), KeyBinding("enter", "sign on"), KeyBinding("esc", "close")]
        case .browserCallback: [KeyBinding("enter", "use this URL"), KeyBinding("esc", "close")]
        case .saveSession: [KeyBinding("enter", "save"), KeyBinding("esc", "close")]
        case .help, .timeline: [KeyBinding("esc", "close")]
        case .faultPicker:
            [KeyBinding("↑↓", "choose"), KeyBinding("enter", "arm / clear"), KeyBinding("esc", "close")]
        }
    }

    /// The number keys of the steps listed, such as "1-5", or "0-8" with PAR and follow-ups.
    var stepKeys: String {
        let numbers = listedSteps.map(\.number).filter { $0 <= 9 }
        return "\(numbers.min() ?? 1)-\(numbers.max() ?? 5)"
    }

    // MARK: - When keys apply

    /// Why nothing can be sent or started now: a request is on the wire.
    var inFlightReason: String? {
        inFlight == nil ? nil : "A request is in flight: esc cancels it."
    }

    /// `n`'s hint in the footer: what it does at this step.
    var advanceHint: KeyBinding? {
        switch flow.phase {
        case .ready: KeyBinding("n", "send")
        case .needsCredentials: KeyBinding("n", "sign on")
        case .failed: restartReason == nil ? KeyBinding("n", "retry") : KeyBinding("r", "restart")
        case .needsBrowserCallback, .completed, .waitingForResponse: nil
        }
    }

    /// Why `e` cannot open the parameter picker now (a request with no parameters opens none,
    /// and says so, but keeps its hint: the step is still one that could be edited).
    var editDisabledReason: String? {
        guard viewedStep == nil, inFlight == nil, case .ready = flow.phase else {
            return "Only the request being built can be edited."
        }
        return nil
    }

    /// Why only `r` can work after the current failure (the engine's ``NextMove``), or `nil` when `n`'s retry can.
    var restartReason: String? {
        guard case .restart(let because) = flow.nextMove else { return nil }
        return because
    }

    /// The authorize URL `c` copies while the flow waits for the browser, when the flow is shown.
    var authorizeURLToCopy: String? {
        guard viewedStep == nil, case .needsBrowserCallback(let url) = flow.phase else { return nil }
        return url
    }
}
