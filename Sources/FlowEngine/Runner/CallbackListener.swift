import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// Catches the browser's redirect on a loopback `redirect_uri` (RFC 8252 §7.3).
///
/// It listens on `127.0.0.1`, answers the redirect (a `GET`, or a `form_post` `POST`) with a
/// short page, and hands back the URL the browser was sent to, with the form fields of a
/// `form_post` folded into its query so the flow reads one shape.
public final class CallbackListener: Sendable {
    /// The port it listens on (the redirect URI's, or a free one when that has none).
    public let port: Int
    /// The path the redirect must have, such as `/callback`.
    public let path: String
    private let channel: any Channel
    private let result: Mailbox

    /// Starts listening for a redirect URI such as `http://127.0.0.1:8765/callback`.
    public static func start(redirectURI: String) async throws(CallbackListenerError) -> CallbackListener {
        guard let parts = URLParts(redirectURI), parts.scheme == "http", parts.isLoopback else {
            throw .notLoopback(redirectURI)
        }
        let explicitPort = URLComponents(string: redirectURI)?.port ?? 0
        let mailbox = Mailbox()
        let path = parts.path
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(CallbackHandler(path: path, host: "127.0.0.1", mailbox: mailbox))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: "127.0.0.1", port: explicitPort).get()
            let port = channel.localAddress?.port ?? explicitPort
            return CallbackListener(port: port, path: path, channel: channel, result: mailbox)
        } catch {
            throw .cannotListen(port: explicitPort, reason: String(describing: error))
        }
    }

    private init(port: Int, path: String, channel: any Channel, result: Mailbox) {
        self.port = port
        self.path = path
        self.channel = channel
        self.result = result
    }

    /// The redirect URI with the port actually listened on.
    public var redirectURI: String { "http://127.0.0.1:\(port)\(path)" }

    /// Waits for the redirect, up to `timeout`; returns the full callback URL.
    public func callback(timeout: Duration) async throws(CallbackListenerError) -> String {
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
        try? await channel.close()
        result.cancel()
    }
}

/// Why the loopback listener could not catch the redirect.
public enum CallbackListenerError: Error, Equatable, Sendable, CustomStringConvertible {
    case notLoopback(String)
    case cannotListen(port: Int, reason: String)
    case timedOut(Duration)

    public var description: String {
        switch self {
        case .notLoopback(let uri):
            "the redirect URI \(uri) is not http on 127.0.0.1 or localhost, so authflow cannot catch it; paste the callback URL instead"
        case .cannotListen(let port, let reason): "cannot listen on 127.0.0.1:\(port): \(reason)"
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
        let requestPath = String(uri.split(separator: "?", maxSplits: 1).first ?? "")
        var status = HTTPResponseStatus.notFound
        var page = "<p>authflow is waiting for the redirect to \(path).</p>"
        if requestPath == path {
            var url = "http://\(host)\(uri)"
            if head.method == .POST {
                // form_post: fold the fields into the query so the flow reads them like a redirect.
                let form = String(decoding: body, as: UTF8.self)
                url = "http://\(host)\(requestPath)?\(form)"
            }
            mailbox.deliver(url)
            status = .ok
            page = "<h1>authflow caught the redirect</h1><p>You can close this tab and go back to the terminal.</p>"
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
}
