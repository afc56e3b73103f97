import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A test-only HTTP server on 127.0.0.1 that answers as its test says and records every request:
/// the "server that is not trusted" of the trust-boundary tests, and the foreign origin it names.
final class HostileServer: @unchecked Sendable {
    /// One request as it arrived.
    struct Received: Sendable {
        var method: String
        var uri: String
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }
        var bodyText: String { String(decoding: body, as: UTF8.self) }
        /// The query parameters, decoded.
        var query: [String: String] {
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
        var wholeText: String {
            ([method + " " + uri] + headers.map { "\($0.name): \($0.value)" } + [bodyText]).joined(separator: "\n")
        }
    }

    struct Reply: Sendable {
        var status: Int
        var headers: [(String, String)] = []
        var body: String = ""

        static func json(_ body: String, status: Int = 200, headers: [(String, String)] = []) -> Reply {
            Reply(status: status, headers: [("Content-Type", "application/json")] + headers, body: body)
        }

        static func redirect(_ location: String, headers: [(String, String)] = []) -> Reply {
            Reply(status: 302, headers: [("Location", location)] + headers)
        }

        static let notFound = Reply.json(#"{"error":"not_found"}"#, status: 404)
    }

    typealias Responder = @Sendable (Received) -> Reply

    private let lock = NSLock()
    private var requests: [Received] = []
    private var responder: Responder = { _ in .notFound }
    private let group: MultiThreadedEventLoopGroup
    private var channel: (any Channel)?

    /// `http://127.0.0.1:PORT`.
    private(set) var baseURL = ""

    private init() {
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    }

    static func start() async throws -> HostileServer {
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

    /// Sets how the server answers from now on.
    func respond(_ responder: @escaping Responder) {
        lock.withLock { self.responder = responder }
    }

    /// Every request received so far.
    var received: [Received] { lock.withLock { requests } }

    fileprivate func handle(_ request: Received) -> Reply {
        let responder = lock.withLock {
            requests.append(request)
            return self.responder
        }
        return responder(request)
    }

    func shutdown() async {
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
    }
}
