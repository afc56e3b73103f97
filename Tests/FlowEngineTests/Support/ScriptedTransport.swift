import FlowEngine
import Foundation

/// A transport that expects requests in order and answers each with a scripted response.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    struct Exchange {
        var expectMethod: String
        var expectURLPrefix: String
        var reply: Result<HTTPResponse, TransportError>
    }

    private var script: [Exchange]
    private(set) var received: [HTTPRequest] = []
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
        return try next.reply.get()
    }

    private func take(_ request: HTTPRequest) -> Exchange? {
        lock.lock()
        defer { lock.unlock() }
        received.append(request)
        return script.isEmpty ? nil : script.removeFirst()
    }

    var remaining: Int {
        lock.lock()
        defer { lock.unlock() }
        return script.count
    }
}

extension HTTPResponse {
    static func json(_ status: Int, _ reason: String, _ json: String, headers: [HTTPHeader] = []) -> HTTPResponse {
        HTTPResponse(
            status: status, reason: reason, headers: [HTTPHeader("Content-Type", "application/json")] + headers,
            body: Array(json.utf8))
    }

    static func redirect(_ location: String, headers: [HTTPHeader] = []) -> HTTPResponse {
        HTTPResponse(status: 302, reason: "Found", headers: [HTTPHeader("Location", location)] + headers)
    }
}
