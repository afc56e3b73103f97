import FlowEngine
import Foundation

extension AppModel {
    /// Whether the session can catch the browser's redirect itself (a loopback `redirect_uri`).
    var canListenForCallback: Bool { presentation.callbackListenerURL != nil }

    /// Whether the flow waits for the browser to come back from signing on.
    var awaitsBrowserCallback: Bool { flow.awaitsBrowserCallback }

    /// Starts a wait on the loopback listener, when the session has one and none is on.
    mutating func startListening() -> AppCommand {
        guard canListenForCallback, awaitsBrowserCallback, listening == nil else { return .none }
        lastTicket += 1
        listening = Listening(ticket: lastTicket, since: now)
        return .listenForCallback(ticket: lastTicket, timeout: Self.listenTimeout)
    }

    /// Why `l` cannot listen for the redirect now.
    var listenDisabledReason: String? {
        guard awaitsBrowserCallback else {
            return "l listens for the browser's redirect; the flow is not waiting for one."
        }
        guard let address = presentation.callbackListenerURL else {
            return "The redirect URI is not loopback http, so authflow cannot catch it: n pastes the callback URL."
        }
        return listening == nil ? nil : "Already listening on \(TerminalSafe.line(address))."
    }

    /// `l`: listen for the redirect again, after esc stopped it or it timed out.
    mutating func listenAgain() -> AppCommand {
        guard let address = presentation.callbackListenerURL else { return .none }
        notice = "Listening on \(TerminalSafe.line(address)) again; n pastes the URL instead."
        return startListening()
    }

    /// Esc while listening: stop, and leave pasting as the way on.
    mutating func stopListening() -> AppCommand {
        guard let listening else { return .none }
        self.listening = nil
        notice = "Stopped listening: n pastes the callback URL, l listens again."
        return .stopListening(ticket: listening.ticket)
    }

    /// The listener caught the redirect: it is the sign-on step's callback.
    mutating func callbackCaught(ticket: Int, url: String, at date: Date) -> AppCommand {
        guard listening?.ticket == ticket else { return .none }  // stopped, or from an old flow
        listening = nil
        now = max(now, date)
        if case .browserCallback = overlay { overlay = nil }
        let command = follow(flow.receiveCallback(url, at: date))
        if flow.phase == .ready(.token) {
            notice = "Caught the browser's redirect on the loopback listener: n sends the token request."
        }
        return command
    }

    /// The listener gave up (timed out, or could not listen).
    mutating func callbackListenerFailed(ticket: Int, reason: String) -> AppCommand {
        guard listening?.ticket == ticket else { return .none }
        listening = nil
        notice = "No redirect caught: \(TerminalSafe.line(reason)). n pastes the callback URL, l listens again."
        return .none
    }
}
