import FlowEngine
import Foundation

extension AppModel {
    /// Takes one message and returns what the session should do next; the frame's snapshot is
    /// rebuilt here, once, when the message changed what it is made from.
    public mutating func update(_ message: AppMessage) -> AppCommand {
        let command = apply(message)
        refreshFrame()
        return command
    }

    private mutating func apply(_ message: AppMessage) -> AppCommand {
        switch message {
        case .keyPressed(.resize(let newSize)), .resized(let newSize):
            size = newSize
            return .none
        case .keyPressed(let key):
            return handleKey(key)
        case .ticked(let date):
            now = date
            return pollPushIfDue()
        case .responseReceived(let ticket, let response, let date, let elapsed):
            guard inFlight?.ticket == ticket else { return .none }  // cancelled or from an old flow
            inFlight = nil
            now = max(now, date)
            return follow(flow.receive(response, at: date, elapsed: elapsed))
        case .transportFailed(let ticket, let error, let date, let elapsed):
            guard inFlight?.ticket == ticket else { return .none }
            inFlight = nil
            now = max(now, date)
            return follow(flow.transportFailed(error, at: date, elapsed: elapsed))
        case .callbackCaught(let ticket, let url, let date):
            return callbackCaught(ticket: ticket, url: url, at: date)
        case .callbackListenerFailed(let ticket, let reason):
            return callbackListenerFailed(ticket: ticket, reason: reason)
        case .flowRestarted(var fresh):
            // As a browser would: the session cookie outlives the flow, so PingOne may sign on without a
            // password (single sign-on); `x` empties the jar first to sign on afresh.
            fresh.keepBrowserCookies(of: flow)
            flow = fresh
            inFlight = nil
            listening = nil
            overlay = nil
            viewedStep = nil
            scroll = [:]
            notice =
                flow.cookieJar.cookies.isEmpty
                ? "Restarted: new state, nonce and PKCE verifier; cookie jar empty."
                : "Restarted: new state, nonce and PKCE verifier; the cookie jar is kept, as a browser keeps it (x empties it)."
            return .none
        case .copyFinished(let succeeded):
            copyFinished(succeeded: succeeded)
            return .none
        case .clipboardProgramFinished(let program, let error):
            clipboardProgramFinished(program: program, error: error)
            return .none
        case .saveFinished(let path, let unmasked, let error):
            saveFinished(path: path, unmasked: unmasked, error: error)
            return .none
        }
    }

    /// Does what the flow asked for next; a wait on the loopback listener ends once the flow no
    /// longer needs the browser's callback (it was pasted, or the flow moved on).
    mutating func follow(_ action: FlowAction) -> AppCommand {
        let command = perform(action)
        if command == .none, let listening, !awaitsBrowserCallback {
            self.listening = nil
            return .stopListening(ticket: listening.ticket)
        }
        return command
    }

    private mutating func perform(_ action: FlowAction) -> AppCommand {
        for pane in Pane.allCases { scroll[pane] = TextView() }
        viewedAttempt = nil
        switch action {
        case .send(let request, let step):
            lastTicket += 1
            inFlight = InFlight(ticket: lastTicket, step: step, sentAt: now)
            return .send(request, ticket: lastTicket, timeout: flow.configuration.requestTimeout)
        case .awaitCredentials:
            notice =
                "Sign-on needs \(flow.signOnInput?.noun ?? "a username and password"): press n."
                + (flow.canRecoverPassword ? " p: forgot password." : "")
            return .none
        case .awaitBrowserSignOn where flow.signOn?.handOffURL != nil:
            // ASSERTION_REQUIRED: the flow goes on in a browser, on the hosted page that continues it.
            let listener = presentation.callbackListenerURL.map {
                " authflow catches the redirect on \(TerminalSafe.line($0))."
            }
            notice =
                "The sign-on needs a FIDO2 security key (ASSERTION_REQUIRED): open the hosted page that continues this flow (c copies the URL) and use the key there."
                + (listener ?? " Then paste the callback URL: press n.")
            return listener == nil ? .none : startListening()
        case .awaitBrowserSignOn:
            if let address = presentation.callbackListenerURL {
                notice =
                    "Sign on in a browser (c copies the URL): authflow catches the redirect on \(TerminalSafe.line(address)). n pastes it instead."
                return startListening()
            }
            notice = "Sign on in a browser (c copies the URL), then paste the callback URL: press n."
            return .none
        case .failed:
            focus = .decoded
            return .none
        case .finished:
            if let step = flow.record.last?.step, FlowStep.followUps.contains(step) {
                notice = "\(step.number) \(step.title) done. u i f v s choose another follow-up; r starts again."
            } else {
                notice = "Tokens received. u i f v s choose a follow-up step; r starts again."
            }
            return .none
        case .awaitSend, .none:
            return .none
        }
    }

    // MARK: - What the keys do (the key table, `Binding.mainScreen`, says which key does what, and when)

    /// `r`: start a new flow; a request in flight is abandoned.
    mutating func restart() -> AppCommand {
        let ticket = inFlight?.ticket
        inFlight = nil
        listening = nil
        notice = ticket == nil ? nil : "The request in flight was abandoned."
        return .restartFlow
    }

    /// `x`: empty the cookie jar.
    mutating func clearCookies() {
        flow.clearCookies()
        notice = "Cookie jar cleared: the ST session is gone; the next authorize starts fresh."
    }

    /// `m`: mask or show secrets.
    mutating func toggleMask() {
        isMasked.toggle()
        notice = isMasked ? "Secrets masked." : "Secrets SHOWN: mind who sees the screen."
    }

    /// `n` / Enter: send the request shown, or do what the flow needs before it can.
    mutating func advance() -> AppCommand {
        viewedStep = nil
        switch flow.phase {
        case .ready:
            notice = nil
            return follow(flow.send(at: now))
        case .needsCredentials:
            openCredentialsPrompt()
        case .needsBrowserCallback:
            openCallbackPrompt()
        case .failed where restartReason != nil:
            // A retry would fail the same way (the engine's rule): say so, and offer r.
            notice = "A retry would fail the same way: \(restartReason ?? ""). r restarts: new state, nonce and PKCE."
        case .failed:
            notice = "Built again: check it, then n sends it."
            let command = follow(flow.retry())
            if flow.phase == .needsCredentials {
                // A wrong password: ask again at once.
                notice = nil
                openCredentialsPrompt()
            }
            return command
        case .completed:
            notice =
                availableFollowUps.isEmpty
                ? "The flow is complete. r starts again; 4 shows the token request."
                : "The flow is complete: choose a follow-up (u i f v s), then n sends it."
        case .waitingForResponse:
            break
        }
        return .none
    }

    /// Opens the sign-on prompt, the username filled in when it is known.
    mutating func openCredentialsPrompt() {
        if let input = flow.signOnInput, input != .credentials {
            overlay = .credentials(CredentialsForm(asking: input))
            return
        }
        let known = flow.configuration.username ?? presentation.demoCredentials?.username ?? ""
        overlay = .credentials(CredentialsForm(username: known))
    }

    /// Opens the dialog for pasting the browser's callback URL.
    mutating func openCallbackPrompt() {
        viewedStep = nil
        guard case .needsBrowserCallback(let url) = flow.phase else { return }
        overlay = .browserCallback(authorizeURL: url, field: TextField(label: "callback URL"))
    }

    /// Esc while a request is in flight: cancel it; the step fails as cancelled.
    mutating func cancelRequest() -> AppCommand {
        guard let inFlight else { return .none }
        self.inFlight = nil
        let elapsed = Duration.milliseconds(Int64(min(waitingSeconds(since: inFlight.sentAt), 86_400) * 1000))
        flow.cancelRequest(at: now, elapsed: elapsed)
        notice = "Cancelled. n builds the request again."
        return .cancelRequest(ticket: inFlight.ticket)
    }

    /// Esc otherwise: stop looking at an earlier step, else clear the notice.
    mutating func goBackToTheFlow() {
        if viewedStep != nil || viewedAttempt != nil {
            viewedStep = nil
            resetScroll()
        } else {
            notice = nil
        }
    }

    private func waitingSeconds(since date: Date) -> Double {
        max(0, now.timeIntervalSince(date))
    }

    /// Keys 1…5 (and 0 for PAR, 6… for follow-ups): look at an earlier step, or stop looking.
    mutating func view(stepNumber: Int) {
        guard let step = FlowStep.allCases.first(where: { $0.number == stepNumber }) else { return }
        guard flow.record.contains(where: { $0.step == step }) else {
            notice = "Step \(stepNumber) \(step.title) has not been sent yet."
            return
        }
        viewedStep = viewedStep == step ? nil : step
        notice = viewedStep == nil ? nil : "Looking at step \(stepNumber). esc goes back to the flow."
        resetScroll()
    }

    /// `[` and `]`: look at the sent step before or after the one shown, in the list's order.
    mutating func viewNeighbour(forward: Bool) {
        let sent = listedSteps.filter { step in flow.record.contains { $0.step == step } }
        guard !sent.isEmpty else {
            notice = "Nothing sent yet."
            return
        }
        let current = shownEntry?.step
        let index = current.flatMap { sent.firstIndex(of: $0) } ?? (forward ? -1 : sent.count)
        let next = index + (forward ? 1 : -1)
        guard sent.indices.contains(next) else {
            notice = forward ? "No later step was sent." : "No earlier step was sent."
            return
        }
        let step = sent[next]
        viewedStep = step
        notice = "Looking at step \(step.number) \(step.title). esc goes back to the flow."
        resetScroll()
    }

    mutating func resetScroll() {
        for pane in Pane.allCases { scroll[pane] = TextView() }
    }

    /// Scrolls the focused pane for a scrolling key.
    mutating func scrollFocused(_ key: Key) {
        let body = layout.body(focus)
        let content = pane(focus).lines.count
        var view = scroll[focus] ?? TextView()
        view.handle(key, contentHeight: content, viewportHeight: body.height)
        scroll[focus] = view
    }

    /// A pane's content laid out for its width now: as `update` laid it out, or (for a size it
    /// was not laid out for, such as one too small for the screen) laid out here.
    public func pane(_ pane: Pane) -> PaneContent {
        self.pane(pane, size: size)
    }

    /// A pane's content laid out for a terminal size.
    func pane(_ pane: Pane, size: Size) -> PaneContent {
        if let content = layouts.content(pane, size: size, zoomed: zoomedPane) { return content }
        var body: BodyLayout?
        let zoomed = zoomedPane == pane
        return PaneLayouts.content(
            pane, of: frame, width: AppLayout(size: size, zoomed: zoomed ? pane : nil).body(pane).width,
            zoomed: zoomed, body: &body)
    }

    /// `e`: the parameter picker, over the request being built.
    mutating func openParameterPicker() {
        guard !flow.draft.isEmpty else {
            notice = "This request has no parameters to edit."
            return
        }
        overlay = .parameterPicker(selected: 0)
    }
}
