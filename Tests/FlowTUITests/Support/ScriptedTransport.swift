import FlowEngine
import Foundation

/// A transport that expects requests in order and answers each as scripted, or waits until it is
/// cancelled (copied from FlowEngineTests' transport, with the wait added).
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    enum Reply {
        case answer(Result<HTTPResponse, TransportError>)
        /// Never answers: waits until the request's task is cancelled.
        case hang
    }

    struct Exchange {
        var expectMethod: String
        var expectURLPrefix: String
        var reply: Reply
    }

    private var script: [Exchange]
    private var receivedRequests: [HTTPRequest] = []
    private var cancelledCount = 0
    private let lock = NSLock()

    init(_ script: [Exchange]) {
        self.script = script
    }

    func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
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
    var received: [HTTPRequest] { lock.withLock { receivedRequests } }
    /// How many waiting requests were cancelled.
    var cancelled: Int { lock.withLock { cancelledCount } }
    /// Exchanges not yet used.
    var remaining: Int { lock.withLock { script.count } }
}
