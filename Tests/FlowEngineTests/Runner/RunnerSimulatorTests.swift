import FlowEngine
import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// The runner against the simulator over loopback: the whole flow, and each failure it can produce.
@Suite(.serialized) struct RunnerSimulatorTests {
    @Test(arguments: [(SimulatorHarness.App.web, AuthorizeMethod.get), (.web, .post), (.spa, .get), (.spa, .post)])
    func walksTheWholeFlow(app: SimulatorHarness.App, method: AuthorizeMethod) async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let (flow, outcome) = await harness.run(harness.configuration(app) { $0.authorizeMethod = method })
        #expect(outcome == .completed)
        #expect(flow.record.map(\.step) == [.authorize, .signOn, .signOn, .resume, .token, .inspect])
        #expect(flow.keySet?["keys"]?.elements?.isEmpty == false)

        let authorize = flow.record[0]
        #expect(authorize.request.method == method.rawValue)
        #expect(authorize.response?.status == 302)
        #expect(authorize.decoded.flowID == flow.flowID)
        #expect(authorize.decoded.cookiesSet.map(\.name).contains("ST"))
        #expect(authorize.decoded.correlationID != nil)
        #expect(flow.record[1].decoded.flowStatus == "USERNAME_PASSWORD_REQUIRED")
        #expect(flow.record[1].decoded.cookiesSent == ["ST"])
        #expect(flow.record[2].decoded.flowStatus == "COMPLETED")
        #expect(flow.record[3].response?.status == 302)
        #expect(flow.record[3].decoded.state == StateCheck(sent: flow.state, received: flow.state))
        #expect(flow.record[3].decoded.code != nil)
        #expect(flow.record[4].response?.status == 200)
        // The token request is back-channel: no browser cookies.
        #expect(flow.record[4].request.header("Cookie") == nil)

        let idToken = try #require(flow.tokens?.decoded.first { $0.name == "id_token" }?.jwt)
        #expect(idToken.claims?["iss"]?.stringValue == harness.simulator.issuer)
        #expect(idToken.claims?["aud"]?.stringValue == harness.configuration(app).clientID)
        #expect(idToken.claims?["nonce"]?.stringValue == flow.nonce)
        #expect(idToken.claims?["sub"]?.stringValue == harness.simulator.configuration.users[0].id)
        #expect(idToken.claims?["exp"]?.int64Value != nil)
        let accessToken = try #require(flow.tokens?.decoded.first { $0.name == "access_token" }?.jwt)
        #expect(accessToken.claims?["aud"]?.elements != nil)
    }

    @Test func aWrongPasswordIsAPingOneErrorAtSignOn() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let (flow, outcome) = await harness.run(harness.configuration(.web) { $0.password = "not-the-password" })
        guard case .failed(.signOn, .pingOneError(let status, let error)) = outcome else {
            Issue.record("expected a PingOne error at sign-on, got \(outcome)")
            return
        }
        #expect(status == 400)
        #expect(error.details.first?.code == "INVALID_CREDENTIALS")
        #expect(flow.record.last?.decoded.pingOneError == error)
        #expect(flow.record.last?.failure?.likelyCause?.contains("Wrong username or password") == true)
    }

    @Test func resumeWithoutTheSTCookieFails() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let (flow, outcome) = await harness.run(harness.configuration(.web)) { flow in
            if flow.phase == .ready(.resume) { _ = flow.handle(.cookiesCleared) }
        }
        guard case .failed(.resume, .pingOneError(let status, _)) = outcome else {
            Issue.record("expected resume to fail, got \(outcome)")
            return
        }
        #expect(status == 400)
        #expect(flow.record.last?.request.header("Cookie") == nil)
        #expect(flow.record.last?.decoded.cookiesSent == [])
        #expect(flow.code == nil)
    }

    @Test func aCodeUsedTwiceIsInvalidGrant() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        var (flow, outcome) = await harness.run(harness.configuration(.web))
        #expect(outcome == .completed)
        #expect(flow.handle(.retryRequested) == .awaitSend(.token))
        _ = await harness.runner.advance(&flow)
        guard case .failed(.token, .oauthError(let error)) = flow.phase else {
            Issue.record("expected the second token request to fail, got \(flow.phase)")
            return
        }
        #expect(error.error == "invalid_grant")
        #expect(flow.record.last?.response?.status == 400)
        #expect(flow.record.last?.decoded.oauthError?.error == "invalid_grant")
    }

    @Test(arguments: ["code_verifier", "redirect_uri"])
    func aChangedTokenParameterIsInvalidGrant(parameter: String) async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let value = parameter == "code_verifier" ? String(repeating: "x", count: 43) : "http://127.0.0.1/other"
        let (flow, outcome) = await harness.run(harness.configuration(.spa)) { flow in
            if flow.phase == .ready(.token) { _ = flow.handle(.parameterEdited(name: parameter, value: value)) }
        }
        guard case .failed(.token, .oauthError(let error)) = outcome else {
            Issue.record("expected invalid_grant, got \(outcome)")
            return
        }
        #expect(error.error == "invalid_grant")
        #expect(
            FormURLEncoding.decode(String(decoding: flow.record.last?.request.body ?? [], as: UTF8.self)).value(
                parameter) == value)
    }

    @Test func aWrongClientSecretIsInvalidClient() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let (flow, outcome) = await harness.run(harness.configuration(.web) { $0.clientSecret = "wrong-secret" })
        guard case .failed(.token, .oauthError(let error)) = outcome else {
            Issue.record("expected invalid_client, got \(outcome)")
            return
        }
        #expect(error.error == "invalid_client")
        #expect(flow.record.last?.response?.status == 401)
        #expect(FlowFailure.oauthError(error).likelyCause?.contains("Client authentication failed") == true)
    }

    @Test func aTamperedStateFailsTheResumeStep() async throws {
        let harness = try await SimulatorHarness.start(faults: [.stateTampered])
        defer { Task { await harness.stop() } }
        let (flow, outcome) = await harness.run(harness.configuration(.web))
        guard case .failed(.resume, .stateMismatch(let sent, let received)) = outcome else {
            Issue.record("expected a state mismatch, got \(outcome)")
            return
        }
        #expect(sent == flow.state)
        #expect(received != flow.state)
        #expect(flow.record.last?.decoded.state?.matches == false)
        #expect(flow.code == nil)
    }

    /// A successful usernamePassword.check issues a new `ST`; the jar replaces the old value, and resume sends the new one.
    @Test func theSessionCookieRenewedAtSignOnIsTheOneResumeSends() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let (flow, outcome) = await harness.run(harness.configuration(.web))
        #expect(outcome == .completed)
        let authorizeCookie = try #require(flow.record.first { $0.step == .authorize }?.decoded.cookiesSet.first)
        let signOnCookie = try #require(
            flow.record.last { $0.step == .signOn && !$0.decoded.cookiesSet.isEmpty }?.decoded.cookiesSet.first)
        #expect(authorizeCookie.name == "ST")
        #expect(signOnCookie.name == "ST")
        #expect(signOnCookie.value != authorizeCookie.value)
        let resume = try #require(flow.record.first { $0.step == .resume })
        #expect(resume.request.header("Cookie") == "ST=\(signOnCookie.value)")
    }

    @Test(arguments: [
        (SimulatorFault.requestLimited, 429, "REQUEST_LIMITED", "Retry-After"),
        (.unexpectedError, 500, "UNEXPECTED_ERROR", "Correlation-Id"),
    ])
    func aPingOneServerSideRefusalGetsItsCause(fault: SimulatorFault, status: Int, code: String, causeMentions: String)
        async throws
    {
        let harness = try await SimulatorHarness.start(faults: [fault])
        defer { Task { await harness.stop() } }
        let (flow, outcome) = await harness.run(harness.configuration(.web))
        guard case .failed(.signOn, .pingOneError(let got, let error)) = outcome else {
            Issue.record("expected a PingOne error at sign-on, got \(outcome)")
            return
        }
        #expect(got == status)
        #expect(error.code == code)
        #expect(flow.record.last?.failure?.likelyCause?.contains(causeMentions) == true)
    }

    /// PingOne cannot redirect an authorize error for an unregistered redirect URI to the client: it goes to the
    /// sign-on page with `?error=`. The engine says "redirect URI mismatch" with the URI it sent.
    @Test func anUnregisteredRedirectURIIsNamedAtAuthorize() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let unregistered = "https://app.example.com/not-registered"
        let (flow, outcome) = await harness.run(harness.configuration(.web) { $0.redirectURI = unregistered })
        guard case .failed(.authorize, let failure) = outcome,
            case .authorizeRefused(let sent, let error, _) = failure
        else {
            Issue.record("expected authorize to be refused, got \(outcome)")
            return
        }
        #expect(sent == unregistered)
        #expect(error?.details.first?.target == "redirect_uri")
        #expect(
            failure.description.hasPrefix("redirect URI mismatch: PingOne refused the redirect_uri \(unregistered)"))
        #expect(failure.likelyCause?.contains("Redirect URIs") == true)
        #expect(flow.record.last?.decoded.pingOneError == error)
        #expect(flow.flowID == nil)
    }

    /// With a custom domain there is no environment ID in any URL; the issuer is `{domain}/as`.
    @Test func aCustomDomainFlowCompletesWithoutAnEnvironmentID() async throws {
        let harness = try await SimulatorHarness.start { $0.customDomain = true }
        defer { Task { await harness.stop() } }
        let configuration = harness.configuration(.web)
        #expect(configuration.environmentID == nil)
        let (flow, outcome) = await harness.run(configuration)
        #expect(outcome == .completed)
        let environmentID = harness.simulator.configuration.environmentID
        #expect(flow.record.allSatisfy { !$0.request.url.contains(environmentID) })
        #expect(
            flow.record.first?.request.url.hasPrefix("\(harness.simulator.baseURL.absoluteString)/as/authorize") == true
        )
        #expect(flow.tokens?.idToken != nil)
    }

    @Test func anUnknownFlowIsNotFound() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let (flow, outcome) = await harness.run(harness.configuration(.web)) { flow in
            if flow.phase == .ready(.signOn), flow.signOnAction == .readFlow {
                _ = flow.handle(.parameterEdited(name: "flowId", value: "00000000-0000-0000-0000-000000000000"))
            }
        }
        guard case .failed(.signOn, .pingOneError(let status, let error)) = outcome else {
            Issue.record("expected NOT_FOUND, got \(outcome)")
            return
        }
        #expect(status == 404)
        #expect(error.code == "NOT_FOUND")
        #expect(flow.record.last?.request.url.hasSuffix("/flows/00000000-0000-0000-0000-000000000000") == true)
    }

    @Test func connectionRefusedIsATransportFailure() async throws {
        let port = SilentServer.refusingPort
        let transport = LiveTransport()
        defer { Task { await transport.shutdown() } }
        var flow = AuthorizationCodeFlow(
            configuration: FlowConfiguration(
                authBaseURL: "http://127.0.0.1:\(port)", environmentID: "env", clientID: "c",
                redirectURI: "http://127.0.0.1/cb",
                requestTimeout: .seconds(5)), randomness: .system)
        let outcome = await FlowRunner(transport: transport).run(&flow)
        #expect(outcome == .failed(.authorize, .transport(.connectionRefused(host: "127.0.0.1", port: port))))
        #expect(flow.record.first?.transportError == .connectionRefused(host: "127.0.0.1", port: port))
        #expect(flow.record.first?.response == nil)
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try SilentServer()
        let transport = LiveTransport()
        defer {
            server.stop()
            Task { await transport.shutdown() }
        }
        var flow = AuthorizationCodeFlow(
            configuration: FlowConfiguration(
                authBaseURL: "http://127.0.0.1:\(server.port)", environmentID: "env", clientID: "c",
                redirectURI: "http://127.0.0.1/cb",
                requestTimeout: .seconds(1)), randomness: .system)
        let started = ContinuousClock.now
        let outcome = await FlowRunner(transport: transport).run(&flow)
        #expect(outcome == .failed(.authorize, .transport(.timedOut(after: .seconds(1)))))
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(flow.record.first?.failure?.likelyCause?.contains("did not answer in time") == true)
    }
}
