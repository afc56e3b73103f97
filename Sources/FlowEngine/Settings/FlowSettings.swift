/// One layer of settings for a flow: a profile, the environment, or the command line.
///
/// Every field is optional; layers are overlaid so that later ones win (profile < environment <
/// flags). Secrets are never stored here, only the names of the environment variables that hold
/// them (`clientSecretEnv`, `passwordEnv`).
public struct FlowSettings: Equatable, Sendable, Codable {
    public var authPath: String?
    public var region: String?
    public var issuer: String?
    public var environmentID: String?
    public var clientID: String?
    public var redirectURI: String?
    public var scope: String?
    public var authorizeMethod: String?
    public var authMethod: String?
    public var pkce: String?
    public var responseMode: String?
    public var username: String?
    public var keyFile: String?
    public var clientSecretEnv: String?
    public var passwordEnv: String?
    public var postLogoutRedirectURI: String?
    public var par: Bool?
    public var requestObject: String?
    public var browser: Bool?
    public var timeout: Int?
    /// Origins besides the configured ones that may receive credentials (`--allow-origin`).
    public var allowOrigins: [String]?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case authPath, region, issuer
        case environmentID = "environmentId"
        case clientID = "clientId"
        case redirectURI = "redirectUri"
        case scope, authorizeMethod
        case authMethod = "tokenEndpointAuthMethod"
        case pkce, responseMode, username, keyFile, clientSecretEnv, passwordEnv
        case postLogoutRedirectURI = "postLogoutRedirectUri"
        case par, requestObject, browser, timeout, allowOrigins
    }

    /// These settings with every field that `other` sets taken from `other`.
    public func overlaid(with other: FlowSettings) -> FlowSettings {
        var merged = self
        func take<Value>(_ keyPath: WritableKeyPath<FlowSettings, Value?>) {
            if let value = other[keyPath: keyPath] { merged[keyPath: keyPath] = value }
        }
        take(\.authPath)
        take(\.region)
        take(\.issuer)
        take(\.environmentID)
        take(\.clientID)
        take(\.redirectURI)
        take(\.scope)
        take(\.authorizeMethod)
        take(\.authMethod)
        take(\.pkce)
        take(\.responseMode)
        take(\.username)
        take(\.keyFile)
        take(\.clientSecretEnv)
        take(\.passwordEnv)
        take(\.postLogoutRedirectURI)
        take(\.par)
        take(\.requestObject)
        take(\.browser)
        take(\.timeout)
        // Allowed origins add up across layers: a flag does not take back what the profile allows.
        if let origins = other.allowOrigins { merged.allowOrigins = (allowOrigins ?? []) + origins }
        // A region or an auth path given later replaces the other one given earlier.
        if other.region != nil, other.authPath == nil { merged.authPath = nil }
        if other.authPath != nil, other.region == nil { merged.region = nil }
        return merged
    }

    /// The settings that `AUTHFLOW_*` environment variables give.
    public static func fromEnvironment(_ environment: [String: String]) -> FlowSettings {
        var settings = FlowSettings()
        settings.authPath = environment["AUTHFLOW_AUTH_PATH"]
        settings.region = environment["AUTHFLOW_REGION"]
        settings.issuer = environment["AUTHFLOW_ISSUER"]
        settings.environmentID = environment["AUTHFLOW_ENVIRONMENT_ID"]
        settings.clientID = environment["AUTHFLOW_CLIENT_ID"]
        settings.redirectURI = environment["AUTHFLOW_REDIRECT_URI"]
        settings.scope = environment["AUTHFLOW_SCOPE"]
        settings.authMethod = environment["AUTHFLOW_AUTH_METHOD"]
        settings.responseMode = environment["AUTHFLOW_RESPONSE_MODE"]
        settings.username = environment["AUTHFLOW_USERNAME"]
        settings.keyFile = environment["AUTHFLOW_KEY_FILE"]
        return settings
    }
}
