import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The transport that talks to real servers, on AsyncHTTPClient.
///
/// Redirects are never followed: each hop is a step the user sees (Foundation's URLSession on
/// Linux would also merge `Set-Cookie` headers and drop 3xx bodies). TLS certificates are
/// verified unless the user opts out, and that opt-out is shown on screen by the caller.
public final class LiveTransport: HTTPTransport {
    /// The largest response body kept; larger ones fail the step rather than exhaust memory.
    public static let maximumBodySize = 8 * 1_048_576

    public let verifiesCertificates: Bool
    private let client: HTTPClient

    public init(verifiesCertificates: Bool = true) {
        self.verifiesCertificates = verifiesCertificates
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        var tls = TLSConfiguration.makeClientConfiguration()
        if !verifiesCertificates { tls.certificateVerification = .none }
        configuration.tlsConfiguration = tls
        configuration.decompression = .disabled
        configuration.timeout = .init(connect: .seconds(10))
        self.client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }

    /// Closes the connection pool; call once, when authflow is done sending.
    public func shutdown() async {
        try? await client.shutdown()
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
        let timeAmount = TimeAmount.nanoseconds(
            timeout.components.seconds * 1_000_000_000
                + timeout.components.attoseconds / 1_000_000_000)
        do {
            let response = try await client.execute(outgoing, timeout: timeAmount)
            let body = try await response.body.collect(upTo: Self.maximumBodySize)
            return HTTPResponse(
                version: "HTTP/\(response.version.major).\(response.version.minor)",
                status: Int(response.status.code),
                reason: response.status.reasonPhrase,
                headers: response.headers.map { HTTPHeader($0.name, $0.value) },
                body: Array(body.readableBytesView)
            )
        } catch {
            throw Self.transportError(for: error, request: request, timeout: timeout)
        }
    }

    /// Maps AsyncHTTPClient and NIO errors to the reasons authflow shows.
    static func transportError(for error: any Error, request: HTTPRequest, timeout: Duration) -> TransportError {
        if error is CancellationError { return .cancelled }
        if let clientError = error as? HTTPClientError {
            if [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout].contains(clientError) {
                return .timedOut(after: timeout)
            }
            if [.invalidURL, .emptyHost, .emptyScheme].contains(clientError) { return .invalidURL(request.url) }
            if clientError == .cancelled { return .cancelled }
        }
        if error is NIOTooManyBytesError { return .responseTooLarge(limit: maximumBodySize) }
        if let sslError = error as? NIOSSLError { return .tlsFailure(String(describing: sslError)) }
        if let sslError = error as? BoringSSLError { return .tlsFailure(String(describing: sslError)) }
        let text = String(describing: error)
        let endpoint = URLParts(request.url)
        if text.contains("connectionRefused") || text.contains("Connection refused") || text.contains("ECONNREFUSED") {
            return .connectionRefused(host: endpoint?.host ?? "?", port: endpoint?.port ?? 0)
        }
        if text.contains("connectTimeout") { return .timedOut(after: timeout) }
        let lowered = text.lowercased()
        if lowered.contains("unknownhost") || text.contains("NXDOMAIN") || lowered.contains("resolution")
            || lowered.contains("dns error")
        {
            return .hostNotFound(endpoint?.host ?? request.url)
        }
        if text.lowercased().contains("certificate") || text.contains("handshake") { return .tlsFailure(text) }
        return .other(text)
    }
}
