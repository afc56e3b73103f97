import FlowEngine
import Foundation
import TestSupport
import Testing

/// Bad servers, proxies and private CAs, against the real binary and the live transport.
/// Each test asserts both that nothing hung (the process exited by itself, the call returned)
/// and what the user is told.
@Suite struct NetworkTrustTests {
    static let environmentID = "4b1e3c2a-0d5f-4a7e-9c61-2f8b7d9e0a13"

    /// The flags of a flow against `authPath` that needs no secret up to the sign-on step.
    static func flow(_ authPath: String) -> [String] {
        [
            "run", "--auth-path", authPath, "--env", environmentID, "--client-id", "app",
            "--redirect-uri", "https://app.example.com/cb", "--auth-method", "NONE",
        ]
    }

    // MARK: Deadlines

    @Test(arguments: [HostileServer.Behaviour.stallAfterHeaders, .drip])
    func aBodyThatStallsOrDripsEndsAtTheDeadlineWithWhatCame(_ behaviour: HostileServer.Behaviour) async throws {
        let server = try await HostileServer.start(behaviour)
        let transport = LiveTransport()
        let outcome = await bounded(seconds: 30) { () -> Result<HTTPResponse, TransportError> in
            do throws(TransportError) {
                return .success(
                    try await transport.send(
                        HTTPRequest(method: "GET", url: server.baseURL + "/x"), timeout: .seconds(4)))
            } catch {
                return .failure(error)
            }
        }
        await transport.shutdown()
        await server.shutdown()
        let result = try #require(outcome, "the request hung past the deadline")
        guard case .failure(.incompleteBody(let after, let partial)) = result else {
            Issue.record("expected an incomplete body, got \(result)")
            return
        }
        #expect(after == .seconds(4))
        #expect(partial.status == 200)
        #expect(partial.header("Correlation-Id") == HostileServer.correlationID)
        #expect(String(decoding: partial.body, as: UTF8.self).hasPrefix("{\"partial\":"))
        if behaviour == .drip { #expect(partial.body.count > "{\"partial\":".count) }
        let text = TransportError.incompleteBody(after: after, received: partial).description
        #expect(text.contains("not complete within 4 s") && text.contains("stalled"))
    }

    @Test func runShowsTheStalledStepTheCauseAndTheCorrelationID() async throws {
        let server = try await HostileServer.start(.stallAfterHeaders)
        let result = try await AuthflowProcess.run(Self.flow(server.baseURL) + ["--timeout", "4"], timeout: 60)
        await server.shutdown()
        #expect(result.status == 1, "stderr: \(result.standardError)")
        let last = result.standardError.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("authflow: step 1 Authorize failed: the body was not complete within 4 s"), "\(last)")
        #expect(last.contains("--timeout bounds the whole exchange"))
        #expect(last.hasSuffix("[Correlation-Id \(HostileServer.correlationID)]"))
        // The partial response is in the transcript, with what went wrong.
        let out = result.standardOutput
        #expect(out.contains("── 1 Authorize"))
        #expect(out.contains("< HTTP/1.1 200 OK"))
        #expect(out.contains("< Correlation-Id: \(HostileServer.correlationID)"))
        #expect(out.contains("× incomplete response: the body was not complete within 4 s"))
        #expect(!result.standardError.contains("Usage:"))
    }

    @Test func jsonRecordsThePartialResponseAndTheConnection() async throws {
        let server = try await HostileServer.start(.drip)
        let result = try await AuthflowProcess.run(
            Self.flow(server.baseURL) + ["--timeout", "4", "--json"], timeout: 60)
        await server.shutdown()
        #expect(result.status == 1)
        let json = try JSONValue.parse(result.standardOutput)
        let step = try #require(json["steps"]?.elements?.first)
        #expect(step["response"]?["status"] == .integer(200))
        #expect(step["transport_error"]?.stringValue?.contains("not complete within 4 s") == true)
        #expect(json["connection"]?["insecure"] == .bool(false))
        #expect(json["connection"]?["proxy"] == .null)
    }

    @Test func runPrintsEachStepAsItCompletes() async throws {
        // Steps 1 to 3 are on standard output while the token request still hangs.
        let process = try BackgroundProcess(
            AuthflowProcess.binary, ["run", "--demo", "--fault", "hangToken", "--timeout", "120"])
        process.closeInput()
        let shown = await process.waitFor("state           ✓ matches the one sent", inErrors: false, timeout: 90)
        let running = process.process.isRunning
        kill(process.process.processIdentifier, SIGKILL)
        _ = await process.waitForExit(timeout: 10)
        #expect(shown, "steps so far: \(process.standardOutput)")
        #expect(running, "still waiting on the token endpoint")
        #expect(process.standardOutput.contains("── 3 Resume"))
        #expect(!process.standardOutput.contains("── 4 Token"))
    }

    // MARK: Proxies

    @Test func aProxyFromTheEnvironmentSeesTheTrafficAndNoProxyBypassesIt() async throws {
        let proxy = try await ExternalServer.tinyproxy()
        let proxyURL = "http://127.0.0.1:\(proxy.port)"
        let through = try await AuthflowProcess.run(["run", "--demo"], environment: ["HTTP_PROXY": proxyURL])
        let log = proxy.process.standardOutput
        #expect(through.status == 0, "stderr: \(through.standardError)")
        let simulatorPort = try #require(Self.simulatorPort(in: through.standardOutput))
        #expect(log.contains("CONNECT 127.0.0.1:\(simulatorPort)"), "tinyproxy saw: \(log)")
        #expect(through.standardOutput.contains("proxy http://127.0.0.1:\(proxy.port) (http only) [HTTP_PROXY]"))

        let bypassed = try await AuthflowProcess.run(
            ["run", "--demo"], environment: ["http_proxy": proxyURL, "NO_PROXY": "localhost,127.0.0.1"])
        #expect(bypassed.status == 0, "stderr: \(bypassed.standardError)")
        let bypassedPort = try #require(Self.simulatorPort(in: bypassed.standardOutput))
        #expect(!proxy.process.standardOutput.contains(":\(bypassedPort)"), "NO_PROXY was not honoured")
        await proxy.stop()
    }

    @Test func theProxyFlagWinsAndNoProxyTurnsItOff() async throws {
        let proxy = try await ExternalServer.tinyproxy()
        let flagged = try await AuthflowProcess.run(
            ["run", "--demo", "--json", "--proxy", "127.0.0.1:\(proxy.port)"],
            environment: ["HTTPS_PROXY": "http://127.0.0.1:9", "ALL_PROXY": "http://127.0.0.1:9"])
        #expect(flagged.status == 0, "stderr: \(flagged.standardError)")
        let json = try JSONValue.parse(flagged.standardOutput)
        #expect(json["connection"]?["proxy"]?.stringValue?.hasPrefix("http://127.0.0.1:\(proxy.port)") == true)
        #expect(proxy.process.standardOutput.contains("CONNECT 127.0.0.1:"))

        let direct = try await AuthflowProcess.run(
            ["run", "--demo", "--no-proxy"], environment: ["ALL_PROXY": "http://127.0.0.1:9"])
        #expect(direct.status == 0, "stderr: \(direct.standardError)")
        await proxy.stop()
    }

    @Test func aProxyThatIsNotThereIsARuntimeFailureThatNamesIt() async throws {
        let port = SilentServer.refusingPort
        let result = try await AuthflowProcess.run(
            ["run", "--demo"], environment: ["ALL_PROXY": "http://127.0.0.1:\(port)"])
        #expect(result.status == 1)
        let last = result.standardError.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains("step 1 Authorize failed"), "\(result.standardError)")
        #expect(
            last.contains("proxy: cannot connect to the proxy http://127.0.0.1:\(port) (connection refused)"), "\(last)"
        )
        #expect(last.contains("HTTPS_PROXY/HTTP_PROXY/ALL_PROXY"))
    }

    // MARK: Certificates

    @Test func aSelfSignedServerFailsFastWithTheWayToTrustItsCA() async throws {
        let (server, _) = try await ExternalServer.selfSignedTLSServer()
        let result = try await AuthflowProcess.run(
            Self.flow("https://127.0.0.1:\(server.port)") + ["--timeout", "30"], timeout: 60)
        await server.stop()
        #expect(result.status == 1, "stderr: \(result.standardError)")
        let last = result.standardError.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains("step 1 Authorize failed: TLS failed"), "\(last)")
        #expect(last.contains("does not chain to a trusted CA"))
        #expect(last.contains("--cacert"))
        #expect(!result.standardError.contains("Usage:"))
        // Failed at once, not retried until the timeout: the step's elapsed time is in the transcript.
        let elapsed = result.standardOutput.split(separator: "\n").first { $0.contains("× no response") }
        #expect(elapsed != nil, "\(result.standardOutput)")
    }

    @Test func cacertTrustsTheServerAndSSLCertFileDoesToo() async throws {
        let (server, certificate) = try await ExternalServer.selfSignedTLSServer()
        let base = "https://127.0.0.1:\(server.port)"
        let trusted = try await AuthflowProcess.run(Self.flow(base) + ["--cacert", certificate.path], timeout: 60)
        let fromEnvironment = try await AuthflowProcess.run(
            Self.flow(base), environment: ["SSL_CERT_FILE": certificate.path], timeout: 60)
        await server.stop()
        for result in [trusted, fromEnvironment] {
            // openssl s_server answered: the TLS handshake verified; the flow then fails on its HTML page.
            #expect(
                result.standardOutput.lowercased().contains("< http/1.0 200 ok"),
                "\(result.standardOutput)\n\(result.standardError)"
            )
            #expect(!result.standardError.contains("TLS failed"))
        }
        #expect(trusted.standardOutput.contains("CA bundle \(certificate.path) (added to the trusted CAs)"))
        #expect(
            fromEnvironment.standardOutput.contains(
                "CAs from SSL_CERT_FILE=\(certificate.path) (added to the trusted CAs)"))
    }

    @Test func aDiscoveryCertificateFailureExitsOneWithoutUsage() async throws {
        let (server, _) = try await ExternalServer.selfSignedTLSServer()
        let result = try await AuthflowProcess.run(
            [
                "run", "--issuer", "https://127.0.0.1:\(server.port)", "--client-id", "app",
                "--redirect-uri", "http://127.0.0.1/cb", "--auth-method", "NONE",
            ], timeout: 60)
        await server.stop()
        #expect(result.status == 1, "stderr: \(result.standardError)")
        #expect(result.standardError.contains("TLS failed"))
        #expect(result.standardError.contains("--cacert"))
        #expect(!result.standardError.contains("Usage:"))
    }

    @Test func aCACertFileThatIsNotPEMIsACleanError() async throws {
        let directory = try ExternalServer.temporaryDirectory()
        let file = directory.appendingPathComponent("not.pem")
        try "hello".write(to: file, atomically: true, encoding: .utf8)
        let result = try await AuthflowProcess.run(["run", "--demo", "--cacert", file.path])
        try? FileManager.default.removeItem(at: directory)
        #expect(result.status == 1)
        #expect(result.standardError.contains("--cacert \(file.path): "))
        #expect(!result.standardError.contains("Usage:"))
    }

    // MARK: Warnings

    @Test func insecureIsWarnedAtStartAndRecorded() async throws {
        let result = try await AuthflowProcess.run(["run", "--demo", "--json", "--insecure"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardError.hasPrefix("authflow: warning: TLS certificate verification is OFF (--insecure)"))
        let json = try JSONValue.parse(result.standardOutput)
        #expect(json["connection"]?["insecure"] == .bool(true))
        #expect(json["connection"]?["tls_verification"] == .bool(false))
    }

    @Test func plainHTTPToARemoteHostIsWarnedBeforeAnythingIsSent() async throws {
        // Nothing listens on this address (TEST-NET-1, RFC 5737): the warning comes before any request.
        let result = try await AuthflowProcess.run(
            Self.flow("http://192.0.2.1:9") + ["--timeout", "1"], timeout: 60)
        #expect(result.status == 1)
        let lines = result.standardError.split(separator: "\n")
        #expect(lines.first?.hasPrefix("authflow: warning: http://192.0.2.1:9 is plain http") == true, "\(lines)")
        let loopback = try await AuthflowProcess.run(["run", "--demo"])
        #expect(!loopback.standardError.contains("plain http"))
    }

    static func simulatorPort(in transcript: String) -> Int? {
        guard let range = transcript.range(of: "simulator at http://127.0.0.1:") else { return nil }
        return Int(transcript[range.upperBound...].prefix { $0.isNumber })
    }
}

/// Runs `operation`, giving up (nil) after `seconds` without waiting for it: a hang fails the test instead of blocking it.
func bounded<Value: Sendable>(seconds: Int, _ operation: @escaping @Sendable () async -> Value) async -> Value? {
    let box = FirstOf<Value?>()
    return await withCheckedContinuation { continuation in
        box.set(continuation)
        Task { box.resume(await operation()) }
        Task {
            try? await Task.sleep(for: .seconds(seconds))
            box.resume(nil)
        }
    }
}

private final class FirstOf<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Value, Never>?

    func set(_ continuation: CheckedContinuation<Value, Never>) {
        lock.lock()
        self.continuation = continuation
        lock.unlock()
    }

    func resume(_ value: Value) {
        lock.lock()
        let waiting = continuation
        continuation = nil
        lock.unlock()
        waiting?.resume(returning: value)
    }
}
