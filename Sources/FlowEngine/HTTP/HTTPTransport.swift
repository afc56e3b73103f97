/// Sends one request and returns the response as received, never following redirects.
///
/// The flow engine performs no I/O itself; the runner sends through a transport. The live one
/// is ``LiveTransport`` (AsyncHTTPClient); tests script one.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse
}

/// Why a request got no response.
public enum TransportError: Error, Equatable, Sendable, Codable {
    case invalidURL(String)
    case connectionRefused(host: String, port: Int)
    case hostNotFound(String)
    case timedOut(after: Duration)
    case tlsFailure(String)
    case responseTooLarge(limit: Int)
    /// The head came, then the body did not finish before the deadline (a stall or a drip).
    case incompleteBody(after: Duration, received: HTTPResponse)
    /// The head came, then the connection closed before the body was complete.
    case connectionClosedEarly(received: HTTPResponse)
    /// The proxy could not be used (it refused the tunnel, wanted credentials, or did not answer).
    case proxyFailure(String)
    case cancelled
    case other(String)
}

extension TransportError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidURL(let url): "the URL is not valid: \(url)"
        case .connectionRefused(let host, let port): "connection refused by \(host):\(port)"
        case .hostNotFound(let host): "host not found: \(host)"
        case .timedOut(let duration): "no response within \(duration.secondsText)"
        case .incompleteBody(let duration, let received):
            "the body was not complete within \(duration.secondsText): the server sent the headers "
                + "(\(received.status)) and \(received.body.count) bytes of the body, then stalled"
        case .connectionClosedEarly(let received):
            "the connection closed after the headers (\(received.status)) and \(received.body.count) bytes of the body"
        case .proxyFailure(let reason): "proxy: \(reason)"
        case .tlsFailure(let reason): "TLS failed: \(reason)"
        case .responseTooLarge(let limit): "the response is larger than \(limit / 1_048_576) MiB"
        case .cancelled: "the request was cancelled"
        case .other(let reason): reason
        }
    }
}

extension TransportError {
    /// What arrived before the exchange failed, when the head did: kept in the record.
    public var partialResponse: HTTPResponse? {
        switch self {
        case .incompleteBody(_, let received), .connectionClosedEarly(let received): received
        default: nil
        }
    }
}

extension Duration {
    /// Whole seconds as text, such as `10 s`, or milliseconds below one second.
    public var secondsText: String {
        let (seconds, attoseconds) = components
        if seconds >= 1 { return "\(seconds) s" }
        return "\(attoseconds / 1_000_000_000_000_000) ms"
    }

    /// Milliseconds, rounded down.
    public var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
