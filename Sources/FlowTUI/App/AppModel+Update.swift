import FlowEngine
import Foundation

extension AppModel {
    /// Takes one message and returns what the session should do next.
    public mutating func update(_ message: AppMessage) -> AppCommand {
        switch message {
        case .keyPressed(.resize(let newSize)), .resized(let newSize):
            size = newSize
            return .none
        case .keyPressed(let key):
            return handleKey(key)
        case .ticked(let date):
            now = date
            return .none
        case .responseReceived(let ticket, let response, let date, let elapsed):
            guard inFlight?.ticket == ticket else { return .none }  // cancelled or from an old flow
            inFlight = nil
            now = max(now, date)
            return follow(flow.handle(.responseReceived(response, at: date, elapsed: elapsed)))
        case .transportFailed(let ticket, let error, let date, let elapsed):
            guard inFlight?.ticket == ticket else { return .none }
            inFlight = nil
            now = max(now, date)
            return follow(flow.handle(.transportFailed(error, at: date, elapsed: elapsed)))
        case .callbackCaught(let ticket, let url, let date):
            return callbackCaught(ticket: ticket, url: url, at: date)
        case .callbackListenerFailed(let ticket, let reason):
            return callbackListenerFailed(ticket: ticket, reason: reason)
        case .flowRestarted(let fresh):
            flow = fresh
            inFlight = nil
            listening = nil
            overlay = nil
            viewedStep = nil
            scroll = [:]
            notice = "Restarted: new state, nonce and PKCE verifier; cookie jar empty."
            return .none
        case .copyFinished(let succeeded):
            notice = succeeded ? "Copied to the clipboard (OSC 52)." : "The terminal could not be asked to copy."
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
        switch action {
        case .send(let request, let step):
            lastTicket += 1
            inFlight = InFlight(ticket: lastTicket, step: step, sentAt: now)
            return .send(request, ticket: lastTicket, timeout: flow.configuration.requestTimeout)
        case .awaitCredentials:
            notice = "Sign-on needs a username and password: press n."
            return .none
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

    // MARK: - Keys

    mutating func handleKey(_ key: Key) -> AppCommand {
        if overlay != nil { return handleOverlayKey(key) }
        switch key {
        case .character("q"):
            return .quit
        case .character("?"), .function(1):
            overlay = .help
        case .character("n"), .enter:
            return advance()
        case .character("e"):
            openParameterPicker()
        case .tab:
            focus = focus.next
        case .backTab:
            focus = focus.previous
        case .character(let digit) where ("0"..."9").contains(digit):
            view(stepNumber: Int(String(digit)) ?? 0)
        case .character(let letter) where Self.followUp(for: letter) != nil:
            guard let step = Self.followUp(for: letter) else { return .none }
            return chooseFollowUp(step)
        case .character("l"):
            return listenAgain()
        case .character("["), .character("]"):
            viewNeighbour(forward: key == .character("]"))
        case .character("r"):
            let ticket = inFlight?.ticket
            inFlight = nil
            listening = nil
            notice = ticket == nil ? nil : "The request in flight was abandoned."
            return .restartFlow
        case .character("x"):
            _ = flow.handle(.cookiesCleared)
            notice = "Cookie jar cleared: the ST session is gone; the next authorize starts fresh."
        case .character("m"):
            isMasked.toggle()
            notice = isMasked ? "Secrets masked." : "Secrets SHOWN: mind who sees the screen."
        case .character("c"):
            if viewedStep == nil, case .needsBrowserCallback(let url) = flow.phase {
                // The browser sends this one: what the user needs is the URL itself.
                return .copy(TerminalSafe.line(redactor.redact(url)))
            }
            guard let (request, _) = shownRequest else {
                notice = "No request to copy."
                return .none
            }
            return .copy(CurlCommand(request: request, redactor: redactor(alsoHiding: request)).text)
        case .character("y"):
            let content = pane(focus)
            return .copy(([content.title] + content.lines.map(\.plainText)).joined(separator: "\n"))
        case .escape:
            return escape()
        default:
            scrollFocused(key)
        }
        return .none
    }

    /// `n` / Enter: send the request shown, or do what the flow needs before it can.
    mutating func advance() -> AppCommand {
        viewedStep = nil
        guard inFlight == nil else {
            notice = "A request is in flight: esc cancels it."
            return .none
        }
        switch flow.phase {
        case .ready:
            notice = nil
            return follow(flow.handle(.sendRequested(at: now)))
        case .needsCredentials:
            openCredentialsPrompt()
        case .needsBrowserCallback(let url):
            overlay = .browserCallback(authorizeURL: url, field: TextField(label: "callback URL"))
        case .failed where browserCallbackFailed:
            // The browser's callback failed; a new sign-on needs a new authorize request.
            listening = nil
            return .restartFlow
        case .failed:
            notice = "Built again: check it, then n sends it."
            let command = follow(flow.handle(.retryRequested))
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
        let known = flow.configuration.username ?? presentation.demoCredentials?.username ?? ""
        overlay = .credentials(CredentialsForm(username: known))
    }

    /// Esc: cancel the request in flight, else stop listening, else go back to following the flow.
    mutating func escape() -> AppCommand {
        if let inFlight {
            self.inFlight = nil
            let elapsed = Duration.milliseconds(Int64(min(waitingSeconds(since: inFlight.sentAt), 86_400) * 1000))
            _ = flow.handle(.transportFailed(.cancelled, at: now, elapsed: elapsed))
            notice = "Cancelled. n builds the request again."
            return .cancelRequest(ticket: inFlight.ticket)
        }
        if listening != nil { return stopListening() }
        if viewedStep != nil {
            viewedStep = nil
            resetScroll()
        } else {
            notice = nil
        }
        return .none
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
        let layout = AppLayout(size: size)
        let body = layout.body(focus)
        let content = pane(focus).lines.count
        var view = scroll[focus] ?? TextView()
        view.handle(key, contentHeight: content, viewportHeight: body.height)
        scroll[focus] = view
    }

    /// A pane's content laid out for its width now.
    public func pane(_ pane: Pane) -> PaneContent {
        let width = AppLayout(size: size).body(pane).width
        switch pane {
        case .request: return requestPane(width: width)
        case .response: return responsePane(width: width)
        case .decoded: return decodedPane(width: width)
        case .tokens: return tokensPane(width: width)
        }
    }

    // MARK: - Parameters

    mutating func openParameterPicker() {
        guard viewedStep == nil, inFlight == nil, case .ready = flow.phase else {
            notice = "Only the request being built can be edited."
            return
        }
        guard !flow.draft.isEmpty else {
            notice = "This request has no parameters to edit."
            return
        }
        overlay = .parameterPicker(selected: 0)
    }
}
