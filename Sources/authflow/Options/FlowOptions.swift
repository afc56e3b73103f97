import ArgumentParser
import FlowEngine
import Foundation

/// The options that describe a flow, shared by `run` and the interactive commands.
struct FlowOptions: ParsableArguments {
    @Option(name: .customLong("auth-path"), help: "Authorization host, e.g. https://auth.pingone.eu or a custom domain. Overrides --region. (env AUTHFLOW_AUTH_PATH)")
    var authPath: String?

    @Option(help: "PingOne region: NA, EU, CA, AP, AU or SG; picks https://auth.pingone.<tld>.")
    var region: Region?

    @Option(name: [.customLong("environment-id"), .customLong("env")], help: "Environment ID (env AUTHFLOW_ENVIRONMENT_ID). Leave out with a custom domain.")
    var environmentID: String?

    @Option(name: .customLong("client-id"), help: "Application (client) ID. (env AUTHFLOW_CLIENT_ID)")
    var clientID: String?

    @Option(name: .customLong("redirect-uri"), help: "Redirect URI registered on the application. (env AUTHFLOW_REDIRECT_URI)")
    var redirectURI: String?

    @Option(help: "Scopes, space-separated.")
    var scope: String = "openid profile email"

    @Flag(help: "Send the authorize request as a form POST instead of GET.")
    var post = false

    @Option(name: .customLong("auth-method"), help: "Token endpoint auth method: NONE, CLIENT_SECRET_BASIC or CLIENT_SECRET_POST.")
    var authMethod: ClientAuthenticationMethod?

    @Option(help: "PKCE: S256, plain or off.")
    var pkce: PKCEOption = .s256

    @Option(name: .customLong("response-mode"), help: "response_mode: query (default), fragment, form_post or pi.flow.")
    var responseMode: String?

    @Option(help: "Username for the sign-on step. (env AUTHFLOW_USERNAME)")
    var username: String?

    @Option(name: .customLong("param"), help: "An extra authorize parameter as name=value (repeatable), e.g. --param prompt=login.")
    var parameters: [String] = []

    @Option(help: "Seconds one request may take.")
    var timeout: Int = 10

    @Flag(help: "Do not verify TLS certificates (shown on screen).")
    var insecure = false

    @Flag(name: .customLong("show-secrets"), help: "Show secrets, tokens and cookies instead of masking them.")
    var showSecrets = false

    func validate() throws {
        for parameter in parameters where !parameter.contains("=") {
            throw ValidationError("--param takes name=value; '\(parameter)' has no '='.")
        }
        guard (1...600).contains(timeout) else { throw ValidationError("--timeout takes 1 to 600 seconds.") }
    }

    /// The flow configuration from these options and the environment; secrets from the environment or a prompt.
    func configuration(environment: [String: String], prompter: SecretPrompter) throws -> FlowConfiguration {
        let base = authPath ?? environment["AUTHFLOW_AUTH_PATH"] ?? region.map(\.authPath) ?? Region.na.authPath
        guard URLParts(base) != nil else { throw ValidationError("--auth-path must be an http or https URL; got '\(base)'.") }
        guard let clientID = clientID ?? environment["AUTHFLOW_CLIENT_ID"] else {
            throw ValidationError("Missing --client-id (or AUTHFLOW_CLIENT_ID). Try `authflow run --demo` to use the built-in simulator.")
        }
        guard let redirectURI = redirectURI ?? environment["AUTHFLOW_REDIRECT_URI"] else {
            throw ValidationError("Missing --redirect-uri (or AUTHFLOW_REDIRECT_URI).")
        }
        let method = authMethod ?? .clientSecretBasic
        var secret = environment["AUTHFLOW_CLIENT_SECRET"]
        if method != .none, secret == nil {
            secret = try prompter.secret("Client secret for \(clientID)")
        }
        var configuration = FlowConfiguration(
            authBaseURL: base,
            environmentID: environmentID ?? environment["AUTHFLOW_ENVIRONMENT_ID"],
            region: region?.rawValue,
            clientID: clientID,
            clientSecret: secret,
            redirectURI: redirectURI,
            scopes: scope.split(separator: " ").map(String.init),
            authorizeMethod: post ? .post : .get,
            clientAuthentication: method,
            pkceMethod: pkce.method,
            responseMode: responseMode,
            username: username ?? environment["AUTHFLOW_USERNAME"],
            password: environment["AUTHFLOW_PASSWORD"],
            extraAuthorizeParameters: extraParameters,
            requestTimeout: .seconds(timeout))
        if configuration.region == nil { configuration.region = Region(authPath: base)?.rawValue }
        return configuration
    }

    var extraParameters: [FormParameter] {
        parameters.map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return FormParameter(String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }
}

/// PingOne's regions and their authorization hosts (reference §0).
enum Region: String, ExpressibleByArgument, CaseIterable {
    case na = "NA", eu = "EU", ca = "CA", ap = "AP", au = "AU", sg = "SG"

    init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }

    var topLevelDomain: String {
        switch self {
        case .na: "com"
        case .eu: "eu"
        case .ca: "ca"
        case .ap: "asia"
        case .au: "com.au"
        case .sg: "sg"
        }
    }

    var authPath: String { "https://auth.pingone.\(topLevelDomain)" }

    /// The region whose host this is, if it is one of PingOne's.
    init?(authPath: String) {
        guard let match = Region.allCases.first(where: { URLParts(authPath)?.host == "auth.pingone.\($0.topLevelDomain)" }) else { return nil }
        self = match
    }
}

/// `--pkce S256|plain|off`.
enum PKCEOption: String, ExpressibleByArgument {
    case s256 = "S256", plain, off

    init?(argument: String) {
        switch argument.lowercased() {
        case "s256": self = .s256
        case "plain": self = .plain
        case "off", "none": self = .off
        default: return nil
        }
    }

    var method: PKCE.Method? {
        switch self {
        case .s256: .s256
        case .plain: .plain
        case .off: nil
        }
    }
}

extension ClientAuthenticationMethod: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(rawValue: argument.uppercased().replacingOccurrences(of: "-", with: "_"))
    }
}
