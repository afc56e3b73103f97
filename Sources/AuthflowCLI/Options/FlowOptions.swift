import ArgumentParser
import FlowEngine
import Foundation

/// The options that describe a flow, shared by `run` and the interactive commands.
///
/// Settings come in layers: a profile, then `AUTHFLOW_*` environment variables, then these flags;
/// later layers win. Secrets never come from flags.
struct FlowOptions: ParsableArguments {
    @Option(help: "A named profile from $XDG_CONFIG_HOME/authflow/profiles.json (env AUTHFLOW_PROFILE).")
    var profile: String?

    @Option(
        name: .customLong("auth-path"),
        help: "Authorization host: https://auth.pingone.<tld>, a custom domain (no /{envID}), or any URL.")
    var authPath: String?

    @Option(help: "PingOne region: NA, EU, CA, AP, AU or SG; picks https://auth.pingone.<tld>.")
    var region: String?

    @Option(
        help:
            "Any OpenID Connect issuer: endpoints come from its discovery document; sign-on happens in a browser unless it is PingOne."
    )
    var issuer: String?

    @Option(
        name: [.customLong("environment-id"), .customLong("env")],
        help: "PingOne environment ID. Leave out with a custom domain.")
    var environmentID: String?

    @Option(name: .customLong("client-id"), help: "Application (client) ID.")
    var clientID: String?

    @Option(name: .customLong("redirect-uri"), help: "Redirect URI registered on the application.")
    var redirectURI: String?

    @Option(help: "Scopes, space-separated (default: openid profile email).")
    var scope: String?

    @Flag(help: "Send the authorize request as a form POST instead of GET.")
    var post = false

    @Option(
        name: .customLong("auth-method"),
        help:
            "Token endpoint auth method: NONE, CLIENT_SECRET_BASIC (default), CLIENT_SECRET_POST, CLIENT_SECRET_JWT or PRIVATE_KEY_JWT."
    )
    var authMethod: String?

    @Option(help: "Private key for PRIVATE_KEY_JWT and key-signed request objects: a PEM or JWK file.")
    var key: String?

    @Option(help: "PKCE: S256 (default), plain or off.")
    var pkce: String?

    @Option(name: .customLong("response-mode"), help: "response_mode: query (default), fragment, form_post or pi.flow.")
    var responseMode: String?

    @Flag(help: "Push the authorize parameters first (PAR, RFC 9126), then authorize with request_uri.")
    var par = false

    @Option(
        name: .customLong("request-object"),
        help: "Send the parameters as a signed request JWT: HS256 (client secret) or key (--key).")
    var requestObject: String?

    @Flag(
        help:
            "Sign on in a browser: authflow shows the authorize URL and catches the redirect on the loopback redirect URI."
    )
    var browser = false

    @Flag(
        help:
            "Sign on in a browser, then paste the URL it was redirected to (for redirect URIs authflow cannot listen on)."
    )
    var paste = false

    @Option(help: "Username for the sign-on step.")
    var username: String?

    @Option(name: .customLong("post-logout-redirect-uri"), help: "Where sign-off sends the browser, if registered.")
    var postLogoutRedirectURI: String?

    @Option(
        name: .customLong("param"),
        help: "An extra authorize parameter as name=value (repeatable), e.g. --param prompt=login.")
    var parameters: [String] = []

    @Option(help: "Seconds the whole exchange of one request may take: connect, TLS, headers and body (default 10).")
    var timeout: Int?

    @Option(
        name: .customLong("allow-origin"),
        help:
            "An origin (https://host[:port]) besides the auth path and issuer that may receive credentials, such as a provider's separate token host (repeatable)."
    )
    var allowOrigins: [String] = []

    @Flag(help: "Do not verify TLS certificates (warned at start, shown on screen and recorded).")
    var insecure = false

    @Option(
        name: .customLong("cacert"),
        help: ArgumentHelp(
            "A PEM bundle of CA certificates to trust on top of the system's (repeatable), e.g. a TLS-inspecting proxy's CA.",
            valueName: "file"))
    var caCertificates: [String] = []

    @Option(
        help: ArgumentHelp(
            "Send every request through this proxy (http://[user:password@]host:port or socks5://host:port); overrides HTTPS_PROXY, HTTP_PROXY and ALL_PROXY.",
            valueName: "url"))
    var proxy: String?

    @Flag(name: .customLong("no-proxy"), help: "Connect directly, ignoring --proxy and the *_PROXY variables.")
    var noProxy = false

    @Flag(name: .customLong("show-secrets"), help: "Show secrets, tokens and cookies instead of masking them.")
    var showSecrets = false

    func validate() throws {
        for parameter in parameters where !parameter.contains("=") {
            throw ValidationError("--param takes name=value; '\(parameter)' has no '='.")
        }
        if let timeout, !(1...600).contains(timeout) { throw ValidationError("--timeout takes 1 to 600 seconds.") }
        if proxy != nil && noProxy {
            throw ValidationError("--proxy and --no-proxy contradict each other: pick one.")
        }
        if let proxy {
            do {
                _ = try ProxyServer(url: proxy)
            } catch {
                throw ValidationError("--proxy: \(error.description)")
            }
        }
        if browser && paste {
            throw ValidationError("--browser and --paste are two ways to do the same step: pick one.")
        }
    }

    /// The settings these flags give; unset flags leave the lower layers alone.
    var settings: FlowSettings {
        var settings = FlowSettings()
        settings.authPath = authPath
        settings.region = region
        settings.issuer = issuer
        settings.environmentID = environmentID
        settings.clientID = clientID
        settings.redirectURI = redirectURI
        settings.scope = scope
        settings.authorizeMethod = post ? "POST" : nil
        settings.authMethod = authMethod
        settings.pkce = pkce
        settings.responseMode = responseMode
        settings.username = username
        settings.keyFile = key
        settings.postLogoutRedirectURI = postLogoutRedirectURI
        settings.par = par ? true : nil
        settings.requestObject = requestObject
        settings.browser = (browser || paste) ? true : nil
        settings.timeout = timeout
        settings.allowOrigins = allowOrigins.isEmpty ? nil : allowOrigins
        return settings
    }

    /// Profile, then environment, then flags; prints a profile's warnings on standard error.
    func resolvedSettings(environment: [String: String]) throws -> FlowSettings {
        var layered = FlowSettings()
        if let name = profile ?? environment["AUTHFLOW_PROFILE"] {
            do {
                let (profileSettings, warnings) = try ProfileStore.load(name, environment: environment)
                for warning in warnings { FileHandle.standardError.write(Data("authflow: warning: \(warning)\n".utf8)) }
                layered = profileSettings
            } catch {
                throw ValidationError(error.description)
            }
        }
        return layered.overlaid(with: .fromEnvironment(environment)).overlaid(with: settings)
    }

    /// The flow configuration: settings resolved, secrets from the environment or a prompt, the key file read.
    func configuration(environment: [String: String], prompter: SecretPrompter) throws -> FlowConfiguration {
        try resolve(environment: environment, prompter: prompter).configuration
    }

    /// The configuration and the settings it came from, resolved once (profile warnings print once).
    func resolve(environment: [String: String], prompter: SecretPrompter) throws -> (
        configuration: FlowConfiguration, settings: FlowSettings
    ) {
        var settings = try resolvedSettings(environment: environment)
        var method: ClientAuthenticationMethod
        do {
            try settings.validateIdentifiers()
            method = try settings.clientAuthentication()
        } catch {
            throw ValidationError(error.description)
        }
        var secret = environment[settings.clientSecretVariable]
        let needsSecret =
            [.clientSecretBasic, .clientSecretPost, .clientSecretJWT].contains(method)
            || settings.requestObject?.lowercased() == "hs256"
        if Self.infersPublicClient(settings, secret: secret, interactive: prompter.isInteractive) {
            // A provider named by --issuer, no auth method and no secret anywhere: a public client.
            method = .none
            settings.authMethod = ClientAuthenticationMethod.none.rawValue
            FileHandle.standardError.write(
                Data(
                    ("authflow: no client secret (\(settings.clientSecretVariable)) and no --auth-method:"
                        + " authenticating as a public client (--auth-method NONE)\n").utf8))
        } else if needsSecret, secret == nil, settings.clientID != nil, settings.redirectURI != nil {
            secret = try prompter.secret(
                "Client secret for \(settings.clientID ?? "")", variable: settings.clientSecretVariable)
        }
        var clientKey: ClientKey?
        if let keyFile = settings.keyFile {
            if let warning = FilePermissions.warningIfShared(keyFile, what: "the key file") {
                FileHandle.standardError.write(Data("authflow: warning: \(warning)\n".utf8))
            }
            do {
                clientKey = try ClientKey(text: String(contentsOfFile: keyFile, encoding: .utf8))
            } catch let error as ClientKeyError {
                throw ValidationError("--key \(keyFile): \(error)")
            } catch {
                throw ValidationError("--key \(keyFile): cannot read the file")
            }
        }
        do {
            var configuration = try settings.configuration(
                clientSecret: secret, password: environment[settings.passwordVariable], clientKey: clientKey)
            configuration.extraAuthorizeParameters = extraParameters
            return (configuration, settings)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Whether to take the client as public: a provider named by `--issuer`, no auth method set, no
    /// secret in the environment, no key, no HS256 request object, and no terminal to ask on.
    static func infersPublicClient(_ settings: FlowSettings, secret: String?, interactive: Bool) -> Bool {
        settings.issuer != nil && settings.authMethod == nil && secret == nil && settings.keyFile == nil
            && settings.requestObject == nil && !interactive && settings.clientID != nil
            && settings.redirectURI != nil
    }

    var extraParameters: [FormParameter] {
        parameters.map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return FormParameter(String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
    }
}
