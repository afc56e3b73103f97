import AsyncHTTPClient
import FlowEngine
import Foundation
import NIOCore

/// Where `--jwks` points: a file (JWKS, JWK or PEM) or an `http(s)` URL such as the issuer's `jwks_uri`.
enum JWKSSource: Equatable, Sendable {
    case file(String)
    case url(URL)

    /// Why the keys could not be loaded.
    enum LoadError: Error, Equatable, Sendable {
        case unreadableFile(path: String, reason: String)
        case requestFailed(url: String, reason: String)
        case httpStatus(url: String, status: UInt, body: String)
        case tooLarge(url: String, limit: Int)
        case notKeys(source: String, JSONWebKeyError)
    }

    /// The largest JWKS body read, in bytes.
    static let maximumBodySize = 1 << 20

    /// Reads a `--jwks` argument: `http://` and `https://` are URLs, anything else a path.
    init(argument: String) {
        let lowered = argument.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), let url = URL(string: argument) {
            self = .url(url)
        } else {
            self = .file(argument)
        }
    }

    /// Loads and parses the keys. A URL is fetched with a timeout; redirects are followed, as a
    /// JWKS fetch is not a flow step the user walks through.
    func load(client: HTTPClient = .shared, timeout: Duration = .seconds(10)) async throws(LoadError)
        -> JSONWebKeySet
    {
        let (text, source) = try await loadText(client: client, timeout: timeout)
        do {
            return try JSONWebKeySet(text: text)
        } catch {
            throw .notKeys(source: source, error)
        }
    }

    /// The keys' text as read, and where from (for messages).
    func loadText(client: HTTPClient = .shared, timeout: Duration = .seconds(10)) async throws(LoadError)
        -> (text: String, source: String)
    {
        let text: String
        let source: String
        switch self {
        case .file(let path):
            source = path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .unreadableFile(path: path, reason: "no such file")
            }
            guard !isDirectory.boolValue else { throw .unreadableFile(path: path, reason: "it is a directory") }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .unreadableFile(path: path, reason: "it cannot be read (permissions?)")
            }
            guard data.count <= Self.maximumBodySize else {
                throw .unreadableFile(path: path, reason: "it is larger than \(Self.maximumBodySize) bytes")
            }
            text = String(decoding: data, as: UTF8.self)
        case .url(let url):
            source = url.absoluteString
            text = try await Self.fetch(url, client: client, timeout: timeout)
        }
        return (text, source)
    }

    private static func fetch(_ url: URL, client: HTTPClient, timeout: Duration) async throws(LoadError) -> String {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "Accept", value: "application/jwk-set+json, application/json")
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            let nanoseconds =
                timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
            response = try await client.execute(request, timeout: .nanoseconds(nanoseconds))
            body = try await response.body.collect(upTo: maximumBodySize)
        } catch is NIOTooManyBytesError {
            throw .tooLarge(url: url.absoluteString, limit: maximumBodySize)
        } catch {
            throw .requestFailed(url: url.absoluteString, reason: String(describing: error))
        }
        let text = String(buffer: body)
        guard response.status.code == 200 else {
            throw .httpStatus(
                url: url.absoluteString, status: response.status.code, body: TerminalSafe.line(String(text.prefix(200)))
            )
        }
        return text
    }
}

extension JWKSSource.LoadError: CustomStringConvertible {
    var description: String {
        switch self {
        case .unreadableFile(let path, let reason): "cannot read the JWKS file \(path): \(reason)"
        case .requestFailed(let url, let reason): "cannot fetch the JWKS from \(url): \(reason)"
        case .httpStatus(let url, let status, let body):
            "the JWKS request to \(url) returned HTTP \(status)" + (body.isEmpty ? "" : ": \(body)")
        case .tooLarge(let url, let limit): "the JWKS from \(url) is larger than \(limit) bytes"
        case .notKeys(let source, let error): "\(source) holds no usable keys: \(error)"
        }
    }
}
