/// Everything a run of the authorization code flow is configured with.
public struct FlowConfiguration: Equatable, Sendable {
    /// The authorization host, such as `https://auth.pingone.com`, a custom domain, or the simulator.
    public var authBaseURL: String
    /// The environment ID; `nil` with a custom domain, where PingOne drops the `/{envID}` segment.
    public var environmentID: String?
    /// The region label shown in the header (`NA`, `EU`…), when known.
    public var region: String?
    public var clientID: String
    public var clientSecret: String?
    public var redirectURI: String
    public var scopes: [String]
    public var authorizeMethod: AuthorizeMethod
    public var clientAuthentication: ClientAuthenticationMethod
    /// The PKCE method, or `nil` to send no challenge.
    public var pkceMethod: PKCE.Method?
    /// `query` (the default when `nil`), `fragment`, `form_post` or `pi.flow`.
    public var responseMode: String?
    public var username: String?
    public var password: String?
    /// The one-time password for the Flow API's `otp.check` (OTP_REQUIRED), once given.
    public var otp: String?
    /// The new password for `password.reset` (MUST_CHANGE_PASSWORD, PASSWORD_EXPIRED) or
    /// `password.recover` (RECOVERY_CODE_REQUIRED), once given.
    public var newPassword: String?
    /// The recovery code for `password.recover` (RECOVERY_CODE_REQUIRED), once given.
    public var recoveryCode: String?
    /// Recover the password instead of checking one: at USERNAME_PASSWORD_REQUIRED, send
    /// `password.forgot` with the configured username (`run --forgot-password`).
    public var recoversPassword = false
    /// More authorize parameters, sent after the standard ones.
    public var extraAuthorizeParameters: [FormParameter]
    /// How long one request may take before it fails as timed out.
    public var requestTimeout: Duration
    /// While a push waits for approval (PUSH_CONFIRMATION_REQUIRED): the time between reads of the flow.
    public var pushPollInterval: Duration = .seconds(1)
    /// How long authflow polls a waiting push before it gives up (PingOne may time it out sooner).
    public var pushDeadline: Duration = .seconds(120)
    /// Endpoints read from a discovery document; `nil` for PingOne's layout under ``environmentBase``.
    public var discoveredEndpoints: FlowEndpoints?
    /// Send the authorize parameters by PAR first (RFC 9126), then authorize with `request_uri`.
    public var usesPushedAuthorization = false
    /// Where sign-off sends the browser afterwards, when registered on the app.
    public var postLogoutRedirectURI: String?
    /// The private key for `PRIVATE_KEY_JWT` and key-signed request objects.
    public var clientKey: ClientKey?
    /// Send the authorize parameters as a signed `request` JWT (RFC 9101).
    public var requestObject: RequestObjectSigning?
    /// Sign on in a browser (and catch or paste the callback) even where the Flow API is available.
    public var signOnInBrowser = false
    /// The issuer the user named (`--issuer`), whose origin is trusted like the auth path's.
    public var configuredIssuer: String?
    /// Origins besides the configured ones that may receive credentials (`--allow-origin`).
    public var allowedOrigins: [String] = []
    /// The embedded simulator's hosted sign-on page origin (`--demo`), set by the command that started it.
    public var simulatorSignOnOrigins: [String] = []
    /// The public suffixes no cookie may be set for (RFC 6265 §5.3 step 5), read by the caller.
    public var publicSuffixes: PublicSuffixList = .builtIn

    public init(
        authBaseURL: String, environmentID: String?, region: String? = nil, clientID: String,
        clientSecret: String? = nil, redirectURI: String, scopes: [String] = ["openid", "profile", "email"],
        authorizeMethod: AuthorizeMethod = .get, clientAuthentication: ClientAuthenticationMethod = .clientSecretBasic,
        pkceMethod: PKCE.Method? = .s256, responseMode: String? = nil, username: String? = nil,
        password: String? = nil, extraAuthorizeParameters: [FormParameter] = [],
        requestTimeout: Duration = .seconds(10)
    ) {
        self.authBaseURL = authBaseURL
        self.environmentID = environmentID
        self.region = region
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.authorizeMethod = authorizeMethod
        self.clientAuthentication = clientAuthentication
        self.pkceMethod = pkceMethod
        self.responseMode = responseMode
        self.username = username
        self.password = password
        self.extraAuthorizeParameters = extraAuthorizeParameters
        self.requestTimeout = requestTimeout
    }

    /// `{authBaseURL}/{envID}`, or the base alone for a custom domain.
    public var environmentBase: String {
        let base = authBaseURL.hasSuffix("/") ? String(authBaseURL.dropLast()) : authBaseURL
        guard let environmentID, !environmentID.isEmpty else { return base }
        return "\(base)/\(environmentID)"
    }

    /// Where each request goes: the discovered endpoints, or PingOne's layout.
    public var endpoints: FlowEndpoints {
        discoveredEndpoints ?? .pingOne(environmentBase: environmentBase)
    }

    /// Whether sign-on happens in a browser rather than through PingOne's Flow API: asked for
    /// (`--browser`), or the server has no Flow API.
    public var signsOnInBrowser: Bool {
        signOnInBrowser || endpoints.flowAPIBase == nil
    }

    /// The origins credentials may go to: the auth path or custom domain, the issuer named, the allowed ones.
    public var originPolicy: OriginPolicy {
        OriginPolicy(
            configured: [authBaseURL] + [configuredIssuer].compactMap { $0 }, allowed: allowedOrigins,
            signOnPageOrigins: simulatorSignOnOrigins)
    }

    /// Discovered endpoints outside the trusted origins: shown, and sent no credential unless allowed.
    public var foreignEndpoints: [ForeignURL] {
        guard let discoveredEndpoints else { return [] }
        let policy = originPolicy
        return discoveredEndpoints.named.compactMap { endpoint in
            policy.foreignOrigin(of: endpoint.url).map {
                ForeignURL(field: endpoint.name, url: endpoint.url, origin: $0)
            }
        }
    }

    /// The expected `iss` of the tokens: `{authPath}/{envID}/as` on PingOne.
    public var issuer: String { endpoints.issuer }

    /// The Flow API resource for a flow (PingOne `/{envID}/flows/{flowID}`).
    public func flowEndpoint(_ flowID: String) -> String {
        "\(endpoints.flowAPIBase ?? environmentBase)/flows/\(FormURLEncoding.escape(flowID))"
    }

    /// The resume endpoint for a flow.
    public func resumeEndpoint(_ flowID: String) -> String {
        "\(issuer)/resume?flowId=\(FormURLEncoding.escape(flowID))"
    }
}

/// How the authorize request carries its parameters (the seed's two forms).
public enum AuthorizeMethod: String, Equatable, Sendable, CaseIterable {
    case get = "GET"
    case post = "POST"
}

/// How the client authenticates at the token endpoint (PingOne `tokenEndpointAuthMethod`).
public enum ClientAuthenticationMethod: String, Equatable, Sendable, CaseIterable {
    case none = "NONE"
    case clientSecretBasic = "CLIENT_SECRET_BASIC"
    case clientSecretPost = "CLIENT_SECRET_POST"
    case clientSecretJWT = "CLIENT_SECRET_JWT"
    case privateKeyJWT = "PRIVATE_KEY_JWT"
}

/// How the authorize parameters travel inside a request object (RFC 9101), if at all.
public enum RequestObjectSigning: String, Equatable, Sendable, CaseIterable {
    /// An HS256 JWT keyed with the client secret.
    case clientSecret = "HS256"
    /// A JWT signed with the client's private key.
    case privateKey = "key"
}
