import Foundation

extension SimulatedApplication {
    /// Whether `candidate` is one of the registered redirect URIs.
    ///
    /// Exact string match, except that a loopback `http` URI matches on any port (RFC 8252 §7.3).
    func isRegistered(redirectURI candidate: String) -> Bool {
        redirectURIs.contains { Self.redirectURI(candidate, matches: $0) }
    }

    static func redirectURI(_ candidate: String, matches registered: String) -> Bool {
        if candidate == registered { return true }
        guard let lhs = URIReference(candidate), let rhs = URIReference(registered),
            lhs.scheme == "http", rhs.scheme == "http",
            let host = lhs.host, host == rhs.host, ["127.0.0.1", "localhost", "::1"].contains(host)
        else { return false }
        return lhs.user == nil && lhs.password == nil && lhs.path == rhs.path && lhs.query == rhs.query
            && lhs.fragment == nil
    }
}
