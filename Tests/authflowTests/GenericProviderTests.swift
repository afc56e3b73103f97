import FlowEngine
import Foundation
import Testing

/// The generic OpenID Connect path against oidc-provider-mock (PyPI), a provider no one here wrote.
///
/// `scripts/test.sh` installs it into `.venv-oidc`. The test plays the browser: it reads the
/// authorize URL authflow prints, submits the provider's sign-in form (its `sub` field), and
/// follows the redirect to authflow's loopback listener.
@Suite(
    .serialized,
    .enabled(
        if: OIDCProviderMock.installed || ProcessInfo.processInfo.environment["CI"] != nil,
        "oidc-provider-mock is not installed: run scripts/test.sh"))
struct GenericProviderTests {
    static let provider = OIDCProviderMock.executable
    static var providerInstalled: Bool { OIDCProviderMock.installed }

    /// Starts the provider on a free loopback port and waits until its discovery document answers.
    /// With `refreshWithoutIDToken`, the mock runs with refresh responses stripped of their ID token.
    func startProvider(refreshWithoutIDToken: Bool = false) async throws -> (BackgroundProcess, String) {
        #expect(
            Self.providerInstalled,
            "oidc-provider-mock missing at \(Self.provider.path): run scripts/oidc-provider-setup.sh")
        let port = try FreePort.pick()
        let server =
            refreshWithoutIDToken
            ? try BackgroundProcess(
                OIDCProviderMock.python, [OIDCProviderMock.refreshWithoutIDToken.path, "127.0.0.1", String(port)])
            : try BackgroundProcess(Self.provider, ["--host", "127.0.0.1", "--port", String(port)])
        let issuer = "http://127.0.0.1:\(port)"
        let transport = LiveTransport()
        defer { Task { await transport.shutdown() } }
        // A deadline, not a count of tries: under the whole binary suite's load Python's start alone can
        // take tens of seconds on two cores. A provider that exited stops the wait at once.
        let deadline = ContinuousClock.now + .seconds(90)
        while ContinuousClock.now < deadline, server.process.isRunning {
            if let response = try? await transport.send(
                HTTPRequest(method: "GET", url: FlowEndpoints.discoveryURL(issuer: issuer)), timeout: .seconds(2)),
                response.status == 200
            {
                return (server, issuer)
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        server.stop()
        throw ProviderError.didNotStart(
            "exit \(server.process.isRunning ? "none" : String(server.process.terminationStatus)): \(server.standardError)"
        )
    }

    enum ProviderError: Error {
        case didNotStart(String)
        case noAuthorizeURL(String)
        case noRedirect(Int)
    }

    /// Does what a browser and a person would: submit the sign-in form and follow the redirect.
    func signOnAsBrowser(authorizeURL: String, subject: String) async throws {
        let transport = LiveTransport()
        defer { Task { await transport.shutdown() } }
        let form = try await transport.send(HTTPRequest(method: "GET", url: authorizeURL), timeout: .seconds(10))
        #expect(form.status == 200)
        #expect(String(decoding: form.body, as: UTF8.self).contains("name=\"sub\""))
        let submitted = try await transport.send(
            HTTPRequest(
                method: "POST", url: authorizeURL,
                headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded")],
                body: Array("sub=\(subject)".utf8)), timeout: .seconds(10))
        guard submitted.status == 302, let location = submitted.header("Location") else {
            throw ProviderError.noRedirect(submitted.status)
        }
        let landing = try await transport.send(HTTPRequest(method: "GET", url: location), timeout: .seconds(10))
        #expect(landing.status == 200)
    }

    @Test func runSignsOnThroughTheBrowserPathAndChecksTheTokens() async throws {
        let (server, issuer) = try await startProvider()
        defer { server.stop() }
        let run = try BackgroundProcess(
            AuthflowProcess.binary,
            [
                "run", "--issuer", issuer, "--client-id", "authflow-test", "--redirect-uri",
                "http://127.0.0.1/callback",
                "--scope", "openid profile email", "--then", "userinfo,refresh", "--json",
            ], environment: ["AUTHFLOW_CLIENT_SECRET": "test-secret"])
        defer { run.stop() }
        #expect(await run.waitFor("Open this URL in a browser", timeout: 30), "stderr: \(run.standardError)")
        guard
            let url = run.standardError.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.hasPrefix("\(issuer)/") })
        else {
            throw ProviderError.noAuthorizeURL(run.standardError)
        }
        try await signOnAsBrowser(authorizeURL: url, subject: "alice")
        #expect(await run.waitForExit(timeout: 30) == 0, "stderr: \(run.standardError)")

        let json = try JSONValue.parse(run.standardOutput)
        #expect(json["outcome"]?.stringValue == "completed")
        let steps = json["steps"]?.elements ?? []
        #expect(
            steps.compactMap { $0["step"]?.stringValue } == [
                "authorize", "signOn", "token", "inspect", "userInfo", "refresh",
            ])
        let callback = steps[1]["decoded"]
        // The caught callback URL keeps the port the listener was reached on.
        let caught = steps[1]["request"]?["url"]?.stringValue ?? ""
        #expect(caught.hasPrefix("http://127.0.0.1:") && URLComponents(string: caught)?.port != nil, "\(caught)")
        #expect(callback?["code"]?.stringValue?.isEmpty == false)
        #expect(callback?["state"]?["matches"] == .bool(true))
        let inspection = steps[3]["decoded"]?["inspections"]?.elements?.first {
            $0["name"]?.stringValue == "id_token"
        }?["inspection"]
        let checks = inspection?["checks"]?.elements ?? []
        func outcome(_ name: String) -> String? {
            checks.first { $0["name"]?.stringValue == name }?["outcome"]?.stringValue
        }
        #expect(outcome("signature") == "pass")
        #expect(outcome("nonce") == "pass")
        #expect(outcome("at_hash") == "pass")
        #expect(outcome("iss") == "pass")
        #expect(steps[4]["decoded"]?["claims"]?["sub"]?.stringValue == "alice")
        #expect(steps[5]["response"]?["status"] == .integer(200))
        #expect(steps[5]["decoded"]?["note"]?.stringValue?.contains("refresh token") == true)
    }

    /// oidc-provider-mock answers a refresh without an ID token (OIDC Core §12.2 allows it): the one
    /// from the code exchange must still go to sign-off as id_token_hint, and the provider's end-session
    /// page (a form to confirm) must not be reported as a finished sign-off.
    @Test func aRefreshWithoutAnIDTokenKeepsTheHintForSignOff() async throws {
        let (server, issuer) = try await startProvider(refreshWithoutIDToken: true)
        defer { server.stop() }
        let run = try BackgroundProcess(
            AuthflowProcess.binary,
            [
                "run", "--issuer", issuer, "--client-id", "authflow-signoff", "--redirect-uri",
                "http://127.0.0.1/callback", "--scope", "openid profile", "--then", "refresh,signoff", "--json",
            ], environment: ["AUTHFLOW_CLIENT_SECRET": "test-secret"])
        defer { run.stop() }
        #expect(await run.waitFor("Open this URL in a browser", timeout: 30), "stderr: \(run.standardError)")
        guard
            let url = run.standardError.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.hasPrefix("\(issuer)/") })
        else {
            throw ProviderError.noAuthorizeURL(run.standardError)
        }
        try await signOnAsBrowser(authorizeURL: url, subject: "carol")
        #expect(await run.waitForExit(timeout: 30) == 0, "stderr: \(run.standardError)")

        let json = try JSONValue.parse(run.standardOutput)
        #expect(json["outcome"]?.stringValue == "completed")
        let steps = json["steps"]?.elements ?? []
        #expect(steps.compactMap { $0["step"]?.stringValue }.suffix(2) == ["refresh", "signOff"])
        let refresh = try #require(steps.first { $0["step"]?.stringValue == "refresh" })
        let refreshBody = refresh["response"]?["body"]?.compactText ?? ""
        #expect(refreshBody.contains("access_token"))
        #expect(!refreshBody.contains("id_token"), "the provider now sends an ID token on refresh: \(refreshBody)")
        let signOff = try #require(steps.first { $0["step"]?.stringValue == "signOff" })
        let sent = signOff["request"]?["url"]?.stringValue ?? ""
        // The hint was sent, redacted as --json redacts a JWT: header and payload, no signature.
        let hint = sent.components(separatedBy: "id_token_hint=").last?.prefix { $0 != "&" } ?? ""
        let hintParts = hint.split(separator: ".", omittingEmptySubsequences: false)
        #expect(hintParts.count == 3 && hintParts[0].hasPrefix("eyJ"), "sign-off sent: \(sent)")
        #expect(hintParts.last.map(String.init) == Redactor.mask, "sign-off sent: \(sent)")
        // The provider's page says so when the hint is empty.
        let page = signOff["response"]?["body"]?.compactText ?? ""
        #expect(page.contains("End Session"))
        #expect(!page.contains("id_token_hint</code> not set"))
        #expect(signOff["decoded"]?["result_kind"]?.stringValue == "signed_off.needs_confirmation")
    }

    @Test func aRedirectURIWithoutAPortIsNamedBeforeWaiting() async throws {
        let (server, issuer) = try await startProvider()
        defer { server.stop() }
        let run = try BackgroundProcess(
            AuthflowProcess.binary,
            [
                "run", "--issuer", issuer, "--client-id", "authflow-port", "--redirect-uri",
                "http://127.0.0.1/callback", "--auth-method", "NONE",
            ])
        defer { run.stop() }
        #expect(await run.waitFor("Open this URL in a browser", timeout: 30), "stderr: \(run.standardError)")
        #expect(run.standardOutput.contains("! the redirect URI has no port: authorize sends http://127.0.0.1:"))
        #expect(run.standardOutput.contains("compares redirect URIs exactly"))
    }

    @Test func fragmentWithTheLoopbackListenerIsRefusedUpFront() async throws {
        let (server, issuer) = try await startProvider()
        defer { server.stop() }
        let result = try await AuthflowProcess.run(
            [
                "run", "--issuer", issuer, "--client-id", "authflow-fragment", "--redirect-uri",
                "http://127.0.0.1/callback", "--response-mode", "fragment", "--auth-method", "NONE",
            ])
        #expect(result.status == 64, "stderr: \(result.standardError)")
        #expect(result.standardError.contains("--response-mode fragment cannot reach the loopback listener"))
        #expect(result.standardError.contains("--paste"))
        #expect(!result.standardError.contains("Open this URL in a browser"))
    }

    @Test func aPastedCallbackWorksToo() async throws {
        let (server, issuer) = try await startProvider()
        defer { server.stop() }
        // The provider redirects to a URI nothing listens on; the person pastes the URL instead.
        let redirect = "https://app.example.com/callback"
        let run = try BackgroundProcess(
            AuthflowProcess.binary,
            [
                "run", "--issuer", issuer, "--client-id", "authflow-paste", "--redirect-uri", redirect,
                "--auth-method", "NONE", "--paste", "--json",
            ])
        defer { run.stop() }
        // Read the authorize URL from the prompt, act as the browser, and paste where it landed.
        #expect(await run.waitFor("> ", timeout: 30), "stderr: \(run.standardError)")
        guard
            let url = run.standardError.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.hasPrefix(issuer) })
        else {
            throw ProviderError.noAuthorizeURL(run.standardError)
        }
        let transport = LiveTransport()
        let submitted = try await transport.send(
            HTTPRequest(
                method: "POST", url: url, headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded")],
                body: Array("sub=bob".utf8)), timeout: .seconds(10))
        await transport.shutdown()
        let location = try #require(submitted.header("Location"))
        #expect(location.hasPrefix(redirect))
        run.type(location)
        #expect(await run.waitForExit(timeout: 30) == 0, "stderr: \(run.standardError)")
        let result = run.standardOutput
        let json = try JSONValue.parse(result)
        #expect(json["outcome"]?.stringValue == "completed")
    }
}

/// Where scripts/oidc-provider-setup.sh installs the provider.
enum OIDCProviderMock {
    static let executable = AuthflowProcess.packageRoot.appendingPathComponent(".venv-oidc/bin/oidc-provider-mock")
    static var installed: Bool { FileManager.default.isExecutableFile(atPath: executable.path) }
    static let python = AuthflowProcess.packageRoot.appendingPathComponent(".venv-oidc/bin/python")
    /// The mock with refresh responses that omit the ID token (OIDC Core §12.2).
    static let refreshWithoutIDToken = AuthflowProcess.packageRoot.appendingPathComponent(
        "Tests/authflowTests/Fixtures/oidc-provider-refresh-without-id-token.py")
}

/// A free loopback TCP port.
enum FreePort {
    static func pick() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
