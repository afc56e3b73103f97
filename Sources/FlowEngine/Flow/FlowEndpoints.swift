/// Where each request of the flow goes.
///
/// For PingOne every endpoint hangs off `{authPath}/{envID}/as` (reference §0), and the Flow API
/// drives the sign-on. Any other OpenID Connect provider gives its endpoints in its discovery
/// document and signs on in a browser.
public struct FlowEndpoints: Equatable, Sendable {
    public var issuer: String
    public var authorization: String
    public var token: String
    public var jwks: String?
    public var userInfo: String?
    public var introspection: String?
    public var revocation: String?
    public var endSession: String?
    public var pushedAuthorization: String?
    /// `{authPath}/{envID}` for PingOne's Flow API; `nil` where sign-on happens in a browser.
    public var flowAPIBase: String?
    /// Discovery's `token_endpoint_auth_methods_supported`, when the document named them.
    public var tokenEndpointAuthMethods: [String]?

    public init(
        issuer: String, authorization: String, token: String, jwks: String? = nil, userInfo: String? = nil,
        introspection: String? = nil, revocation: String? = nil, endSession: String? = nil,
        pushedAuthorization: String? = nil, flowAPIBase: String? = nil
    ) {
        self.issuer = issuer
        self.authorization = authorization
        self.token = token
        self.jwks = jwks
        self.userInfo = userInfo
        self.introspection = introspection
        self.revocation = revocation
        self.endSession = endSession
        self.pushedAuthorization = pushedAuthorization
        self.flowAPIBase = flowAPIBase
    }

    /// Each endpoint with its discovery name (OIDC Discovery §3), in that document's order.
    public var named: [(name: String, url: String)] {
        var list = [("issuer", issuer), ("authorization_endpoint", authorization), ("token_endpoint", token)]
        let optional: [(String, String?)] = [
            ("jwks_uri", jwks), ("userinfo_endpoint", userInfo), ("introspection_endpoint", introspection),
            ("revocation_endpoint", revocation), ("end_session_endpoint", endSession),
            ("pushed_authorization_request_endpoint", pushedAuthorization),
        ]
        for (name, url) in optional { if let url { list.append((name, url)) } }
        return list
    }

    /// PingOne's layout under `{authPath}/{envID}`, or under a custom domain's root.
    public static func pingOne(environmentBase: String) -> FlowEndpoints {
        let issuer = "\(environmentBase)/as"
        return FlowEndpoints(
            issuer: issuer, authorization: "\(issuer)/authorize", token: "\(issuer)/token", jwks: "\(issuer)/jwks",
            userInfo: "\(issuer)/userinfo", introspection: "\(issuer)/introspect", revocation: "\(issuer)/revoke",
            endSession: "\(issuer)/signoff", pushedAuthorization: "\(issuer)/par", flowAPIBase: environmentBase)
    }

    /// Reads an OpenID Provider Metadata document (OIDC Discovery §3).
    ///
    /// A PingOne issuer keeps the Flow API; any other provider signs on in a browser.
    public init(discovery: JSONValue) throws(DiscoveryError) {
        guard discovery.members != nil else { throw .notAnObject }
        func required(_ key: String) throws(DiscoveryError) -> String {
            guard let value = discovery[key]?.stringValue, !value.isEmpty else { throw .missing(key) }
            return value
        }
        let issuer = try required("issuer")
        self.init(
            issuer: issuer,
            authorization: try required("authorization_endpoint"),
            token: try required("token_endpoint"),
            jwks: discovery["jwks_uri"]?.stringValue,
            userInfo: discovery["userinfo_endpoint"]?.stringValue,
            introspection: discovery["introspection_endpoint"]?.stringValue,
            revocation: discovery["revocation_endpoint"]?.stringValue,
            endSession: discovery["end_session_endpoint"]?.stringValue,
            pushedAuthorization: discovery["pushed_authorization_request_endpoint"]?.stringValue,
            flowAPIBase: Self.pingOneEnvironmentBase(issuer: issuer, discovery: discovery))
        tokenEndpointAuthMethods = discovery["token_endpoint_auth_methods_supported"]?.stringList
    }

    /// `{authPath}/{envID}` when the issuer is PingOne's (`…/as` and `pi.flow` offered).
    static func pingOneEnvironmentBase(issuer: String, discovery: JSONValue) -> String? {
        let modes = discovery["response_modes_supported"]?.stringList ?? []
        guard issuer.hasSuffix("/as"), modes.contains("pi.flow") else { return nil }
        return String(issuer.dropLast(3))
    }

    /// The discovery document's URL for an issuer (OIDC Discovery §4).
    public static func discoveryURL(issuer: String) -> String {
        (issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer) + "/.well-known/openid-configuration"
    }
}

/// Why a discovery document could not be used.
public enum DiscoveryError: Error, Equatable, Sendable, CustomStringConvertible {
    case notAnObject
    case missing(String)
    case issuerMismatch(expected: String, got: String)

    public var description: String {
        switch self {
        case .notAnObject: "the discovery document is not a JSON object"
        case .missing(let key): "the discovery document has no \(key)"
        case .issuerMismatch(let expected, let got):
            "the discovery document's issuer is \(got), not \(expected) (OIDC Discovery §4.3)"
        }
    }
}
