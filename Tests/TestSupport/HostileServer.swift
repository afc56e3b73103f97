import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A test-only HTTP server on 127.0.0.1 that answers as its test says and records every request:
/// the "server that is not trusted" of the trust-boundary tests, the foreign origin it names, a
/// one-reply server for `--jwks URL`, and a body that stalls or drips (``Behaviour``).
public final class HostileServer: @unchecked Sendable {
    /// How a reply's body breaks the promise of its head.
    public enum Behaviour: Sendable {
        /// The head and a few bytes, then nothing; the connection stays open.
        case stallAfterHeaders
        /// One byte of the body every 100 ms, for longer than any test waits.
        case drip
    }

    /// The `Correlation-Id` of ``Reply/brokenBody(_:)``.
    public static let correlationID = "c0ffee00-hostile-test"

    /// One request as it arrived.
    public struct Received: Sendable {
        public var method: String
        public var uri: String
        public var headers: [(name: String, value: String)]
        public var body: [UInt8]

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        public var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }
        public var bodyText: String { String(decoding: body, as: UTF8.self) }
        /// The query parameters, decoded.
        public var query: [String: String] {
            guard let query = uri.split(separator: "?", maxSplits: 1).dropFirst().first else { return [:] }
            var parameters: [String: String] = [:]
            for pair in query.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let value = parts.count > 1 ? String(parts[1]) : ""
                parameters[String(parts[0])] =
                    value.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? value
            }
            return parameters
        }
        /// Everything the request carried, as one text to search for a leaked credential.
        public var wholeText: String {
            ([method + " " + uri] + headers.map { "\($0.name): \($0.value)" } + [bodyText]).joined(separator: "\n")
        }
    }

    public struct Reply: Sendable {
        public var status: Int
        public var headers: [(String, String)] = []
        public var body: String = ""
        /// When set, the head is sent as given (no `Content-Length` or `Connection` added), then
        /// `body`, then the body misbehaves as said; the response never ends.
        public var behaviour: Behaviour?

        public init(status: Int, headers: [(String, String)] = [], body: String = "", behaviour: Behaviour? = nil) {
            self.status = status
            self.headers = headers
            self.body = body
            self.behaviour = behaviour
        }

        /// `200 OK` with a `Correlation-Id` and a `Content-Length` it never honours.
        public static func brokenBody(_ behaviour: Behaviour) -> Reply {
            Reply(
                status: 200,
                headers: [
                    ("Content-Type", "application/json"), ("Content-Length", "100000"),
                    ("Correlation-Id", HostileServer.correlationID),
                ],
                body: "{\"partial\":", behaviour: behaviour)
        }

        public static func json(_ body: String, status: Int = 200, headers: [(String, String)] = []) -> Reply {
            Reply(status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
        }

        public static func redirect(_ location: String, headers: [(String, String)] = []) -> Reply {
            Reply(status: 302, headers: [("Location", location)] + headers)
        }

        public static let notFound = Reply.json(#"{"error":"not_found"}"#, status: 404)
    }

    public typealias Responder = @Sendable (Received) -> Reply

    private let lock = NSLock()
    private var requests: [Received] = []
    private var responder: Responder = { _ in .notFound }
    private let group: MultiThreadedEventLoopGroup
    private var channel: (any Channel)?

    /// `http://127.0.0.1:PORT`.
    public private(set) var baseURL = ""

    private init() {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }

    public static func start() async throws -> HostileServer {
        let server = HostileServer()
        let channel = try await ServerBootstrap(group: server.group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Handler(server: server))
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        server.channel = channel
        server.baseURL = "http://127.0.0.1:\(channel.localAddress?.port ?? 0)"
        return server
    }

    /// A server that answers every request with ``Reply/brokenBody(_:)``.
    public static func start(_ behaviour: Behaviour) async throws -> HostileServer {
        let server = try await start()
        server.respond { _ in .brokenBody(behaviour) }
        return server
    }

    /// Sets how the server answers from now on.
    public func respond(_ responder: @escaping Responder) {
        lock.withLock { self.responder = responder }
    }

    /// Every request received so far.
    public var received: [Received] { lock.withLock { requests } }

    fileprivate func handle(_ request: Received) -> Reply {
        let responder = lock.withLock {
            requests.append(request)
            return self.responder
        }
        return responder(request)
    }

    public func shutdown() async {
        try? await channel?.close()
        try? await group.shutdownGracefully()
    }

    private final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let server: HostileServer
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(server: HostileServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = []
            case .body(var buffer):
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head else { return }
                let request = Received(
                    method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                    body: body)
                let reply = server.handle(request)
                if let behaviour = reply.behaviour {
                    misbehave(context: context, reply: reply, behaviour)
                    return
                }
                var headers = HTTPHeaders()
                for (name, value) in reply.headers { headers.add(name: name, value: value) }
                headers.add(name: "Content-Length", value: String(reply.body.utf8.count))
                headers.add(name: "Connection", value: "close")
                let status = HTTPResponseStatus(statusCode: reply.status)
                context.write(
                    wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                    promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: reply.body)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
            }
        }

        private func misbehave(context: ChannelHandlerContext, reply: Reply, _ behaviour: Behaviour) {
            var headers = HTTPHeaders()
            for (name, value) in reply.headers { headers.add(name: name, value: value) }
            let status = HTTPResponseStatus(statusCode: reply.status)
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                promise: nil)
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: reply.body)))), promise: nil)
            guard case .drip = behaviour else { return }
            let loop = context.eventLoop
            let bound = NIOLoopBound(context, eventLoop: loop)
            loop.scheduleRepeatedTask(initialDelay: .milliseconds(100), delay: .milliseconds(100)) { task in
                let context = bound.value
                guard context.channel.isActive else {
                    task.cancel()
                    return
                }
                context.writeAndFlush(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: " ")))), promise: nil)
            }
        }
    }
}
