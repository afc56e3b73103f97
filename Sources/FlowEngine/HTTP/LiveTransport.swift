import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The transport that talks to real servers, on AsyncHTTPClient.
///
/// Redirects are never followed: each hop is a step the user sees (Foundation's URLSession on
/// Linux would also merge `Set-Cookie` headers and drop 3xx bodies). TLS certificates are
/// verified unless the user opts out, and that opt-out is shown on screen by the caller.
///
/// The timeout bounds the whole exchange: connecting (through the proxy, if any), the TLS
/// handshake, the response head and the last byte of the body. A body that stalls or drips
/// ends the request with ``TransportError/incompleteBody(after:received:)``, carrying what came.
public final class LiveTransport: HTTPTransport {
    /// The largest response body kept; larger ones fail the step rather than exhaust memory.
    public static let maximumBodySize = 8 * 1_048_576

    public let verifiesCertificates: Bool
    public let proxySettings: ProxySettings
    public let trust: TLSTrust
    /// One client per way out: direct, and one per proxy server (AsyncHTTPClient sets the proxy per client).
    private let direct: HTTPClient
    private let proxied: [ProxyServer: HTTPClient]

    /// A transport with the system's CAs and no proxy.
    public convenience init(verifiesCertificates: Bool = true) {
        // The system trust with no additions cannot fail to load.
        try! self.init(verifiesCertificates: verifiesCertificates, proxy: .direct, trust: TLSTrust())
    }

    /// A transport through the given proxies, trusting the system's CAs plus `trust`'s.
    public init(verifiesCertificates: Bool, proxy: ProxySettings, trust: TLSTrust) throws(TLSTrustError) {
        self.verifiesCertificates = verifiesCertificates
        self.proxySettings = proxy
        self.trust = trust
        var tls = TLSConfiguration.makeClientConfiguration()
        if verifiesCertificates {
            try trust.apply(to: &tls)
        } else {
            tls.certificateVerification = .none
        }
        func makeClient(_ server: ProxyServer?) -> HTTPClient {
            var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
            configuration.tlsConfiguration = tls
            configuration.decompression = .disabled
            configuration.timeout = .init(connect: .seconds(10))
            // A failed connection (refused, or a certificate that does not verify) fails the request
            // at once instead of being retried until the connect timeout.
            configuration.connectionPool.retryConnectionEstablishment = false
            if let server {
                switch server.kind {
                case .http:
                    let authorization = server.username.map { user in
                        HTTPClient.Authorization.basic(username: user, password: server.password ?? "")
                    }
                    configuration.proxy = .server(host: server.host, port: server.port, authorization: authorization)
                case .socks5:
                    configuration.proxy = .socksServer(host: server.host, port: server.port)
                }
            }
            return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
        }
        direct = makeClient(nil)
        var proxied: [ProxyServer: HTTPClient] = [:]
        for server in [proxy.httpsProxy, proxy.httpProxy].compactMap({ $0 }) where proxied[server] == nil {
            proxied[server] = makeClient(server)
        }
        self.proxied = proxied
    }

    /// Closes the connection pools; call once, when authflow is done sending.
    public func shutdown() async {
        try? await direct.shutdown()
        for client in proxied.values { try? await client.shutdown() }
    }

    public func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers where header.name.lowercased() != "content-length" {
            outgoing.headers.add(name: header.name, value: header.value)
        }
        if !request.body.isEmpty || request.method == "POST" {
            outgoing.body = .bytes(ByteBuffer(bytes: request.body))
        }
        let proxy = proxySettings.proxy(for: request.url)
        let client = proxy.flatMap { proxied[$0] } ?? direct
        let received = PartialResponse()
        let exchange = Task { try await Self.exchange(outgoing, client: client, timeout: timeout, into: received) }
        // The deadline of the whole exchange (AsyncHTTPClient's own covers only the head). The
        // exchange is cancelled at the deadline and not waited for: nothing the server does can hold it.
        let outcome = await Race<Result<HTTPResponse, any Error>>.first(
            { await exchange.result },
            orAfter: timeout,
            onTimeout: { exchange.cancel() })
        switch outcome {
        case .success(let response):
            return response
        case .failure(let error):
            if let partial = received.response, !(error is NIOTooManyBytesError), !(error is CancellationError) {
                // The head came, then the connection broke: keep what arrived.
                throw .connectionClosedEarly(received: partial)
            }
            throw Self.transportError(for: error, request: request, timeout: timeout, proxy: proxy)
        case nil:
            if let partial = received.response { throw .incompleteBody(after: timeout, received: partial) }
            throw .timedOut(after: timeout)
        }
    }

    /// Sends the request and reads the body chunk by chunk into `received`, so a deadline keeps what came.
    private static func exchange(
        _ outgoing: HTTPClientRequest, client: HTTPClient, timeout: Duration, into received: PartialResponse
    ) async throws -> HTTPResponse {
        let response = try await client.execute(outgoing, timeout: timeAmount(timeout))
        var head = HTTPResponse(
            version: "HTTP/\(response.version.major).\(response.version.minor)",
            status: Int(response.status.code),
            reason: response.status.reasonPhrase,
            headers: response.headers.map { HTTPHeader($0.name, $0.value) }
        )
        received.set(head)
        var body: [UInt8] = []
        for try await chunk in response.body {
            guard body.count + chunk.readableBytes <= maximumBodySize else {
                throw NIOTooManyBytesError(maxBytes: maximumBodySize)
            }
            body += chunk.readableBytesView
            received.append(chunk.readableBytesView)
        }
        head.body = body
        return head
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    /// Maps AsyncHTTPClient and NIO errors to the reasons authflow shows.
    static func transportError(
        for error: any Error, request: HTTPRequest, timeout: Duration, proxy: ProxyServer? = nil
    ) -> TransportError {
        if error is CancellationError { return .cancelled }
        if let clientError = error as? HTTPClientError {
            if [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(clientError) {
                return .timedOut(after: timeout)
            }
            if [.invalidURL, .emptyHost, .emptyScheme].contains(clientError) { return .invalidURL(request.url) }
            if clientError == .cancelled { return .cancelled }
            if clientError == .proxyAuthenticationRequired {
                return .proxyFailure(
                    "the proxy wants credentials (407): put them in the proxy URL, http://user:password@host:port")
            }
            if clientError == .invalidProxyResponse {
                return .proxyFailure(
                    "the proxy refused to open a tunnel (CONNECT) to \(URLParts(request.url)?.origin ?? request.url)")
            }
            if clientError == .httpProxyHandshakeTimeout || clientError == .socksHandshakeTimeout {
                return .proxyFailure("the proxy did not answer the tunnel request in time")
            }
        }
        if error is NIOTooManyBytesError { return .responseTooLarge(limit: maximumBodySize) }
        if let sslError = error as? NIOSSLError { return .tlsFailure(tlsReason(String(describing: sslError))) }
        if let sslError = error as? BoringSSLError { return .tlsFailure(tlsReason(String(describing: sslError))) }
        if let sslError = error as? NIOSSLExtraError { return .tlsFailure(tlsReason(String(describing: sslError))) }
        let text = String(describing: error)
        let endpoint = URLParts(request.url)
        if text.contains("connectionRefused") || text.contains("Connection refused") || text.contains("ECONNREFUSED") {
            if let proxy {
                return .proxyFailure("cannot connect to the proxy \(proxy.displayURL) (connection refused)")
            }
            return .connectionRefused(host: endpoint?.host ?? "?", port: endpoint?.port ?? 0)
        }
        if text.contains("connectTimeout") { return .timedOut(after: timeout) }
        let lowered = text.lowercased()
        if lowered.contains("unknownhost") || text.contains("NXDOMAIN") || lowered.contains("resolution")
            || lowered.contains("dns error")
        {
            return .hostNotFound(endpoint?.host ?? request.url)
        }
        if lowered.contains("certificate") || text.contains("handshake") { return .tlsFailure(tlsReason(text)) }
        return .other(text)
    }

    /// BoringSSL's error stack, read as the reason a person needs.
    static func tlsReason(_ text: String) -> String {
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the server's certificate does not chain to a trusted CA (CERTIFICATE_VERIFY_FAILED)"
        }
        if text.contains("failedToValidateHostname") || text.lowercased().contains("hostname") {
            return "the server's certificate is not for this host name (\(text))"
        }
        return text
    }
}

/// What has arrived of a response so far; written by the exchange, read when the deadline passes.
private final class PartialResponse: @unchecked Sendable {
    private let lock = NSLock()
    private var value: HTTPResponse?

    var response: HTTPResponse? {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func set(_ response: HTTPResponse) {
        lock.lock()
        value = response
        lock.unlock()
    }

    func append(_ bytes: ByteBufferView) {
        lock.lock()
        value?.body += bytes
        lock.unlock()
    }
}

/// The first of an operation and a deadline; the operation is not awaited past the deadline.
enum Race<Value: Sendable> {
    static func first(
        _ operation: @escaping @Sendable () async -> Value, orAfter timeout: Duration,
        onTimeout: @escaping @Sendable () -> Void
    ) async -> Value? {
        let once = Once<Value?>()
        let work = Task { once.resume(with: await operation()) }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            if once.resume(with: nil) {
                onTimeout()
                work.cancel()
            }
        }
        let value = await withCheckedContinuation { once.set($0) }
        timer.cancel()
        return value
    }
}

/// Resumes a continuation once, whoever comes first.
private final class Once<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, Never>?
    private var done = false
    private var early: Value?

    func set(_ continuation: CheckedContinuation<Value, Never>) {
        lock.lock()
        if done, let early {
            lock.unlock()
            continuation.resume(returning: early)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    /// True when this call was the first.
    @discardableResult
    func resume(with value: Value) -> Bool {
        lock.lock()
        guard !done else {
            lock.unlock()
            return false
        }
        done = true
        let waiting = continuation
        continuation = nil
        if waiting == nil { early = value }
        lock.unlock()
        waiting?.resume(returning: value)
        return true
    }
}

/// How requests leave this machine, for the header, the transcript and `--json`.
public struct ConnectionSummary: Equatable, Sendable {
    public var verifiesCertificates: Bool
    /// The proxy line (``ProxySettings/summary``), nil when connecting directly.
    public var proxy: String?
    /// The CA lines (``TLSTrust/summary``), empty for the system's trust.
    public var trust: [String]

    public init(verifiesCertificates: Bool, proxy: String? = nil, trust: [String] = []) {
        self.verifiesCertificates = verifiesCertificates
        self.proxy = proxy
        self.trust = trust
    }

    /// The connection as JSON: `{"tls_verification": true, "insecure": false, "proxy": …, "trusted_cas": […]}`.
    public var json: JSONValue {
        .object([
            JSONMember("insecure", .bool(!verifiesCertificates)),
            JSONMember("tls_verification", .bool(verifiesCertificates)),
            JSONMember("proxy", proxy.map(JSONValue.string) ?? .null),
            JSONMember("trusted_cas", .array(trust.map(JSONValue.string))),
        ])
    }
}

extension LiveTransport {
    public var summary: ConnectionSummary {
        ConnectionSummary(
            verifiesCertificates: verifiesCertificates, proxy: proxySettings.summary, trust: trust.summary)
    }
}
