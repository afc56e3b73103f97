import Foundation

extension AuthorizationServer {
    /// The endpoints a browser app (a single-page app, a public client) calls with `fetch`: they answer
    /// cross-origin requests from an allowed origin. `authorize`, `resume`, the Flow API and the sign-on
    /// page are navigations or same-origin calls and carry no CORS headers.
    static let corsEndpoints: Set<String> = [
        ".well-known/openid-configuration", "token", "jwks", "userinfo", "revoke", "signoff",
    ]

    /// The endpoint under `/as/` that `path` names when it is one of `corsEndpoints`, else nil.
    func corsEndpoint(path: String) -> String? {
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if !configuration.customDomain {
            guard segments.first == configuration.environmentID else { return nil }
            segments.removeFirst()
        }
        guard segments.first == "as" else { return nil }
        let endpoint = segments.dropFirst().joined(separator: "/")
        return Self.corsEndpoints.contains(endpoint) ? endpoint : nil
    }

    /// Whether a browser page from `origin` may read this environment's responses.
    ///
    /// PingOne takes the allowed origins from the application's CORS settings (`corsSettings`,
    /// reference §7.2 item 9). The simulator has no such setting: it allows the origin of every
    /// registered redirect URI, a loopback `http` origin on any port (as redirect URIs match, RFC 8252
    /// §7.3). That is what a SPA registered with its own origin needs, and no other page gets in.
    func isAllowedOrigin(_ origin: String) -> Bool {
        guard let candidate = URIReference(origin), case let scheme = candidate.scheme, let host = candidate.host,
            candidate.path.isEmpty, candidate.query == nil, candidate.user == nil
        else { return false }
        let loopback = ["127.0.0.1", "localhost", "::1"]
        return configuration.applications.contains { application in
            application.redirectURIs.contains { registered in
                guard let uri = URIReference(registered), uri.scheme == scheme, uri.host == host else {
                    return false
                }
                if scheme == "http", loopback.contains(host) { return true }
                return uri.port == candidate.port
            }
        }
    }

    /// The answer to a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`) from an allowed
    /// origin to a CORS endpoint, or nil when the request is not one.
    func corsPreflight(_ request: SimulatorRequest) -> SimulatorResponse? {
        guard request.method.uppercased() == "OPTIONS", request.header("access-control-request-method") != nil,
            corsEndpoint(path: request.path) != nil, let origin = request.header("origin"), isAllowedOrigin(origin)
        else { return nil }
        // `respond(to:)` adds `Access-Control-Allow-Origin` to this as to every CORS answer.
        var response = SimulatorResponse(status: 204)
        response.add("Access-Control-Allow-Methods", "GET, POST")
        response.add("Access-Control-Allow-Headers", "Authorization, Content-Type")
        response.add("Access-Control-Max-Age", "600")
        return response
    }

    /// Adds `Access-Control-Allow-Origin` to a CORS endpoint's answer (a preflight's too) to an allowed
    /// origin.
    func addCORSHeaders(to response: inout SimulatorResponse, for request: SimulatorRequest) {
        guard corsEndpoint(path: request.path) != nil, let origin = request.header("origin"), isAllowedOrigin(origin)
        else { return }
        response.add("Access-Control-Allow-Origin", origin)
        response.add("Access-Control-Expose-Headers", "Correlation-Id")
        response.add("Vary", "Origin")
    }
}

// MARK: - The hosted sign-on page's calls to the Flow API

extension AuthorizationServer {
    /// The origins of the hosted sign-on page: its second port, under the name it is served with and
    /// under the other loopback name (`localhost` for `127.0.0.1` and back), which is another *site*,
    /// as a customer's own sign-on page is. Empty for a custom domain (the page is same-origin there).
    var signOnPageOrigins: [String] {
        guard signOnBaseURL != baseURL, let parts = URLComponents(string: signOnBaseURL), let port = parts.port
        else { return [] }
        let other: String? =
            switch parts.host {
            case "127.0.0.1": "localhost"
            case "localhost": "127.0.0.1"
            default: nil
            }
        return [signOnBaseURL] + (other.map { ["http://\($0):\(port)"] } ?? [])
    }

    /// Whether `path` is a Flow API resource, `/{envID}/flows/{flowId}`.
    private func isFlowAPIPath(_ path: String) -> Bool {
        var segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if !configuration.customDomain {
            guard segments.first == configuration.environmentID else { return false }
            segments.removeFirst()
        }
        return segments.count == 2 && segments[0] == "flows"
    }

    /// The hosted page (on `apps.pingone.<tld>`) calls the Flow API (on `auth.pingone.<tld>`) with the
    /// browser's cookies, so the Flow API answers its origin with credentials allowed. PingOne's docs
    /// list `Access-Control-Allow-*` among the headers of every operation (reference §2, fidelity row 22);
    /// the exact values are this simulator's.
    func flowAPIPreflight(_ request: SimulatorRequest) -> SimulatorResponse? {
        guard request.method.uppercased() == "OPTIONS", request.header("access-control-request-method") != nil,
            isFlowAPIPath(request.path), let origin = request.header("origin"), signOnPageOrigins.contains(origin)
        else { return nil }
        var response = SimulatorResponse(status: 204)
        response.add("Access-Control-Allow-Methods", "GET, POST")
        response.add("Access-Control-Allow-Headers", "Accept, Content-Type")
        response.add("Access-Control-Max-Age", "600")
        return response
    }

    /// `Access-Control-Allow-Origin` (the page's origin, never `*`) and `Access-Control-Allow-Credentials`
    /// on the Flow API's answers (and preflights) to the hosted page's origins.
    func addFlowAPICORSHeaders(to response: inout SimulatorResponse, for request: SimulatorRequest) {
        guard isFlowAPIPath(request.path), let origin = request.header("origin"), signOnPageOrigins.contains(origin)
        else { return }
        response.add("Access-Control-Allow-Origin", origin)
        response.add("Access-Control-Allow-Credentials", "true")
        response.add("Access-Control-Expose-Headers", "Correlation-Id")
        response.add("Vary", "Origin")
    }
}
