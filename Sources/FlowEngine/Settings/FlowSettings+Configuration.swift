import Foundation

/// PingOne's regions and their authorization hosts (reference §0).
public enum PingOneRegion: String, Equatable, Sendable, CaseIterable {
    case na = "NA"
    case eu = "EU"
    case ca = "CA"
    case ap = "AP"
    case au = "AU"
    case sg = "SG"

    public var topLevelDomain: String {
        switch self {
        case .na: "com"
        case .eu: "eu"
        case .ca: "ca"
        case .ap: "asia"
        case .au: "com.au"
        case .sg: "sg"
        }
    }

    /// `https://auth.pingone.<tld>`.
    public var authPath: String { "https://auth.pingone.\(topLevelDomain)" }

    /// The region whose authorization host this URL is on, if it is one of PingOne's.
    public init?(authPath: String) {
        guard let host = URLParts(authPath)?.host,
            let match = Self.allCases.first(where: { host == "auth.pingone.\($0.topLevelDomain)" })
        else { return nil }
        self = match
    }
}

/// Why settings do not make a usable flow configuration.
public enum SettingsError: Error, Equatable, Sendable, CustomStringConvertible {
    case missing(String, hint: String)
    case invalid(String, String)

    public var description: String {
        switch self {
        case .missing(let what, let hint): "Missing \(what). \(hint)"
        case .invalid(let what, let reason): "Invalid \(what): \(reason)"
        }
    }
}

extension FlowSettings {
    /// The environment variable that holds the client secret.
    public var clientSecretVariable: String { clientSecretEnv ?? "AUTHFLOW_CLIENT_SECRET" }

    /// The environment variable that holds the password.
    public var passwordVariable: String { passwordEnv ?? "AUTHFLOW_PASSWORD" }

    /// The token endpoint auth method, `CLIENT_SECRET_BASIC` when none is set.
    public func clientAuthentication() throws(SettingsError) -> ClientAuthenticationMethod {
        guard let authMethod else { return .clientSecretBasic }
        guard
            let method = ClientAuthenticationMethod(
                rawValue: authMethod.uppercased().replacingOccurrences(of: "-", with: "_"))
        else {
            throw .invalid(
                "auth method '\(authMethod)'",
                "use one of \(ClientAuthenticationMethod.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return method
    }

    /// The authorization host: the auth path, else the region's host, else PingOne NA.
    public func resolvedAuthPath() throws(SettingsError) -> String {
        if let authPath {
            guard URLParts(authPath) != nil else {
                throw .invalid("auth path '\(authPath)'", "it must be an http or https URL")
            }
            return authPath
        }
        if let region {
            guard let known = PingOneRegion(rawValue: region.uppercased()) else {
                throw .invalid("region '\(region)'", "use NA, EU, CA, AP, AU or SG")
            }
            return known.authPath
        }
        return PingOneRegion.na.authPath
    }

    /// A PingOne environment ID is a UUID; it becomes a path segment, so nothing else is accepted.
    static func validateEnvironmentID(_ environmentID: String) throws(SettingsError) {
        guard UUID(uuidString: environmentID) != nil, environmentID.utf8.count == 36 else {
            throw .invalid(
                "environment ID '\(environmentID)'",
                "it must be a UUID such as 5caa81af-ec05-41ff-a709-c7378007a99c (leave it out with a custom domain)")
        }
    }

    /// A redirect URI is an absolute URI without a fragment (RFC 6749 §3.1.2); an http(s) one has
    /// a host. Private-use schemes such as `com.example.app:/callback` (RFC 8252 §7.1) are allowed.
    static func validateRedirectURI(_ redirectURI: String) throws(SettingsError) {
        let invalid = { (reason: String) in SettingsError.invalid("redirect URI '\(redirectURI)'", reason) }
        guard let components = URIReference(redirectURI), case let scheme = components.scheme else {
            throw invalid("it must be an absolute URI, such as https://app.example.com/callback")
        }
        if ["http", "https"].contains(scheme.lowercased()), components.host?.isEmpty ?? true {
            throw invalid("an \(scheme) redirect URI needs a host, such as \(scheme)://127.0.0.1/callback")
        }
        guard components.fragment == nil else { throw invalid("it must not have a fragment (#…)") }
    }

    /// Checks what can be checked before any secret is asked for: the environment ID and redirect
    /// URI given, so a typo is reported before a prompt, not after.
    public func validateIdentifiers() throws(SettingsError) {
        if let redirectURI, !redirectURI.trimmingWhitespace().isEmpty { try Self.validateRedirectURI(redirectURI) }
        if let environmentID { try Self.validateEnvironmentID(environmentID) }
    }

    /// The flow configuration these settings describe, with secrets supplied by the caller.
    public func configuration(clientSecret: String?, password: String?, clientKey: ClientKey?) throws(SettingsError)
        -> FlowConfiguration
    {
        // With --issuer alone, the issuer is the base; no PingOne region is implied.
        let issuerOnly = issuer != nil && authPath == nil && region == nil
        let base = issuerOnly ? issuer ?? "" : try resolvedAuthPath()
        guard let clientID, !clientID.trimmingWhitespace().isEmpty else {
            throw .missing(
                "client ID", hint: "Give --client-id, AUTHFLOW_CLIENT_ID or a profile; or try `authflow run --demo`.")
        }
        guard let redirectURI, !redirectURI.trimmingWhitespace().isEmpty else {
            throw .missing("redirect URI", hint: "Give --redirect-uri, AUTHFLOW_REDIRECT_URI or a profile.")
        }
        try Self.validateRedirectURI(redirectURI)
        if let environmentID { try Self.validateEnvironmentID(environmentID) }
        let method = try clientAuthentication()
        let pkceMethod: PKCE.Method?
        switch pkce?.lowercased() {
        case nil, "s256": pkceMethod = .s256
        case "plain": pkceMethod = .plain
        case "off", "none": pkceMethod = nil
        case let other?: throw .invalid("PKCE '\(other)'", "use S256, plain or off")
        }
        let authorizeMethod: AuthorizeMethod
        switch self.authorizeMethod?.uppercased() {
        case nil, "GET": authorizeMethod = .get
        case "POST": authorizeMethod = .post
        case let other?: throw .invalid("authorize method '\(other)'", "use GET or POST")
        }
        var requestObjectSigning: RequestObjectSigning?
        if let requestObject {
            switch requestObject.lowercased() {
            case "hs256", "secret": requestObjectSigning = .clientSecret
            case "key", "rs256", "private-key": requestObjectSigning = .privateKey
            default:
                throw .invalid("request object '\(requestObject)'", "use HS256 (client secret) or key (private key)")
            }
        }
        if method == .privateKeyJWT || requestObjectSigning == .privateKey, clientKey == nil {
            throw .missing(
                "private key", hint: "PRIVATE_KEY_JWT and key-signed request objects need --key FILE (PEM or JWK).")
        }
        if [.clientSecretBasic, .clientSecretPost, .clientSecretJWT].contains(method)
            || requestObjectSigning == .clientSecret,
            clientSecret == nil
        {
            throw .missing(
                "client secret",
                hint: "\(method.rawValue) needs the secret in \(clientSecretVariable) (or typed at the prompt).")
        }
        if let mode = responseMode, !["query", "fragment", "form_post", "pi.flow"].contains(mode) {
            throw .invalid("response mode '\(mode)'", "use query, fragment, form_post or pi.flow")
        }
        if let timeout, !(1...600).contains(timeout) { throw .invalid("timeout \(timeout)", "use 1 to 600 seconds") }
        for origin in allowOrigins ?? [] where OriginPolicy.origin(origin) == nil {
            throw .invalid(
                "allowed origin '\(origin)'", "it must be an http or https URL, such as https://login.example.com")
        }
        var configuration = FlowConfiguration(
            authBaseURL: base, environmentID: environmentID,
            region: issuerOnly ? nil : region?.uppercased() ?? PingOneRegion(authPath: base)?.rawValue,
            clientID: clientID, clientSecret: clientSecret, redirectURI: redirectURI,
            scopes: (scope ?? "openid profile email").split(separator: " ").map(String.init),
            authorizeMethod: authorizeMethod, clientAuthentication: method, pkceMethod: pkceMethod,
            responseMode: responseMode, username: username, password: password,
            requestTimeout: .seconds(timeout ?? 10))
        configuration.usesPushedAuthorization = par ?? false
        configuration.requestObject = requestObjectSigning
        configuration.clientKey = clientKey
        configuration.signOnInBrowser = browser ?? false
        configuration.postLogoutRedirectURI = postLogoutRedirectURI
        configuration.configuredIssuer = issuer
        configuration.allowedOrigins = allowOrigins ?? []
        return configuration
    }
}
