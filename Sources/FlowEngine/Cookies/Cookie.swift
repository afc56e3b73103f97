import Foundation

/// A cookie as stored by authflow's jar (RFC 6265 §5.3).
public struct Cookie: Equatable, Sendable, Codable {
    public var name: String
    public var value: String
    /// The host the cookie came from, or the `Domain` attribute without its leading dot.
    public var domain: String
    /// Whether only `domain` itself matches (no `Domain` attribute was given).
    public var hostOnly: Bool
    public var path: String
    public var secure: Bool
    public var httpOnly: Bool
    public var sameSite: String?
    /// When it expires; `nil` for a session cookie.
    public var expires: Date?

    public init(
        name: String, value: String, domain: String, hostOnly: Bool = true, path: String = "/",
        secure: Bool = false, httpOnly: Bool = false, sameSite: String? = nil, expires: Date? = nil
    ) {
        self.name = name
        self.value = value
        self.domain = domain
        self.hostOnly = hostOnly
        self.path = path
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
        self.expires = expires
    }

    /// Whether this cookie goes with a request to `url` at `now` (RFC 6265 §5.4).
    ///
    /// `Secure` cookies go over https, and over http only to loopback hosts, which browsers
    /// treat as potentially trustworthy; the simulator relies on that.
    public func matches(_ url: URLParts, at now: Date) -> Bool {
        if let expires, expires <= now { return false }
        if secure, url.scheme != "https", !url.isLoopback { return false }
        let host = url.host
        let domainMatches = hostOnly ? host == domain : Self.domainMatches(host: host, domain: domain)
        guard domainMatches else { return false }
        return Self.pathMatches(requestPath: url.path, cookiePath: path)
    }

    /// RFC 6265 §5.1.3 domain-match: the same string, or a subdomain of it when the host is a name.
    static func domainMatches(host: String, domain: String) -> Bool {
        host == domain || (!isIPAddress(host) && host.hasSuffix("." + domain))
    }

    /// Whether a host is an IPv4 or IPv6 literal, which has no parent domains.
    static func isIPAddress(_ host: String) -> Bool {
        if host.contains(":") { return true }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count == 4
            && labels.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    /// RFC 6265 §5.1.4 path-match.
    static func pathMatches(requestPath: String, cookiePath: String) -> Bool {
        if requestPath == cookiePath { return true }
        guard requestPath.hasPrefix(cookiePath) else { return false }
        return cookiePath.hasSuffix("/") || requestPath.dropFirst(cookiePath.count).hasPrefix("/")
    }

    /// The attributes as a short list for display, such as `Path=/; Secure; HttpOnly`.
    public var attributesText: String {
        var parts = ["\(hostOnly ? "Host" : "Domain")=\(domain)", "Path=\(path)"]
        if secure { parts.append("Secure") }
        if httpOnly { parts.append("HttpOnly") }
        if let sameSite { parts.append("SameSite=\(sameSite)") }
        if let expires { parts.append("Expires=\(HTTPDate.format(expires))") } else { parts.append("session") }
        return parts.joined(separator: "; ")
    }
}

/// A cookie the jar refused, and why (RFC 6265 §5.3): shown, never stored or sent.
public struct RejectedCookie: Equatable, Sendable {
    public var name: String
    /// The `Domain` attribute as the server sent it.
    public var domain: String
    public var reason: CookieRejection

    public init(name: String, domain: String, reason: CookieRejection) {
        self.name = name
        self.domain = domain
        self.reason = reason
    }
}

/// Why a cookie's `Domain` was refused.
public enum CookieRejection: Error, Equatable, Sendable, CustomStringConvertible {
    /// The domain is not the host nor one of its parents (RFC 6265 §5.3 step 6).
    case domainMismatch(host: String)
    /// The host is an IP address: no other host shares its cookies.
    case ipAddressHost(host: String)
    /// Anyone may register under the domain (RFC 6265 §5.3 step 5).
    case publicSuffix(host: String)

    public var description: String {
        switch self {
        case .domainMismatch(let host): "the Domain does not domain-match the host \(host) (RFC 6265 §5.3)"
        case .ipAddressHost(let host): "the host \(host) is an IP address, which cannot set a cookie for a Domain"
        case .publicSuffix(let host):
            "the Domain is a public suffix: a cookie for it would go to every site under it (host \(host))"
        }
    }
}
