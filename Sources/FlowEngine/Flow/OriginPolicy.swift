/// Which origins may receive a credential (RFC 6454 origins: scheme, host, port).
///
/// A server hands authflow many URLs (Flow API `_links`, `resumeUrl`, discovery endpoints,
/// `Location`s). None of them is trusted because the server said so: a credential (password,
/// client secret or assertion, code, PKCE verifier, tokens, cookies) only goes to an origin the
/// user configured (the auth path or custom domain, the issuer) or allowed (`--allow-origin`).
public struct OriginPolicy: Equatable, Sendable {
    /// The origins the user configured, such as `https://auth.pingone.com`.
    public var configured: [String]
    /// The origins the user allowed besides.
    public var allowed: [String]
    /// The origin of the embedded simulator's hosted sign-on page (`authflow demo`, `--demo`): its
    /// second loopback origin, as `apps.pingone.<tld>` is to `auth.pingone.<tld>`. Like PingOne's, it
    /// is where the browser goes, never where a credential goes.
    public var signOnPageOrigins: [String]

    public init(configured: [String], allowed: [String] = [], signOnPageOrigins: [String] = []) {
        self.configured = Self.unique(configured.compactMap(Self.origin))
        self.allowed = Self.unique(allowed.compactMap(Self.origin))
        self.signOnPageOrigins = Self.unique(signOnPageOrigins.compactMap(Self.origin))
    }

    /// Every origin a credential may go to.
    public var trusted: [String] { Self.unique(configured + allowed) }

    /// The origin of an http(s) URL, `scheme://host[:port]`; `nil` for anything else.
    public static func origin(_ url: String) -> String? {
        URLParts(url)?.origin
    }

    /// Whether a credential may go to this URL.
    public func trusts(_ url: String) -> Bool {
        guard let origin = Self.origin(url) else { return false }
        return trusted.contains(origin)
    }

    /// The URL's origin when it is an http(s) URL outside the trusted origins; `nil` otherwise.
    public func foreignOrigin(of url: String) -> String? {
        guard let origin = Self.origin(url), !trusted.contains(origin) else { return nil }
        return origin
    }

    /// PingOne's hosted sign-on page for a configured auth host (`https://apps.pingone.<tld>` for
    /// `https://auth.pingone.<tld>`, reference §0): the browser goes there; authflow only reads
    /// the flowId from the redirect, so it is not shown as foreign (and still gets no credential).
    ///
    /// Besides PingOne's own host, the embedded simulator's page, by the exact origin the command that
    /// started it named (``signOnPageOrigins``). Nothing is inferred from a loopback address or a path:
    /// any other server's page stays foreign.
    public func isPingOneSignOnPage(_ url: String) -> Bool {
        guard let parts = URLParts(url) else { return false }
        if signOnPageOrigins.contains(parts.origin) { return true }
        guard parts.scheme == "https", parts.host.hasPrefix("apps.pingone.") else {
            return false
        }
        let authHost = "auth." + parts.host.dropFirst("apps.".count)
        return configured.contains("https://\(authHost)")
    }

    private static func unique(_ origins: [String]) -> [String] {
        var seen = Set<String>()
        return origins.filter { seen.insert($0).inserted }
    }
}

/// A URL a server handed over that points outside the origins the user configured.
public struct ForeignURL: Equatable, Sendable {
    /// Where the URL came from, such as `_links.usernamePassword.check`, `resumeUrl` or `Location`.
    public var field: String
    public var url: String
    /// The URL's origin, `scheme://host[:port]`.
    public var origin: String

    public init(field: String, url: String, origin: String) {
        self.field = field
        self.url = url
        self.origin = origin
    }
}
