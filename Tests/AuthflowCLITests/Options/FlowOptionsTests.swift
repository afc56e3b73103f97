import ArgumentParser
import FlowEngine
import Testing

@testable import AuthflowCLI

/// The flow options: what the flags become, and the mistakes refused before anything is sent.
@Suite struct FlowOptionsTests {
    static let base = [
        "--auth-path", "http://127.0.0.1:9", "--client-id", "c", "--redirect-uri", "https://app.example.com/cb",
    ]

    /// The message ArgumentParser prints for refused options, and its exit code.
    func refusal(_ arguments: [String]) -> (message: String, exitCode: Int32)? {
        do {
            _ = try FlowOptions.parse(arguments)
            return nil
        } catch {
            return (FlowOptions.message(for: error), FlowOptions.exitCode(for: error).rawValue)
        }
    }

    @Test func flagsBecomeSettings() throws {
        let options = try FlowOptions.parse(
            Self.base + [
                "--region", "EU", "--env", "5caa81af-ec05-41ff-a709-c7378007a99c", "--scope", "openid", "--post",
                "--auth-method", "NONE", "--pkce", "plain", "--response-mode", "form_post", "--par", "--paste",
                "--timeout", "30", "--allow-origin", "https://tokens.example.com", "--username", "ann",
            ])
        let settings = options.settings
        #expect(settings.authPath == "http://127.0.0.1:9")
        #expect(settings.region == "EU")
        #expect(settings.environmentID == "5caa81af-ec05-41ff-a709-c7378007a99c")
        #expect(settings.clientID == "c")
        #expect(settings.redirectURI == "https://app.example.com/cb")
        #expect(settings.scope == "openid")
        #expect(settings.authorizeMethod == "POST")
        #expect(settings.authMethod == "NONE")
        #expect(settings.pkce == "plain")
        #expect(settings.responseMode == "form_post")
        #expect(settings.par == true)
        // --paste signs on in a browser too.
        #expect(settings.browser == true)
        #expect(settings.timeout == 30)
        #expect(settings.allowOrigins == ["https://tokens.example.com"])
        #expect(settings.username == "ann")
    }

    @Test func unsetFlagsLeaveTheLowerLayersAlone() throws {
        let settings = try FlowOptions.parse([]).settings
        #expect(settings == FlowSettings())
        // A flag's setting wins over the environment's; an unset one does not erase it.
        let environment = ["AUTHFLOW_CLIENT_ID": "from-env", "AUTHFLOW_SCOPE": "openid email"]
        let layered = try FlowOptions.parse(["--client-id", "from-flag"]).resolvedSettings(environment: environment)
        #expect(layered.clientID == "from-flag")
        #expect(layered.scope == "openid email")
    }

    @Test func extraParametersSplitAtTheFirstEqualsSign() throws {
        let options = try FlowOptions.parse(["--param", "prompt=login", "--param", "claims=a=b", "--param", "empty="])
        #expect(
            options.extraParameters == [
                FormParameter("prompt", "login"), FormParameter("claims", "a=b"), FormParameter("empty", ""),
            ])
    }

    @Test(arguments: [
        (["--param", "prompt"], "--param takes name=value; 'prompt' has no '='."),
        (["--timeout", "0"], "--timeout takes 1 to 600 seconds."),
        (["--timeout", "601"], "--timeout takes 1 to 600 seconds."),
        (["--proxy", "http://127.0.0.1:3128", "--no-proxy"], "--proxy and --no-proxy contradict each other"),
        (["--proxy", "ftp://127.0.0.1:21"], "--proxy: "),
        (["--browser", "--paste"], "--browser and --paste are two ways to do the same step"),
    ])
    func contradictionsAndBadValuesAreRefusedByName(arguments: [String], message: String) throws {
        let refused = try #require(refusal(Self.base + arguments))
        #expect(refused.exitCode == ExitCode.validationFailure.rawValue)
        #expect(refused.message.contains(message), "\(refused.message)")
    }

    @Test func aProxyWithinRangeIsAccepted() throws {
        let options = try FlowOptions.parse(Self.base + ["--proxy", "socks5://127.0.0.1:1080", "--timeout", "600"])
        #expect(options.proxy == "socks5://127.0.0.1:1080")
        #expect(options.timeout == 600)
    }

    @Test func resolvingNamesTheMistakeBeforeAskingForASecret() throws {
        let options = try FlowOptions.parse([
            "--env", "../x", "--client-id", "app", "--redirect-uri", "https://a.example/cb",
        ])
        // No terminal to ask on: a prompt would throw a different message, naming the variable.
        let prompter = SecretPrompter(isInteractive: false)
        let error = #expect(throws: ValidationError.self) {
            try options.resolve(environment: [:], prompter: prompter)
        }
        #expect(error?.message.contains("must be a UUID") == true, "\(String(describing: error))")
    }

    @Test func aMissingSecretNamesTheVariableToSet() throws {
        let options = try FlowOptions.parse(Self.base + ["--auth-method", "CLIENT_SECRET_BASIC"])
        let error = #expect(throws: ValidationError.self) {
            try options.resolve(environment: [:], prompter: SecretPrompter(isInteractive: false))
        }
        #expect(error?.message.contains("AUTHFLOW_CLIENT_SECRET") == true, "\(String(describing: error))")
    }

    @Test func aProviderNamedByIssuerWithoutASecretIsTakenAsAPublicClient() throws {
        let options = try FlowOptions.parse([
            "--issuer", "http://127.0.0.1:9", "--client-id", "c", "--redirect-uri", "http://127.0.0.1/cb",
        ])
        let (configuration, settings) = try options.resolve(
            environment: [:], prompter: SecretPrompter(isInteractive: false))
        #expect(configuration.clientAuthentication == ClientAuthenticationMethod.none)
        #expect(settings.authMethod == "NONE")
        // A method asked for is kept, and then the missing secret is a usage error as before.
        let basic = try FlowOptions.parse([
            "--issuer", "http://127.0.0.1:9", "--client-id", "c", "--redirect-uri", "http://127.0.0.1/cb",
            "--auth-method", "CLIENT_SECRET_BASIC",
        ])
        #expect(throws: ValidationError.self) {
            try basic.resolve(environment: [:], prompter: SecretPrompter(isInteractive: false))
        }
        // With a secret in the environment nothing is inferred.
        let (withSecret, _) = try options.resolve(
            environment: ["AUTHFLOW_CLIENT_SECRET": "s"], prompter: SecretPrompter(isInteractive: false))
        #expect(withSecret.clientAuthentication == .clientSecretBasic)
    }

    @Test func aPublicClientResolvesWithoutASecret() throws {
        let options = try FlowOptions.parse(Self.base + ["--auth-method", "NONE", "--param", "prompt=login"])
        let (configuration, settings) = try options.resolve(
            environment: [:], prompter: SecretPrompter(isInteractive: false))
        #expect(configuration.clientID == "c")
        #expect(configuration.clientSecret == nil)
        #expect(configuration.extraAuthorizeParameters == [FormParameter("prompt", "login")])
        #expect(settings.authMethod == "NONE")
    }
}
