import ArgumentParser
import FlowEngine
import Foundation

/// Everything a command needs around one flow: the configuration, the transport, the embedded
/// simulator for `--demo`, discovery for `--issuer`, and the browser sign-on for `--browser`/`--paste`.
struct FlowSession: Sendable {
    var configuration: FlowConfiguration
    let transport: LiveTransport
    let demo: DemoSimulator?
    let listener: CallbackListener?
    let paste: Bool
    /// Lines to show under the header, such as where endpoints came from or that TLS checks are off.
    var notes: [String] = []

    /// Resolves the configuration, starts what it needs, and discovers endpoints for `--issuer`.
    static func prepare(flowOptions: FlowOptions, demoOptions: DemoOptions) async throws -> FlowSession {
        let environment = ProcessInfo.processInfo.environment
        // The system's public suffix list (250 KB) is read and parsed on another thread while the
        // simulator starts or the options resolve: it is only needed once cookies arrive.
        let publicSuffixes = Task.detached(priority: .userInitiated) { PublicSuffixListFile.load() }
        let transport = try makeTransport(flowOptions: flowOptions, environment: environment)
        if flowOptions.insecure {
            warn(
                "TLS certificate verification is OFF (--insecure): anyone on the path can read and change this traffic, secrets included. To trust a private or inspecting CA instead, use --cacert FILE.pem."
            )
        }
        var demo: DemoSimulator?
        var configuration: FlowConfiguration
        var notes: [String] = []
        do {
            if demoOptions.demo {
                let started = try await DemoSimulator.start(options: demoOptions, flowOptions: flowOptions)
                demo = started
                configuration = started.flowConfiguration
                notes.append(
                    "simulator at \(started.simulator.baseURL.absoluteString)"
                        + (demoOptions.faults.isEmpty
                            ? "" : " with faults: \(demoOptions.faults.map(\.rawValue).joined(separator: ", "))"))
            } else {
                let resolved = try flowOptions.resolve(environment: environment, prompter: SecretPrompter())
                configuration = resolved.configuration
                let settings = resolved.settings
                if let issuer = settings.issuer {
                    configuration.discoveredEndpoints = try await discover(
                        issuer: issuer, transport: transport, timeout: configuration.requestTimeout)
                    notes.append("endpoints from \(FlowEndpoints.discoveryURL(issuer: issuer))")
                }
            }
        } catch {
            await transport.shutdown()
            await demo?.stop()
            throw error
        }
        configuration.publicSuffixes = await publicSuffixes.value
        for foreign in configuration.foreignEndpoints {
            notes.append(
                "! \(foreign.field) is on another origin, \(foreign.origin): no credential goes there (--allow-origin)")
        }
        if flowOptions.insecure { notes.append("!! TLS certificate verification is OFF (--insecure)") }
        if let proxy = transport.proxySettings.summary { notes.append("proxy \(proxy)") }
        notes += transport.trust.summary
        for url in plainHTTPURLs(configuration) {
            warn(
                "\(url) is plain http to a host that is not loopback: the password, client secret, code and tokens sent there can be read on the network."
            )
        }
        var listener: CallbackListener?
        let browserFlow = configuration.signsOnInBrowser
        if browserFlow, !flowOptions.paste, configuration.responseMode == "fragment" {
            // A browser never sends the #fragment to a server: the listener could never read the code.
            await transport.shutdown()
            await demo?.stop()
            throw ValidationError(
                "--response-mode fragment cannot reach the loopback listener: a browser never sends the part after #"
                    + " to a server. Use --paste (paste the whole URL, fragment included), or --response-mode query"
                    + " or form_post.")
        }
        if browserFlow, !flowOptions.paste {
            do {
                let started = try await CallbackListener.start(redirectURI: configuration.redirectURI)
                listener = started
                if URIReference(configuration.redirectURI)?.port == nil {
                    // Loopback redirect URIs may use any port (RFC 8252 §7.3): use the one listened on.
                    configuration.redirectURI = started.redirectURI
                    notes.append(
                        "! the redirect URI has no port: authorize sends \(started.redirectURI), the port listened on;"
                            + " a provider that compares redirect URIs exactly refuses it unless that URI is registered"
                            + " (give the registered port in --redirect-uri)")
                }
                notes.append("listening for the redirect on \(started.redirectURI)")
            } catch {
                await transport.shutdown()
                await demo?.stop()
                throw ValidationError("\(error.description) (or use --paste)")
            }
        }
        return FlowSession(
            configuration: configuration, transport: transport, demo: demo, listener: listener,
            paste: browserFlow && listener == nil, notes: notes)
    }

    /// The transport the options ask for: proxy from `--proxy`/`--no-proxy`/the environment, CAs
    /// from `--cacert`/`SSL_CERT_FILE`/`SSL_CERT_DIR`. A bad setting is a runtime failure (exit 1).
    static func makeTransport(flowOptions: FlowOptions, environment: [String: String]) throws -> LiveTransport {
        let proxy: ProxySettings
        do {
            proxy = try ProxySettings.resolve(
                flag: flowOptions.proxy, disabled: flowOptions.noProxy, environment: environment)
        } catch {
            throw RuntimeFailure("proxy: \(error.description)")
        }
        do {
            return try LiveTransport(
                verifiesCertificates: !flowOptions.insecure, proxy: proxy,
                trust: .resolve(cacerts: flowOptions.caCertificates, environment: environment))
        } catch {
            throw RuntimeFailure("cannot trust the CA certificates: \(error.description)")
        }
    }

    /// Endpoints on plain http to a host that is not loopback, where secrets would travel in clear.
    static func plainHTTPURLs(_ configuration: FlowConfiguration) -> [String] {
        let endpoints = configuration.endpoints
        let urls =
            [configuration.authBaseURL, endpoints.authorization, endpoints.token]
            + [endpoints.userInfo, endpoints.introspection, endpoints.revocation, endpoints.pushedAuthorization]
            .compactMap { $0 }
        var origins: [String] = []
        for url in urls {
            guard let parts = URLParts(url), parts.scheme == "http", !parts.isLoopback, !origins.contains(parts.origin)
            else { continue }
            origins.append(parts.origin)
        }
        return origins
    }

    /// A warning on standard error, before anything is sent.
    static func warn(_ text: String) {
        FileHandle.standardError.write(Data("authflow: warning: \(TerminalSafe.line(text))\n".utf8))
    }

    /// Reads an issuer's discovery document (OIDC Discovery §4) into endpoints.
    static func discover(issuer: String, transport: LiveTransport, timeout: Duration) async throws -> FlowEndpoints {
        let url = FlowEndpoints.discoveryURL(issuer: issuer)
        let response: HTTPResponse
        do {
            response = try await transport.send(
                HTTPRequest(method: "GET", url: url, headers: [HTTPHeader("Accept", "application/json")]),
                timeout: timeout)
        } catch {
            let cause = FlowFailure.transport(error).likelyCause.map { " (\($0))" } ?? ""
            throw RuntimeFailure("cannot read \(url): \(error)\(cause)")
        }
        guard response.status == 200, let json = response.jsonBody else {
            throw RuntimeFailure("cannot read \(url): \(response.statusLine)")
        }
        let endpoints: FlowEndpoints
        do {
            endpoints = try FlowEndpoints(discovery: json)
        } catch {
            throw RuntimeFailure("\(url): \(error)")
        }
        let trimmed = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        let found = endpoints.issuer.hasSuffix("/") ? String(endpoints.issuer.dropLast()) : endpoints.issuer
        guard trimmed == found else {
            throw RuntimeFailure("\(url): \(DiscoveryError.issuerMismatch(expected: issuer, got: endpoints.issuer))")
        }
        return endpoints
    }

    /// How the runner signs on in a browser: wait on the loopback listener, or read a pasted URL.
    ///
    /// The listener answers requests without the flow's `state` with 400 and keeps waiting; each
    /// one is reported on standard error as it comes.
    ///
    /// Outside a browser sign-on, the same closure takes a flow the Flow API handed to the browser
    /// (ASSERTION_REQUIRED): see ``handOff(_:redirectURI:expectedState:)``.
    func browserSignOn(expectedState: String) -> (@Sendable (String) async throws -> String)? {
        let listener = self.listener
        let paste = self.paste
        let redirectURI = configuration.redirectURI
        guard listener != nil || paste else {
            return { url in try await Self.handOff(url, redirectURI: redirectURI, expectedState: expectedState) }
        }
        listener?.onIgnored { ignored in
            FileHandle.standardError.write(
                Data(
                    "authflow: ignored a request to the loopback listener: \(TerminalSafe.line(ignored.description))\n"
                        .utf8))
        }
        return { url in
            fflush(nil)
            // The authorize URL is built on the server's discovered endpoint: shown only sanitised.
            let url = TerminalSafe.line(url)
            let message =
                paste
                ? "Open this URL in a browser and sign on; then paste the URL it was sent back to:\n  \(url)\n> "
                : "Open this URL in a browser and sign on (authflow waits for the redirect):\n  \(url)\n"
            FileHandle.standardError.write(Data(message.utf8))
            if let listener { return try await listener.callback(timeout: .seconds(300), expectedState: expectedState) }
            guard let line = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces), !line.isEmpty
            else {
                throw RuntimeFailure("no callback URL was pasted")
            }
            return line
        }
    }

    /// A flow handed to the browser mid-way (ASSERTION_REQUIRED: a FIDO2 assertion only a browser
    /// gives): shows the hosted sign-on page that continues it, then waits for the redirect back, on a
    /// loopback listener when the redirect URI names a port authflow can listen on (5 minutes at most),
    /// else for the URL pasted on standard input.
    static func handOff(_ url: String, redirectURI: String, expectedState: String) async throws -> String {
        fflush(nil)
        let page = TerminalSafe.line(url)
        let intro =
            "The sign-on needs a FIDO2 security key (ASSERTION_REQUIRED), which only a browser can give."
            + " Open this URL, which continues this flow, and use the key:\n  \(page)\n"
        let parts = URLComponents(string: redirectURI)
        if parts?.port != nil, URLParts(redirectURI)?.isLoopback == true, parts?.scheme == "http",
            let listener = try? await CallbackListener.start(redirectURI: redirectURI)
        {
            FileHandle.standardError.write(
                Data((intro + "authflow waits up to 5 minutes for the redirect to \(redirectURI)\n").utf8))
            defer { Task { await listener.stop() } }
            return try await listener.callback(timeout: .seconds(300), expectedState: expectedState)
        }
        FileHandle.standardError.write(
            Data((intro + "then paste the URL the browser was sent back to (\(redirectURI)…):\n> ").utf8))
        guard let line = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces), !line.isEmpty else {
            throw RuntimeFailure("no callback URL was pasted")
        }
        return line
    }

    func stop() async {
        await listener?.stop()
        await transport.shutdown()
        await demo?.stop()
    }
}
