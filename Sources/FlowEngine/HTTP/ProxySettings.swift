import Foundation

/// A proxy server named by a URL such as `http://proxy.corp:3128` or `socks5://127.0.0.1:1080`.
public struct ProxyServer: Equatable, Hashable, Sendable {
    public enum Kind: String, Equatable, Hashable, Sendable {
        /// An HTTP proxy: authflow asks it to open a tunnel (`CONNECT`) for every request.
        case http
        /// A SOCKS5 proxy.
        case socks5
    }

    public var kind: Kind
    public var host: String
    public var port: Int
    /// `user:password` from the URL, sent as `Proxy-Authorization: Basic`; never shown.
    public var username: String?
    public var password: String?

    /// Parses a proxy URL the way curl does: a missing scheme means `http://`, a missing port 1080 (curl's default).
    public init(url text: String) throws(ProxySettingsError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed
        guard let components = URIReference(withScheme), let host = components.decodedHost, !host.isEmpty else {
            throw .invalidURL(Self.withoutCredentials(trimmed))
        }
        switch components.scheme.lowercased() {
        case "http": kind = .http
        case "socks5", "socks5h": kind = .socks5
        case "https": throw .unsupportedScheme("https")
        default: throw .unsupportedScheme(components.scheme)
        }
        self.host = host
        port = components.port ?? 1080
        username = components.user?.removingPercentEncoding
        password = components.password?.removingPercentEncoding
    }

    /// `http://host:port`, without any credentials: safe to show and record.
    public var displayURL: String {
        let hostText = host.contains(":") ? "[\(host)]" : host
        return "\(kind.rawValue)://\(hostText):\(port)"
    }

    static func withoutCredentials(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        let start = text.range(of: "://")?.upperBound ?? text.startIndex
        return String(text[..<start]) + "…@" + String(text[text.index(after: at)...])
    }
}

/// Why a proxy setting cannot be used.
public enum ProxySettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidURL(String)
    case unsupportedScheme(String)

    public var description: String {
        switch self {
        case .invalidURL(let url): "the proxy URL \(url) is not valid (expected http://host:port)"
        case .unsupportedScheme(let scheme):
            "proxies of scheme '\(scheme)' are not supported: use an http:// or socks5:// proxy URL"
        }
    }
}

/// Which proxy each request goes through: curl's environment variables, `--proxy` and `--no-proxy`.
///
/// `https_proxy`/`HTTPS_PROXY` serve https URLs, `http_proxy`/`HTTP_PROXY` http ones, and
/// `all_proxy`/`ALL_PROXY` both when the specific one is unset (the lower-case name wins, as in
/// curl). `no_proxy`/`NO_PROXY` lists hosts reached directly: `*` for all, a host name (which also
/// covers its sub-domains; a leading `.` or `*.` is allowed), or an IP address.
public struct ProxySettings: Equatable, Sendable {
    public var httpsProxy: ProxyServer?
    public var httpProxy: ProxyServer?
    /// The `NO_PROXY` entries, lower-cased.
    public var noProxy: [String]
    /// Where the proxy came from, for the record: `--proxy`, or the variable's name.
    public var source: String?

    public init(
        httpsProxy: ProxyServer? = nil, httpProxy: ProxyServer? = nil, noProxy: [String] = [], source: String? = nil
    ) {
        self.httpsProxy = httpsProxy
        self.httpProxy = httpProxy
        self.noProxy = noProxy
        self.source = source
    }

    /// No proxy at all (`--no-proxy`).
    public static let direct = ProxySettings()

    /// The settings from `--proxy` (wins over the environment), `--no-proxy` (no proxy) and the environment.
    public static func resolve(
        flag: String?, disabled: Bool, environment: [String: String]
    ) throws(ProxySettingsError) -> ProxySettings {
        if disabled { return .direct }
        let noProxy = Self.variable("no_proxy", in: environment).map(Self.parseNoProxy) ?? []
        if let flag, !flag.isEmpty {
            let server = try ProxyServer(url: flag)
            return ProxySettings(httpsProxy: server, httpProxy: server, noProxy: noProxy, source: "--proxy")
        }
        var settings = ProxySettings(noProxy: noProxy)
        var sources: [String] = []
        if let (name, value) = Self.variableWithName("https_proxy", in: environment)
            ?? Self.variableWithName("all_proxy", in: environment)
        {
            settings.httpsProxy = try ProxyServer(url: value)
            sources.append(name)
        }
        if let (name, value) = Self.variableWithName("http_proxy", in: environment)
            ?? Self.variableWithName("all_proxy", in: environment)
        {
            settings.httpProxy = try ProxyServer(url: value)
            if !sources.contains(name) { sources.append(name) }
        }
        settings.source = sources.isEmpty ? nil : sources.joined(separator: ", ")
        return settings
    }

    /// The proxy a request to `url` goes through, or nil to connect directly.
    public func proxy(for url: String) -> ProxyServer? {
        guard let parts = URLParts(url) else { return nil }
        let server = parts.scheme == "https" ? httpsProxy : httpProxy
        guard let server, !bypasses(host: parts.host) else { return nil }
        return server
    }

    /// Whether `NO_PROXY` sends requests to `host` directly.
    public func bypasses(host rawHost: String) -> Bool {
        let host = Self.bareHost(rawHost.lowercased())
        for entry in noProxy {
            if entry == "*" { return true }
            if host == entry || host.hasSuffix("." + entry) { return true }
        }
        return false
    }

    /// `host:port` of the proxy (the https one first), for a header with little room.
    public var headerText: String? {
        guard let server = httpsProxy ?? httpProxy else { return nil }
        return (server.host.contains(":") ? "[\(server.host)]" : server.host) + ":\(server.port)"
    }

    /// One line for the header and the record, such as `proxy http://127.0.0.1:3128 (HTTPS_PROXY; not for localhost)`.
    public var summary: String? {
        let servers = [httpsProxy, httpProxy].compactMap { $0 }
        guard !servers.isEmpty else { return nil }
        var text: String
        if httpsProxy == httpProxy || httpProxy == nil || httpsProxy == nil {
            text = servers[0].displayURL
            if httpsProxy == nil { text += " (http only)" } else if httpProxy == nil { text += " (https only)" }
        } else {
            text = "https via \(httpsProxy?.displayURL ?? ""), http via \(httpProxy?.displayURL ?? "")"
        }
        var notes: [String] = []
        if let source { notes.append(source) }
        if !noProxy.isEmpty { notes.append("not for " + noProxy.joined(separator: ",")) }
        return notes.isEmpty ? text : "\(text) [\(notes.joined(separator: "; "))]"
    }

    static func variable(_ lowercased: String, in environment: [String: String]) -> String? {
        variableWithName(lowercased, in: environment)?.value
    }

    /// The lower-case variable if set and not empty, else the upper-case one.
    static func variableWithName(_ lowercased: String, in environment: [String: String]) -> (
        name: String, value: String
    )? {
        for name in [lowercased, lowercased.uppercased()] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty {
                return (name, value)
            }
        }
        return nil
    }

    static func parseNoProxy(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { item in
            var entry = item.trimmingCharacters(in: .whitespaces).lowercased()
            if entry.hasPrefix("*.") { entry.removeFirst(2) }
            while entry.hasPrefix(".") { entry.removeFirst() }
            entry = bareHost(entry)
            return entry.isEmpty ? nil : entry
        }
    }

    /// A host without IPv6 brackets or a `:port` suffix (`[::1]:80` → `::1`, `proxy:80` → `proxy`).
    static func bareHost(_ text: String) -> String {
        if text.hasPrefix("[") {
            guard let end = text.firstIndex(of: "]") else { return text }
            return String(text[text.index(after: text.startIndex)..<end])
        }
        if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            return String(text[..<colon])
        }
        return text
    }
}
