import Crypto
import FlowEngine
import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// Every client authentication method, response mode, PKCE setting, PAR, request objects and
/// follow-up step, through authflow's engine against the simulator, with their failure cases.
@Suite(.serialized) struct RunnerVariantTests {
    /// Starts a simulator whose web app uses `method` (and, for keys, knows `publicJWKS`).
    func harness(method: String, publicJWKS: String? = nil, faults: Set<SimulatorFault> = []) async throws
        -> SimulatorHarness
    {
        try await SimulatorHarness.start(faults: faults) { configuration in
            configuration.applications[0].tokenEndpointAuthMethod = method
            configuration.applications[0].jwks = publicJWKS
        }
    }

    static func jwks(_ key: P256.Signing.PrivateKey, kid: String) -> String {
        let raw = Array(key.publicKey.rawRepresentation)
        return
            #"{"keys":[{"kty":"EC","crv":"P-256","kid":"\#(kid)","use":"sig","alg":"ES256","x":"\#(Base64URL.encode(raw.prefix(32)))","y":"\#(Base64URL.encode(raw.suffix(32)))"}]}"#
    }

    @Test(arguments: [ClientAuthenticationMethod.clientSecretPost, .clientSecretJWT])
    func secretMethodsObtainTokensAndAWrongSecretIsInvalidClient(method: ClientAuthenticationMethod) async throws {
        let harness = try await harness(method: method.rawValue)
        defer { Task { await harness.stop() } }
        let (flow, outcome) = await harness.run(harness.configuration(.web) { $0.clientAuthentication = method })
        #expect(outcome == .completed)
        let body = FormURLEncoding.decode(
            String(decoding: flow.record.first { $0.step == .token }?.request.body ?? [], as: UTF8.self))
        if method == .clientSecretJWT {
            #expect(body.value("client_assertion_type") == ClientAssertion.type)
            #expect(body.value("client_secret") == nil)
        } else {
            #expect(body.value("client_secret") != nil)
        }
        let (_, wrong) = await harness.run(
            harness.configuration(.web) {
                $0.clientAuthentication = method
                $0.clientSecret = "not-the-secret"
            })
        guard case .failed(.token, .oauthError(let error)) = wrong else {
            Issue.record("expected invalid_client, got \(wrong)")
            return
        }
        #expect(error.error == "invalid_client")
    }

    @Test func privateKeyJWTSignsWithTheClientKeyAndAnotherKeyIsRefused() async throws {
        let key = P256.Signing.PrivateKey()
        let harness = try await harness(method: "PRIVATE_KEY_JWT", publicJWKS: Self.jwks(key, kid: "k1"))
        defer { Task { await harness.stop() } }
        let clientKey = try ClientKey(text: key.pemRepresentation, keyID: "k1")
        let (flow, outcome) = await harness.run(
            harness.configuration(.web) {
                $0.clientAuthentication = .privateKeyJWT
                $0.clientKey = clientKey
                $0.clientSecret = nil
            })
        #expect(outcome == .completed)
        let body = FormURLEncoding.decode(
            String(decoding: flow.record.first { $0.step == .token }?.request.body ?? [], as: UTF8.self))
        let assertion = try JSONWebToken.parse(try #require(body.value("client_assertion")))
        #expect(assertion.algorithm == "ES256")
        #expect(assertion.keyID == "k1")

        let other = try ClientKey(text: P256.Signing.PrivateKey().pemRepresentation, keyID: "k1")
        let (_, wrongKey) = await harness.run(
            harness.configuration(.web) {
                $0.clientAuthentication = .privateKeyJWT
                $0.clientKey = other
            })
        guard case .failed(.token, .oauthError(let error)) = wrongKey else {
            Issue.record("expected invalid_client, got \(wrongKey)")
            return
        }
        #expect(error.error == "invalid_client")
    }

    @Test func anExpiredAssertionIsRefused() async throws {
        let harness = try await harness(method: "CLIENT_SECRET_JWT")
        defer { Task { await harness.stop() } }
        var flow = AuthorizationCodeFlow(
            configuration: harness.configuration(.web) { $0.clientAuthentication = .clientSecretJWT },
            randomness: .system)
        // The runner's clock is two hours behind: the assertion it signs has already expired.
        let lagging = FlowRunner(transport: harness.transport, now: { Date().addingTimeInterval(-7200) })
        let outcome = await lagging.run(&flow)
        guard case .failed(.token, .oauthError(let error)) = outcome else {
            Issue.record("expected invalid_client, got \(outcome)")
            return
        }
        #expect(error.error == "invalid_client")
    }

    @Test(arguments: ["query", "fragment", "form_post", "pi.flow"])
    func everyResponseModeGetsTheCode(mode: String) async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let (flow, outcome) = await harness.run(harness.configuration(.web) { $0.responseMode = mode })
        #expect(outcome == .completed)
        #expect(flow.code != nil)
        switch mode {
        case "form_post":
            #expect(flow.record.first { $0.step == .resume }?.decoded.formFields.value("code") == flow.code)
        case "fragment": #expect(flow.record.first { $0.step == .resume }?.decoded.location?.contains("#code=") == true)
        case "pi.flow":
            // No redirect: the resume endpoint answers JSON with authorizeResponse (reference §3.2).
            #expect(flow.record.map(\.step) == [.authorize, .signOn, .resume, .token, .inspect])
            #expect(flow.record.first { $0.step == .resume }?.decoded.code == flow.code)
            #expect(flow.record.first { $0.step == .resume }?.decoded.location == nil)
        default: #expect(flow.record.first { $0.step == .resume }?.decoded.location?.contains("?code=") == true)
        }
    }

    @Test(arguments: [PKCE.Method?.some(.plain), .none])
    func plainOrNoPKCEWorksWhereTheAppAllowsIt(method: PKCE.Method?) async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let (flow, outcome) = await harness.run(harness.configuration(.web) { $0.pkceMethod = method })
        #expect(outcome == .completed)
        let query = URLParts(flow.record[0].request.url)?.queryParameters ?? []
        #expect(query.value("code_challenge_method") == method?.rawValue)
        // The public app requires S256: plain or none is refused at authorize.
        let (_, refused) = await harness.run(harness.configuration(.spa) { $0.pkceMethod = method })
        guard case .failed(.authorize, .oauthError(let error)) = refused else {
            Issue.record("expected invalid_request, got \(refused)")
            return
        }
        #expect(error.error == "invalid_request")
    }

    @Test func parThenAuthorizeWithRequestURIAndItIsSingleUse() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        var (flow, outcome) = await harness.run(harness.configuration(.web) { $0.usesPushedAuthorization = true })
        #expect(outcome == .completed)
        #expect(flow.record.map(\.step).prefix(2) == [.par, .authorize])
        let requestURI = try #require(flow.record[0].decoded.requestURI)
        #expect(URLParts(flow.record[1].request.url)?.queryParameters.value("request_uri") == requestURI)
        // Authorizing again with the same request_uri is refused.
        var again = AuthorizationCodeFlow(
            configuration: harness.configuration(.web) {
                $0.extraAuthorizeParameters = [FormParameter("request_uri", requestURI)]
            }, randomness: .system)
        _ = await harness.runner.advance(&again)
        guard case .failed(.authorize, _) = again.phase else {
            Issue.record("expected the reused request_uri to be refused, got \(again.phase)")
            return
        }
        #expect(again.record.last?.response.map { $0.status >= 300 } == true)
        _ = flow
    }

    @Test(arguments: [RequestObjectSigning.clientSecret, .privateKey])
    func signedRequestObjectsAreAccepted(signing: RequestObjectSigning) async throws {
        let key = P256.Signing.PrivateKey()
        let harness = try await harness(method: "CLIENT_SECRET_BASIC", publicJWKS: Self.jwks(key, kid: "ro"))
        defer { Task { await harness.stop() } }
        let clientKey = try ClientKey(text: key.pemRepresentation, keyID: "ro")
        let (flow, outcome) = await harness.run(
            harness.configuration(.web) {
                $0.requestObject = signing
                $0.clientKey = clientKey
            })
        #expect(outcome == .completed, "\(outcome)")
        let query = URLParts(flow.record[0].request.url)?.queryParameters ?? []
        let object = try JSONWebToken.parse(try #require(query.value("request")))
        #expect(object.algorithm == (signing == .clientSecret ? "HS256" : "ES256"))
        #expect(object.claims?["nonce"]?.stringValue == flow.nonce)
        #expect(query.value("state") == nil)
    }

    @Test func followUpsWorkAndFailAsTheServerSays() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        var (flow, outcome) = await harness.run(harness.configuration(.web) { $0.postLogoutRedirectURI = nil })
        #expect(outcome == .completed)
        let runner = harness.runner
        func follow(_ step: FlowStep) async -> FlowPhase {
            _ = flow.handle(.followUpChosen(step))
            _ = await runner.advance(&flow)
            return flow.phase
        }
        #expect(await follow(.userInfo) == .completed)
        #expect(flow.record.last?.decoded.claims?["sub"]?.stringValue == harness.simulator.configuration.users[0].id)
        #expect(await follow(.introspect) == .completed)
        #expect(flow.record.last?.decoded.claims?["active"] == .bool(true))
        let firstRefresh = flow.tokens?.refreshToken
        #expect(await follow(.refresh) == .completed)
        #expect(flow.record.last?.decoded.result == .refreshed(rotated: true))
        #expect(flow.tokens?.refreshToken != firstRefresh)
        // Reusing the spent refresh token is refused, and revokes its family (PingOne replay protection).
        _ = flow.handle(.followUpChosen(.refresh))
        _ = flow.handle(.parameterEdited(name: "refresh_token", value: firstRefresh ?? ""))
        _ = await runner.advance(&flow)
        guard case .failed(.refresh, .oauthError(let reuse)) = flow.phase else {
            Issue.record("expected invalid_grant for a reused refresh token, got \(flow.phase)")
            return
        }
        #expect(reuse.error == "invalid_grant")
        #expect(await follow(.revoke) == .completed)
        #expect(await follow(.introspect) == .completed)
        #expect(flow.record.last?.decoded.claims?["active"] == .bool(false))
        #expect(await follow(.signOff) == .completed)
        #expect(flow.cookieJar.cookies.isEmpty)
        // After sign-off, UserInfo with a revoked token is refused.
        guard case .failed(.userInfo, _) = await follow(.userInfo) else {
            Issue.record("expected UserInfo to fail after revoke, got \(flow.phase)")
            return
        }
        #expect(flow.record.last?.response?.status == 401)
    }
}
