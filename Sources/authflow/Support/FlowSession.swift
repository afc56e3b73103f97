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
        let transport = LiveTransport(verifiesCertificates: !flowOptions.insecure)
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
        configuration.publicSuffixes = PublicSuffixListFile.load()
        for foreign in configuration.foreignEndpoints {
            notes.append(
                "! \(foreign.field) is on another origin, \(foreign.origin): no credential goes there (--allow-origin)")
        }
        if flowOptions.insecure { notes.append("!! TLS certificate verification is OFF (--insecure)") }
        var listener: CallbackListener?
        let browserFlow = AuthorizationCodeFlow(configuration: configuration, randomness: .fixed()).signsOnInBrowser
        if browserFlow, !flowOptions.paste {
            do {
                let started = try await CallbackListener.start(redirectURI: configuration.redirectURI)
                listener = started
                if URLComponents(string: configuration.redirectURI)?.port == nil {
                    // Loopback redirect URIs may use any port (RFC 8252 §7.3): use the one listened on.
                    configuration.redirectURI = started.redirectURI
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

    /// Reads an issuer's discovery document (OIDC Discovery §4) into endpoints.
    static func discover(issuer: String, transport: LiveTransport, timeout: Duration) async throws -> FlowEndpoints {
        let url = FlowEndpoints.discoveryURL(issuer: issuer)
        let response: HTTPResponse
        do {
            response = try await transport.send(
                HTTPRequest(method: "GET", url: url, headers: [HTTPHeader("Accept", "application/json")]),
                timeout: timeout)
        } catch {
            throw ValidationError("Cannot read \(url): \(error)")
        }
        guard response.status == 200, let json = response.jsonBody else {
            throw ValidationError("Cannot read \(url): \(response.statusLine)")
        }
        let endpoints: FlowEndpoints
        do {
            endpoints = try FlowEndpoints(discovery: json)
        } catch {
            throw ValidationError("\(url): \(error)")
        }
        let trimmed = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        let found = endpoints.issuer.hasSuffix("/") ? String(endpoints.issuer.dropLast()) : endpoints.issuer
        guard trimmed == found else {
            throw ValidationError("\(url): \(DiscoveryError.issuerMismatch(expected: issuer, got: endpoints.issuer))")
        }
        return endpoints
    }

    /// How the runner signs on in a browser: wait on the loopback listener, or read a pasted URL.
    func browserSignOn() -> (@Sendable (String) async throws -> String)? {
        let listener = self.listener
        let paste = self.paste
        guard listener != nil || paste else { return nil }
        return { url in
            let message =
                paste
                ? "Open this URL in a browser and sign on; then paste the URL it was sent back to:\n  \(url)\n> "
                : "Open this URL in a browser and sign on (authflow waits for the redirect):\n  \(url)\n"
            FileHandle.standardError.write(Data(message.utf8))
            if let listener { return try await listener.callback(timeout: .seconds(300)) }
            guard let line = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces), !line.isEmpty
            else {
                throw ValidationError("no callback URL was pasted")
            }
            return line
        }
    }

    func stop() async {
        await listener?.stop()
        await transport.shutdown()
        await demo?.stop()
    }
}
