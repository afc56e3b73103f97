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
        let domainMatches = hostOnly ? host == domain : (host == domain || host.hasSuffix("." + domain))
        guard domainMatches else { return false }
        return Self.pathMatches(requestPath: url.path, cookiePath: path)
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
