import Foundation

/// The parts of an absolute URL that the flow reads: scheme, host, port, path, query, fragment.
public struct URLParts: Equatable, Sendable {
    public var scheme: String
    public var host: String
    public var port: Int
    public var path: String
    /// The raw (still percent-encoded) query, without `?`.
    public var query: String?
    /// The raw fragment, without `#`.
    public var fragment: String?

    /// Parses an absolute http or https URL; `nil` for anything else.
    public init?(_ string: String) {
        guard let components = URLComponents(string: string),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return nil }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = components.port ?? (scheme == "https" ? 443 : 80)
        self.path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        self.query = components.percentEncodedQuery
        self.fragment = components.percentEncodedFragment
    }

    /// The query parameters, decoded as `application/x-www-form-urlencoded`.
    public var queryParameters: [FormParameter] { query.map(FormURLEncoding.decode) ?? [] }

    /// The fragment parameters, decoded the same way (`response_mode=fragment`).
    public var fragmentParameters: [FormParameter] { fragment.map(FormURLEncoding.decode) ?? [] }

    /// `scheme://host[:port]`, the port left out when it is the scheme's default.
    public var origin: String {
        let defaultPort = scheme == "https" ? 443 : 80
        let hostText = host.contains(":") ? "[\(host)]" : host
        return port == defaultPort ? "\(scheme)://\(hostText)" : "\(scheme)://\(hostText):\(port)"
    }

    /// Whether the host is a loopback address (RFC 8252 §8.3), which browsers treat as secure.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
