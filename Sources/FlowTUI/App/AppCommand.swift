import FlowEngine

/// What the model asks the session loop to do: data, never closures.
public enum AppCommand: Equatable, Sendable {
    /// Nothing.
    case none
    /// Send a request; report the outcome with the same ticket.
    case send(HTTPRequest, ticket: Int, timeout: Duration)
    /// Stop waiting for the request with this ticket; its late outcome will be ignored.
    case cancelRequest(ticket: Int)
    /// Start a new flow from the same configuration, with fresh randomness (answer: `flowRestarted`).
    case restartFlow
    /// Put this text on the clipboard (the terminal's OSC 52).
    case copy(String)
    /// Wait on the loopback listener for the browser's redirect, up to `timeout`
    /// (answer: `callbackCaught` or `callbackListenerFailed` with the same ticket).
    case listenForCallback(ticket: Int, timeout: Duration)
    /// Stop waiting on the loopback listener; a late catch with this ticket will be ignored.
    case stopListening(ticket: Int)
    /// Write a saved session to a file with mode 0600 (answer: `saveFinished`).
    case save(path: String, text: String, unmasked: Bool)
    /// Arm exactly these simulator faults (by name) in the demo's running simulator, before any
    /// later request is sent.
    case setFaults([String])
    /// End the session.
    case quit
}
