import FlowEngine
import Foundation
import Testing

/// A provider's error on the redirect back, against oidc-provider-mock (its "deny" button answers
/// `error=access_denied`): shown at step 1 Authorize, explained on the listener's page, and `run`'s
/// last line offers a new authorize rather than a retry.
@Suite(
    .serialized,
    .enabled(
        if: OIDCProviderMock.installed || ProcessInfo.processInfo.environment["CI"] != nil,
        "oidc-provider-mock is not installed: run scripts/test.sh"))
struct GenericProviderErrorTests {
    /// Reads the authorize URL `run` printed on standard error.
    func authorizeURL(_ run: BackgroundProcess, issuer: String) throws -> String {
        guard
            let url = run.standardError.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.hasPrefix("\(issuer)/") })
        else {
            throw GenericProviderTests.ProviderError.noAuthorizeURL(run.standardError)
        }
        return url
    }

    /// Presses the provider's deny button; returns where it redirects.
    func deny(authorizeURL: String) async throws -> String {
        let transport = LiveTransport()
        defer { Task { await transport.shutdown() } }
        let submitted = try await transport.send(
            HTTPRequest(
                method: "POST", url: authorizeURL,
                headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded")],
                body: Array("action=deny".utf8)), timeout: .seconds(10))
        guard submitted.status == 302, let location = submitted.header("Location") else {
            throw GenericProviderTests.ProviderError.noRedirect(submitted.status)
        }
        return location
    }

    @Test func aDeniedSignOnThroughTheListenerFailsAuthorizeAndExplainsItInTheBrowser() async throws {
        let (server, issuer) = try await GenericProviderTests().startProvider()
        defer { server.stop() }
        let run = try BackgroundProcess(
            AuthflowProcess.binary,
            [
                "run", "--issuer", issuer, "--client-id", "authflow-deny", "--redirect-uri",
                "http://127.0.0.1/callback", "--auth-method", "NONE", "--json",
            ])
        defer { run.stop() }
        #expect(await run.waitFor("Open this URL in a browser", timeout: 30), "stderr: \(run.standardError)")
        let location = try await deny(authorizeURL: try authorizeURL(run, issuer: issuer))
        #expect(location.contains("error=access_denied"))
        // The browser lands on the listener, which explains the error.
        let transport = LiveTransport()
        let landing = try await transport.send(HTTPRequest(method: "GET", url: location), timeout: .seconds(10))
        await transport.shutdown()
        let page = String(decoding: landing.body, as: UTF8.self)
        #expect(page.contains("The provider refused the sign-on"))
        #expect(page.contains("<code>access_denied</code>"))
        #expect(page.contains("step 1 Authorize"))

        #expect(await run.waitForExit(timeout: 30) == 1, "stderr: \(run.standardError)")
        let last = run.standardError.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("authflow: step 1 Authorize failed: OAuth error access_denied"), "\(last)")
        #expect(
            last.hasSuffix(
                "Next: run again, for a new authorize request (the browser's redirect ended this authorization request)."
            ), "\(last)")
        #expect(!run.standardError.contains("step 2 Sign on failed"))
        let json = try JSONValue.parse(run.standardOutput)
        let steps = json["steps"]?.elements ?? []
        #expect(steps.compactMap { $0["step"]?.stringValue } == ["authorize", "authorize"])
        // The caught URL keeps the listener's port.
        let caught = steps.last?["request"]?["url"]?.stringValue ?? ""
        #expect(URLComponents(string: caught)?.port != nil, "caught: \(caught)")
        #expect(caught.hasPrefix("http://127.0.0.1:"))
    }

    @Test func aDeniedSignOnPastedFailsAuthorizeToo() async throws {
        let (server, issuer) = try await GenericProviderTests().startProvider()
        defer { server.stop() }
        let run = try BackgroundProcess(
            AuthflowProcess.binary,
            [
                "run", "--issuer", issuer, "--client-id", "authflow-deny-paste", "--redirect-uri",
                "https://app.example.com:8443/callback", "--auth-method", "NONE", "--paste",
            ])
        defer { run.stop() }
        #expect(await run.waitFor("> ", timeout: 30), "stderr: \(run.standardError)")
        let location = try await deny(authorizeURL: try authorizeURL(run, issuer: issuer))
        #expect(location.hasPrefix("https://app.example.com:8443/callback?"))
        run.type(location)
        #expect(await run.waitForExit(timeout: 30) == 1, "stderr: \(run.standardError)")
        let last = run.standardError.split(separator: "\n").last.map(String.init) ?? ""
        // The prompt's "> " stands before the line when the answer is not echoed.
        #expect(last.contains("authflow: step 1 Authorize failed: OAuth error access_denied"), "\(last)")
        // The transcript keeps the pasted URL with its port.
        #expect(run.standardOutput.contains("https://app.example.com:8443/callback?"), "\(run.standardOutput)")
    }
}
