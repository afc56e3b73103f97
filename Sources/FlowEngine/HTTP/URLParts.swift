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
    ///
    /// The scheme and host are lower-cased, the host percent-decoded (an IPv6 literal without its
    /// brackets: `::1`), a missing or empty port is the scheme's default and an empty path `/`.
    /// Split by `URIReference`, not `URLComponents` (whose `host` maps ICU into the process).
    public init?(_ string: String) {
        guard let uri = URIReference(string) else { return nil }
        let scheme = uri.scheme.lowercased()
        guard scheme == "http" || scheme == "https", let host = uri.decodedHost, !host.isEmpty else { return nil }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = uri.port ?? (scheme == "https" ? 443 : 80)
        self.path = uri.path.isEmpty ? "/" : uri.path
        self.query = uri.query
        self.fragment = uri.fragment
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
