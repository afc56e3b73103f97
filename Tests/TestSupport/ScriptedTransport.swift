import FlowEngine
import Foundation

/// A transport that expects requests in order and answers each as scripted, or waits until it is
/// cancelled. The engine's runner tests and the TUI's program tests share it.
public final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    public enum Reply: Sendable {
        case answer(Result<HTTPResponse, TransportError>)
        /// Never answers: waits until the request's task is cancelled.
        case hang
    }

    public struct Exchange: Sendable {
        public var expectMethod: String
        public var expectURLPrefix: String
        public var reply: Reply

        public init(expectMethod: String, expectURLPrefix: String, reply: Reply) {
            self.expectMethod = expectMethod
            self.expectURLPrefix = expectURLPrefix
            self.reply = reply
        }

        /// An exchange answered at once with `reply`.
        public init(expectMethod: String, expectURLPrefix: String, reply: Result<HTTPResponse, TransportError>) {
            self.init(expectMethod: expectMethod, expectURLPrefix: expectURLPrefix, reply: .answer(reply))
        }
    }

    private var script: [Exchange]
    private var receivedRequests: [HTTPRequest] = []
    private var cancelledCount = 0
    private let lock = NSLock()

    public init(_ script: [Exchange]) {
        self.script = script
    }

    public func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        let next = take(request)
        guard let next else { throw .other("unexpected request \(request.method) \(request.url)") }
        guard request.method == next.expectMethod, request.url.hasPrefix(next.expectURLPrefix) else {
            throw .other("expected \(next.expectMethod) \(next.expectURLPrefix)…, got \(request.method) \(request.url)")
        }
        switch next.reply {
        case .answer(let result):
            return try result.get()
        case .hang:
            // Suspends (it does not block a thread) until the task is cancelled.
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(3600))
            }
            lock.withLock { cancelledCount += 1 }
            throw .cancelled
        }
    }

    private func take(_ request: HTTPRequest) -> Exchange? {
        lock.withLock {
            receivedRequests.append(request)
            return script.isEmpty ? nil : script.removeFirst()
        }
    }

    /// The requests sent so far.
    public var received: [HTTPRequest] { lock.withLock { receivedRequests } }
    /// How many waiting requests were cancelled.
    public var cancelled: Int { lock.withLock { cancelledCount } }
    /// Exchanges not yet used.
    public var remaining: Int { lock.withLock { script.count } }
}

extension HTTPResponse {
    /// A JSON response.
    public static func json(_ status: Int, _ reason: String, _ json: String, headers: [HTTPHeader] = []) -> HTTPResponse
    {
        HTTPResponse(
            status: status, reason: reason, headers: [HTTPHeader("Content-Type", "application/json")] + headers,
            body: Array(json.utf8))
    }

    /// A `302 Found` to `location`.
    public static func redirect(_ location: String, headers: [HTTPHeader] = []) -> HTTPResponse {
        HTTPResponse(status: 302, reason: "Found", headers: [HTTPHeader("Location", location)] + headers)
    }
}
