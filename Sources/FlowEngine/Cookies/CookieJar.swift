import Foundation

/// The flow's own cookie jar: what the server set, and what goes with the next request.
///
/// authflow keeps cookies itself so the user can see the `ST` session cookie, know when it is
/// sent, and clear it with one key.
public struct CookieJar: Equatable, Sendable, Codable {
    public private(set) var cookies: [Cookie] = []

    public init(cookies: [Cookie] = []) {
        self.cookies = cookies
    }

    /// Stores a cookie, replacing one with the same name, domain and path (RFC 6265 §5.3 step 11).
    /// An already-expired cookie removes its match instead.
    public mutating func store(_ cookie: Cookie, at now: Date) {
        cookies.removeAll { $0.name == cookie.name && $0.domain == cookie.domain && $0.path == cookie.path }
        if let expires = cookie.expires, expires <= now { return }
        cookies.append(cookie)
    }

    /// Stores every `Set-Cookie` of a response from `url`; returns the cookies accepted.
    @discardableResult
    public mutating func store(setCookieHeaders headers: [String], from url: URLParts, at now: Date) -> [Cookie] {
        receive(setCookieHeaders: headers, from: url, at: now, publicSuffixes: .builtIn).accepted
    }

    /// Stores every `Set-Cookie` of a response from `url` that the host may set; returns those
    /// accepted and those refused, with the reason.
    public mutating func receive(
        setCookieHeaders headers: [String], from url: URLParts, at now: Date, publicSuffixes: PublicSuffixList
    ) -> (accepted: [Cookie], rejected: [RejectedCookie]) {
        var accepted: [Cookie] = []
        var rejected: [RejectedCookie] = []
        for header in headers {
            guard let parsed = SetCookieParser.parse(header, from: url, at: now) else { continue }
            switch Self.admit(parsed, host: url.host, publicSuffixes: publicSuffixes) {
            case .success(let cookie):
                store(cookie, at: now)
                accepted.append(cookie)
            case .failure(let reason):
                rejected.append(RejectedCookie(name: parsed.name, domain: parsed.domain, reason: reason))
            }
        }
        return (accepted, rejected)
    }

    /// RFC 6265 §5.3 steps 5 and 6: a `Domain` cookie must domain-match the host and not be a
    /// public suffix; one naming the host itself becomes host-only.
    static func admit(_ cookie: Cookie, host: String, publicSuffixes: PublicSuffixList) -> Result<
        Cookie, CookieRejection
    > {
        guard !cookie.hostOnly else { return .success(cookie) }
        var cookie = cookie
        if cookie.domain == host {
            // Domain=<the host itself>: the same as no Domain (and the only form an IP host may use).
            if Cookie.isIPAddress(host) || publicSuffixes.isPublicSuffix(host) { cookie.hostOnly = true }
            return .success(cookie)
        }
        if Cookie.isIPAddress(host) { return .failure(.ipAddressHost(host: host)) }
        guard Cookie.domainMatches(host: host, domain: cookie.domain) else {
            return .failure(.domainMismatch(host: host))
        }
        if publicSuffixes.isPublicSuffix(cookie.domain) { return .failure(.publicSuffix(host: host)) }
        return .success(cookie)
    }

    /// The cookies that go with a request to `url`, longer paths first (RFC 6265 §5.4 step 2).
    public func cookies(for url: URLParts, at now: Date) -> [Cookie] {
        cookies.filter { $0.matches(url, at: now) }.sorted { $0.path.count > $1.path.count }
    }

    /// The `Cookie` header value for a request to `url`, or `nil` when no cookie matches.
    public func cookieHeader(for url: URLParts, at now: Date) -> String? {
        let matching = cookies(for: url, at: now)
        guard !matching.isEmpty else { return nil }
        return matching.map { "\($0.name)=\($0.value)" }.joined(separator: "; ")
    }

    /// Forgets every cookie, ending the server session as far as authflow is concerned.
    public mutating func removeAll() {
        cookies.removeAll()
    }

    /// Drops cookies that have expired by `now`.
    public mutating func removeExpired(at now: Date) {
        cookies.removeAll { cookie in cookie.expires.map { $0 <= now } ?? false }
    }
}
