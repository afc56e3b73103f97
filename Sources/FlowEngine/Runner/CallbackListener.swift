import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Catches the browser's redirect on a loopback `redirect_uri` (RFC 8252 §7.3).
///
/// It listens on the redirect URI's own host (`127.0.0.1`, `[::1]`, or both for `localhost`),
/// answers the redirect (a `GET`, or a `form_post` `POST`) with a short page, and hands back the
/// URL the browser was sent to, with the form fields of a `form_post` folded into its query so the
/// flow reads one shape. Anything else — another path, another method, or a `state` that is not
/// the flow's — is answered with 400, kept in ``ignored`` with the reason, and the wait goes on:
/// another page or process on this machine cannot end the flow by calling the port first.
public final class CallbackListener: Sendable {
    /// The port it listens on (the redirect URI's, or a free one when that has none).
    public let port: Int
    /// The path the redirect must have, such as `/callback`.
    public let path: String
    /// The redirect URI's host as written in a URL: `127.0.0.1`, `[::1]` or `localhost`.
    public let host: String
    private let channels: [any Channel]
    private let result: Mailbox

    /// Starts listening for a redirect URI such as `http://127.0.0.1:8765/callback`.
    public static func start(redirectURI: String) async throws(CallbackListenerError) -> CallbackListener {
        guard let parts = URLParts(redirectURI), parts.scheme == "http", parts.isLoopback else {
            throw .notLoopback(redirectURI)
        }
        let explicitPort = URIReference(redirectURI)?.port ?? 0
        let mailbox = Mailbox()
        let path = parts.path
        let urlHost = parts.host.contains(":") && !parts.host.hasPrefix("[") ? "[\(parts.host)]" : parts.host
        let bareHost = urlHost.hasPrefix("[") ? String(urlHost.dropFirst().dropLast()) : urlHost
        // localhost may resolve to either loopback address in the browser: listen on both.
        let addresses = bareHost == "localhost" ? ["127.0.0.1", "::1"] : [bareHost]
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(CallbackHandler(path: path, host: urlHost, mailbox: mailbox))
                }
            }
        var channels: [any Channel] = []
        var port = explicitPort
        for (index, address) in addresses.enumerated() {
            do {
                let channel = try await bootstrap.bind(host: address, port: port).get()
                channels.append(channel)
                port = channel.localAddress?.port ?? port
            } catch {
                // The second address of localhost (::1) is a bonus: a machine without IPv6 still works.
                if index > 0, !channels.isEmpty { continue }
                for channel in channels { try? await channel.close() }
                throw .cannotListen(host: address, port: explicitPort, reason: String(describing: error))
            }
        }
        return CallbackListener(port: port, path: path, host: urlHost, channels: channels, result: mailbox)
    }

    private init(port: Int, path: String, host: String, channels: [any Channel], result: Mailbox) {
        self.port = port
        self.path = path
        self.host = host
        self.channels = channels
        self.result = result
    }

    /// The redirect URI with the port actually listened on.
    public var redirectURI: String { "http://\(host):\(port)\(path)" }

    /// The requests answered with 400 so far, oldest first.
    public var ignored: [IgnoredCallback] { result.ignoredRequests }

    /// Calls `report` (on a NIO thread) for each request the listener ignores, as it happens.
    public func onIgnored(_ report: @escaping @Sendable (IgnoredCallback) -> Void) {
        result.setIgnoredReporter(report)
    }

    /// Waits for the redirect, up to `timeout`; returns the full callback URL.
    ///
    /// With `expectedState`, a callback whose `state` differs (or is missing) is answered with 400
    /// and ignored, and the wait goes on.
    public func callback(timeout: Duration, expectedState: String? = nil) async throws(CallbackListenerError)
        -> String
    {
        result.expect(state: expectedState)
        let outcome = await withTaskGroup(of: String?.self) { group in
            group.addTask { await self.result.receive() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let outcome else { throw .timedOut(timeout) }
        return outcome
    }

    /// Stops listening.
    public func stop() async {
        for channel in channels { try? await channel.close() }
        result.cancel()
    }
}

/// A request the loopback listener answered with 400 instead of taking it as the callback.
public struct IgnoredCallback: Equatable, Sendable, CustomStringConvertible {
    public var method: String
    /// The path and query as requested (server bytes: pass through `TerminalSafe` before showing).
    public var target: String
    public var reason: String

    public init(method: String, target: String, reason: String) {
        self.method = method
        self.target = target
        self.reason = reason
    }

    public var description: String { "\(method) \(target): \(reason)" }
}

/// Why the loopback listener could not catch the redirect.
public enum CallbackListenerError: Error, Equatable, Sendable, CustomStringConvertible {
    case notLoopback(String)
    case cannotListen(host: String, port: Int, reason: String)
    case timedOut(Duration)

    public var description: String {
        switch self {
        case .notLoopback(let uri):
            "the redirect URI \(uri) is not http on 127.0.0.1, [::1] or localhost, so authflow cannot catch it; paste the callback URL instead"
        case .cannotListen(let host, let port, let reason):
            "cannot listen on \(host.contains(":") ? "[\(host)]" : host):\(port): \(reason)"
        case .timedOut(let duration): "no redirect reached the loopback listener within \(duration.secondsText)"
        }
    }
}

/// Holds the first callback URL until someone asks for it.
private final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: String?
    private var waiter: CheckedContinuation<String?, Never>?
    private var cancelled = false
    private var expectedState: String?
    private var ignored: [IgnoredCallback] = []
    private var reportIgnored: (@Sendable (IgnoredCallback) -> Void)?

    func expect(state: String?) {
        lock.lock()
        expectedState = state
        lock.unlock()
    }

    /// The state the callback must carry, if one was given.
    var stateToMatch: String? {
        lock.lock()
        defer { lock.unlock() }
        return expectedState
    }

    var ignoredRequests: [IgnoredCallback] {
        lock.lock()
        defer { lock.unlock() }
        return ignored
    }

    func setIgnoredReporter(_ report: @escaping @Sendable (IgnoredCallback) -> Void) {
        lock.lock()
        reportIgnored = report
        lock.unlock()
    }

    func ignore(_ request: IgnoredCallback) {
        lock.lock()
        if ignored.count < 100 { ignored.append(request) }
        let report = reportIgnored
        lock.unlock()
        report?(request)
    }

    /// Whether a callback was taken already (later requests to the path are answered, not taken).
    var hasValue: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value != nil
    }

    func deliver(_ url: String) {
        lock.lock()
        guard value == nil, !cancelled else {
            lock.unlock()
            return
        }
        value = url
        let waiting = waiter
        waiter = nil
        lock.unlock()
        waiting?.resume(returning: url)
    }

    func receive() async -> String? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                lock.lock()
                if let value {
                    lock.unlock()
                    continuation.resume(returning: value)
                } else if cancelled || Task.isCancelled {
                    lock.unlock()
                    continuation.resume(returning: nil)
                } else {
                    waiter = continuation
                    lock.unlock()
                }
            }
        } onCancel: {
            releaseWaiter()
        }
    }

    /// Lets a waiting receiver go (its task was cancelled) without ending the mailbox.
    private func releaseWaiter() {
        lock.lock()
        let waiting = waiter
        waiter = nil
        lock.unlock()
        waiting?.resume(returning: nil)
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let waiting = waiter
        waiter = nil
        lock.unlock()
        waiting?.resume(returning: nil)
    }
}

/// Answers one HTTP request on the listener.
private final class CallbackHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let path: String
    private let host: String
    private let mailbox: Mailbox
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(path: String, host: String, mailbox: Mailbox) {
        self.path = path
        self.host = host
        self.mailbox = mailbox
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(var buffer):
            if body.count < 1_048_576, let bytes = buffer.readBytes(length: buffer.readableBytes) { body += bytes }
        case .end:
            guard let head else { return }
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let uri = head.uri
        let requestPath = String(uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        var status = HTTPResponseStatus.badRequest
        var page = "<p>authflow is waiting for the redirect to \(Self.escape(path)); this request was ignored.</p>"
        var reason: String?
        // The URL the browser was sent to, port included, as the redirect URI names it.
        let authority = context.channel.localAddress?.port.map { "\(host):\($0)" } ?? host
        var url = "http://\(authority)\(uri)"
        if head.method == .POST {
            // form_post: fold the fields into the query so the flow reads them like a redirect.
            url = "http://\(authority)\(requestPath)?\(String(decoding: body, as: UTF8.self))"
        }
        if requestPath != path {
            reason = "not the redirect path \(path)"
        } else if head.method != .GET && head.method != .POST {
            reason = "method \(head.method.rawValue) (a redirect is a GET, or a POST for form_post)"
        } else if let expected = mailbox.stateToMatch {
            let received = URLParts(url)?.queryParameters.first { $0.name == "state" }?.value
            if received == nil {
                reason = "no state parameter"
            } else if received != expected {
                reason = "the state is not this flow's"
            }
        }
        if let reason {
            let target = head.method == .POST ? "\(uri) (form: \(body.count) bytes)" : uri
            mailbox.ignore(IgnoredCallback(method: head.method.rawValue, target: target, reason: reason))
            page += "<p>Reason: \(Self.escape(reason)).</p>"
        } else {
            mailbox.deliver(url)
            status = .ok
            page = Self.caughtPage(URLParts(url)?.queryParameters ?? [])
        }
        let html =
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>authflow</title></head><body>\(page)</body></html>"
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/html; charset=utf-8")
        headers.add(name: "Content-Length", value: String(html.utf8.count))
        headers.add(name: "Connection", value: "close")
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: headers))),
            promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: html)))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }

    /// The page the browser shows once the redirect is caught: the provider's error explained
    /// (RFC 6749 §4.1.2.1), or that the code goes to authflow. Every value from the URL is escaped.
    static func caughtPage(_ parameters: [FormParameter]) -> String {
        guard let error = parameters.value("error") else {
            return "<h1>authflow caught the redirect</h1>"
                + "<p>authflow now redeems the code at the token endpoint and checks the tokens: see the terminal."
                + " You can close this tab.</p>"
        }
        var page = "<h1>The provider refused the sign-on</h1>"
        page += "<p>It sent the error <code>\(escape(error))</code> back instead of a code.</p>"
        if let description = parameters.value("error_description") {
            page += "<p>Its description: <q>\(escape(description))</q></p>"
        }
        if let uri = parameters.value("error_uri") {
            // A link only for http(s): a javascript: or data: URI from the provider stays text.
            let scheme = uri.split(separator: ":", maxSplits: 1).first?.lowercased()
            page +=
                scheme == "https" || scheme == "http"
                ? "<p>More about it: <a href=\"\(escape(uri))\" rel=\"noreferrer\">\(escape(uri))</a></p>"
                : "<p>More about it (not a web address, so not a link): <code>\(escape(uri))</code></p>"
        }
        page +=
            "<p>authflow shows this error at step 1 Authorize, with its likely cause, and redeems nothing."
            + " A new sign-on needs a new authorize request: press r in authflow, or run it again."
            + " You can close this tab.</p>"
        return page
    }

    /// Text made safe inside HTML, in elements and in quoted attributes.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
