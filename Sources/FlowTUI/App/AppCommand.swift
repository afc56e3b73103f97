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
    /// End the session.
    case quit
}
