import FlowEngine
import Foundation

/// What was put on the clipboard, for the notice.
struct CopyDescription: Equatable, Sendable {
    /// What it is, such as "flowId" or "the response body".
    var what: String
    var characters: Int
    /// Whether secrets in it were masked.
    var masked: Bool
}

extension AppModel {
    // MARK: - Zoom

    /// The pane filling the screen, if one is.
    var zoomedPane: Pane? { isZoomed ? focus : nil }

    /// Where each part of the screen goes now, with the zoomed pane if one is.
    var layout: AppLayout { AppLayout(size: size, zoomed: zoomedPane) }

    /// `z`: the focused pane fills the screen (header and key bar kept), or goes back.
    mutating func toggleZoom() {
        isZoomed.toggle()
        notice =
            isZoomed
            ? "\(focus.title) zoomed: values shown whole; z goes back, tab zooms the next pane."
            : nil
    }

    // MARK: - The selected line

    /// The focused pane's selected line: its top visible line (the scroll keys move it), or the
    /// first line below it that shows a value.
    func selectedValue(in pane: Pane) -> LineValue? {
        let content = self.pane(pane)
        let body = layout.body(pane)
        let top = topLine(of: pane, contentHeight: content.lines.count, viewportHeight: body.height)
        for index in top..<min(content.lines.count, top + max(1, body.height)) {
            if let value = content.value(atLine: index) { return value }
        }
        return nil
    }

    /// The first visible line of a pane.
    func topLine(of pane: Pane, contentHeight: Int, viewportHeight: Int) -> Int {
        min(scroll[pane]?.offset ?? 0, TextView.maxOffset(contentHeight: contentHeight, viewportHeight: viewportHeight))
    }

    // MARK: - Copy

    /// `y`: the whole value of the focused pane's selected line: a token, a flow id, a URL, a header.
    mutating func copySelectedValue() -> AppCommand {
        guard let value = selectedValue(in: focus) else {
            notice = "Nothing to copy on this line of the \(focus.title) pane: j k move the selected (underlined) line."
            return .none
        }
        let text = value.isRaw ? TerminalSafe.line(redactor.redact(value.text)) : value.text
        let masked = isMasked && (text.contains(Redactor.mask) || (value.isRaw && text != value.text))
        return copy(text, what: value.name, masked: masked)
    }

    /// `Y`: the whole body of the response shown, masked as the screen is.
    mutating func copyResponseBody() -> AppCommand {
        guard let response = shownEntry?.response, !response.body.isEmpty else {
            notice = "No response body to copy."
            return .none
        }
        let body = String(decoding: response.body, as: UTF8.self)
        let text = redactor.redact(body)
        return copy(text, what: "the response body", masked: isMasked && text != body)
    }

    /// `c`: the request shown as a curl command line that runs as it is: when masked, secrets
    /// are shell variables (`${AUTHFLOW_CLIENT_SECRET}`) the command says to set.
    mutating func copyShownRequestAsCurl() -> AppCommand {
        guard let (request, _) = frame.shownRequest else {
            notice = "No request to copy."
            return .none
        }
        let command = VariableCurlCommand(
            request: request, redactor: redactor(alsoHiding: request), configuration: flow.configuration)
        let what = command.variables.isEmpty ? "the request as curl" : "the request as curl, secrets as variables"
        // Variables are not masking: what the command sends is whole once they are set.
        return copy(command.text, what: what, masked: false)
    }

    /// Hands text to the session loop for the clipboard; the notice comes when it is done.
    mutating func copy(_ text: String, what: String, masked: Bool) -> AppCommand {
        pendingCopy = CopyDescription(what: what, characters: text.count, masked: masked)
        return .copy(text)
    }

    /// The notice once the terminal was asked to copy.
    mutating func copyFinished(succeeded: Bool) {
        let description = pendingCopy
        pendingCopy = nil
        guard succeeded else {
            notice = "The terminal could not be asked to copy."
            return
        }
        guard let description else {
            notice = "Copied to the clipboard (OSC 52)."
            return
        }
        let maskNote = description.masked ? ", secrets masked (m shows them)" : isMasked ? "" : ", secrets SHOWN"
        notice = "Copied \(description.what) (\(description.characters) characters\(maskNote)) with OSC 52."
    }

    /// The notice once a clipboard program (xclip, wl-copy…) took the text, or failed to.
    mutating func clipboardProgramFinished(program: String, error: String?) {
        let base = notice.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 } ?? "Copied"
        if let error {
            notice = base + "; \(program) failed: \(TerminalSafe.line(error))."
        } else {
            notice = base + " and \(program)."
        }
    }

    // MARK: - Search

    /// `/`: opens the search prompt for the focused pane.
    mutating func openSearch() {
        search = PaneSearch(pane: focus)
    }

    /// A key while the search prompt is open: enter searches, esc closes, the rest edits.
    mutating func handleSearchPromptKey(_ key: Key) {
        guard var search else { return }
        switch key {
        case .enter:
            guard !search.query.isEmpty else {
                self.search = nil
                notice = nil
                return
            }
            search.isEditing = false
            self.search = search
            moveToMatch(forward: true, fromTop: true)
        case .escape:
            self.search = nil
            notice = nil
        default:
            _ = search.field.handle(key)
            self.search = search
        }
    }

    /// `n` / `N` while a search is on: the next or previous match, scrolled to the top of its pane.
    mutating func moveToMatch(forward: Bool, fromTop: Bool = false) {
        guard var search else { return }
        let content = pane(search.pane)
        let matches = PaneSearch.matches(of: search.query, in: content.lines)
        let quoted = "\"" + TerminalSafe.line(search.query) + "\""
        guard !matches.isEmpty else {
            search.current = nil
            search.matchIndex = nil
            search.matchCount = 0
            self.search = search
            notice =
                "No match for \(quoted) in the \(search.pane.title) pane. esc ends the search (then n sends again)."
            return
        }
        let index: Int
        if fromTop {
            index = 0
        } else if let current = search.current, let at = matches.firstIndex(of: current) {
            index = (at + (forward ? 1 : matches.count - 1)) % matches.count
        } else if let current = search.current {
            let after = matches.firstIndex {
                ($0.line, $0.characters.lowerBound) > (current.line, current.characters.lowerBound)
            }
            index = forward ? (after ?? 0) : ((after ?? matches.count) - 1 + matches.count) % matches.count
        } else {
            index = forward ? 0 : matches.count - 1
        }
        let match = matches[index]
        search.current = match
        search.matchIndex = index
        search.matchCount = matches.count
        self.search = search
        focus = search.pane
        let body = layout.body(search.pane)
        let limit = TextView.maxOffset(contentHeight: content.lines.count, viewportHeight: body.height)
        // The match on the top line when it can be, a few lines down otherwise.
        scroll[search.pane] = TextView(offset: min(limit, max(0, match.line)))
        notice =
            "Match \(index + 1) of \(matches.count) for \(quoted): n next, N previous; esc ends the search (then n sends again)."
    }

    /// `esc` while a search is on: ends it.
    mutating func endSearch() {
        search = nil
        notice = "Search ended: n sends / moves the flow on again."
    }

    // MARK: - Attempts

    /// The attempts of the step shown, oldest first, as indices in the record.
    var shownStepAttempts: [Int] {
        guard let step = flow.shownEntry(viewing: viewedStep)?.step else { return [] }
        return flow.record.indices.filter { flow.record[$0].step == step }
    }

    /// `<` and `>`: the previous or next attempt of the step shown, in every pane.
    mutating func viewAttempt(forward: Bool) {
        let attempts = shownStepAttempts
        guard let latest = attempts.last.map({ flow.record[$0] }) else {
            notice = "Nothing sent yet."
            return
        }
        guard attempts.count > 1 else {
            notice = "Step \(latest.step.number) \(latest.step.title) was sent once: it has no other attempt."
            return
        }
        let index = viewedAttempt.flatMap { attempts.firstIndex(of: $0) } ?? attempts.count - 1
        let next = index + (forward ? 1 : -1)
        guard attempts.indices.contains(next) else {
            notice =
                forward
                ? "Attempt \(index + 1) of \(attempts.count) is the latest of step \(latest.step.number)."
                : "Attempt 1 of \(attempts.count) is the first of step \(latest.step.number)."
            return
        }
        let entry = flow.record[attempts[next]]
        // Keep looking at this step, even when the flow moves on.
        if viewedStep == nil { viewedStep = entry.step }
        viewedAttempt = next == attempts.count - 1 ? nil : attempts[next]
        resetScroll()
        let changes = entry.changes.map { $0.description(redactor: redactor) }.joined(separator: "; ")
        let outcome = entry.failure.map { "failed: " + $0.description } ?? entry.response.map { "HTTP \($0.status)" }
        notice = TerminalSafe.line(
            "Attempt \(next + 1) of \(attempts.count) of step \(entry.step.number) \(entry.step.title)"
                + (changes.isEmpty ? "" : " after: \(changes)") + (outcome.map { " · " + $0 } ?? "")
                + ". < > other attempts, esc the flow.")
    }

    /// The place of the shown entry among its step's attempts, such as "attempt 2 of 3", when
    /// the step was sent more than once.
    var attemptText: String? {
        let attempts = shownStepAttempts
        guard attempts.count > 1, let last = attempts.last else { return nil }
        let index = viewedAttempt.flatMap { attempts.firstIndex(of: $0) } ?? attempts.firstIndex(of: last) ?? 0
        return "attempt \(index + 1) of \(attempts.count)"
    }

    // MARK: - Mouse

    /// A mouse event: the wheel scrolls the pane under the pointer, a click focuses it.
    mutating func handleMouse(_ event: MouseEvent) {
        let layout = self.layout
        guard let pane = Pane.allCases.first(where: { layout.rect($0).contains(x: event.x, y: event.y) }) else {
            return
        }
        switch event.kind {
        case .press:
            focus = pane
        case .wheelUp, .wheelDown:
            let content = self.pane(pane).lines.count
            var view = scroll[pane] ?? TextView()
            view.scroll(
                by: event.kind == .wheelUp ? -3 : 3, contentHeight: content, viewportHeight: layout.body(pane).height)
            scroll[pane] = view
        }
    }
}
