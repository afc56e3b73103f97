import AsyncHTTPClient
import Foundation
import PingOneSimulator
import TestSupport
import Testing

@Suite("Faults", .timeLimit(.minutes(2)))
struct FaultTests {
    private func demo(_ faults: Set<SimulatorFault>) -> SimulatorConfiguration {
        var configuration = SimulatorConfiguration.demo
        configuration.faults = faults
        return configuration
    }

    @Test func slowTokenWaitsThreeSeconds() async throws {
        try await SimulatorHarness.run(demo([.slowToken])) { harness in
            let code = try await harness.obtainCode()
            let started = Date()
            let response = try await harness.exchange(code: code)
            #expect(response.status == 200)
            #expect(Date().timeIntervalSince(started) >= 2.9)
        }
    }

    @Test func hangTokenNeverAnswersButShutdownIsPrompt() async throws {
        let simulator = try await PingOneSimulator.start(configuration: demo([.hangToken]))
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        var request = HTTPClientRequest(url: "\(simulator.issuer)/token")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(.init(string: "grant_type=authorization_code&code=x"))
        await #expect(throws: (any Error).self) {
            _ = try await client.execute(request, timeout: .milliseconds(700))
        }
        // A request still hanging when shutdown starts is released by the shutdown (answered or its
        // connection closed), not left to run into its own deadline.
        let pending = Task { () -> (any Error)? in
            do {
                _ = try await client.execute(request, timeout: .seconds(60))
                return nil
            } catch {
                return error
            }
        }
        try await Task.sleep(for: .milliseconds(200))
        await simulator.shutdown()
        let error = await pending.value
        #expect(
            (error as? HTTPClientError) != .deadlineExceeded,
            "shutdown did not release the request: \(String(describing: error))")
        try await client.shutdown()
    }

    @Test func tokenServerErrorIs500PingOneJSON() async throws {
        try await SimulatorHarness.run(demo([.tokenServerError])) { harness in
            let code = try await harness.obtainCode()
            let response = try await harness.exchange(code: code)
            #expect(response.status == 500)
            let body = try response.json()
            #expect(body["code"] as? String == "UNEXPECTED_ERROR")
            #expect(UUID(uuidString: body["id"] as? String ?? "") != nil)
        }
    }

    @Test func expiredFlowsAre404() async throws {
        try await SimulatorHarness.run(demo([.expiredFlows])) { harness in
            let (flowID, st) = try await harness.startFlow()
            let response = try await harness.get("/flows/\(flowID)", headers: [("Cookie", "ST=\(st)")])
            #expect(response.status == 404)
            #expect(try response.json()["code"] as? String == "NOT_FOUND")
        }
    }

    @Test func badSignatureTokensDoNotVerifyWithTheJWKS() async throws {
        try await SimulatorHarness.run(demo([.badSignature])) { harness in
            let body = try await harness.tokens()
            let jwks = try await harness.get("/as/jwks").json()
            let idToken = try DecodedJWT(try #require(body["id_token"] as? String))
            #expect(idToken.header["kid"] as? String == (jwks["keys"] as? [[String: Any]])?.first?["kid"] as? String)
            #expect(try idToken.verifiesRS256(withJWKS: jwks) == false)
            #expect(
                try DecodedJWT(try #require(body["access_token"] as? String)).verifiesRS256(withJWKS: jwks) == false)
        }
    }

    @Test func wrongNonceAltersTheIDTokenNonce() async throws {
        try await SimulatorHarness.run(demo([.wrongNonce])) { harness in
            let body = try await harness.tokens(extra: [("nonce", "expected-nonce")])
            let nonce = try DecodedJWT(try #require(body["id_token"] as? String)).claims["nonce"] as? String
            #expect(nonce != nil)
            #expect(nonce != "expected-nonce")
        }
    }

    @Test func wrongAudienceNamesAnotherClient() async throws {
        try await SimulatorHarness.run(demo([.wrongAudience])) { harness in
            let body = try await harness.tokens()
            let aud = try DecodedJWT(try #require(body["id_token"] as? String)).claims["aud"] as? String
            #expect(aud != nil)
            #expect(aud != Demo.webAppID)
        }
    }

    @Test func clockSkewRunsTenMinutesAhead() async throws {
        try await SimulatorHarness.run(demo([.clockSkew])) { harness in
            let response = try await harness.get("/as/jwks")
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            let date = try #require(formatter.date(from: response.header("Date") ?? ""))
            #expect(abs(date.timeIntervalSinceNow - 600) < 30)
            let body = try await harness.tokens()
            let idToken = try DecodedJWT(try #require(body["id_token"] as? String))
            let iat = try #require(idToken.claims["iat"] as? Int)
            #expect(abs(Double(iat) - Date().timeIntervalSince1970 - 600) < 30)
        }
    }

    @Test func hostileBytesReachHeaderFlowAndIDToken() async throws {
        try await SimulatorHarness.run(demo([.hostileBytes])) { harness in
            func isHostile(_ text: String) -> Bool {
                text.contains("\u{1B}[2J") && text.contains("\u{202E}") && text.contains("\u{07}")
            }
            let (flowID, st) = try await harness.startFlow()
            let flow = try await harness.get("/flows/\(flowID)", headers: [("Cookie", "ST=\(st)")])
            #expect(flow.header("X-Simulator-Note")?.contains("\u{202E}") == true)
            let appName =
                ((try flow.json()["_embedded"] as? [String: Any])?["application"] as? [String: Any])?["name"] as? String
            #expect(isHostile(appName ?? ""))
            let wrong = try await harness.checkPassword(flowID: flowID, sessionToken: st, password: "nope")
            #expect(isHostile(try wrong.json()["message"] as? String ?? ""))
            let body = try await harness.tokens()
            let claims = try DecodedJWT(try #require(body["id_token"] as? String)).claims
            #expect(claims.values.contains { isHostile($0 as? String ?? "") })
        }
    }

    @Test func missingLocationOmitsTheHeader() async throws {
        try await SimulatorHarness.run(demo([.missingLocation])) { harness in
            let response = try await harness.authorize(SimulatorHarness.authorizeParameters())
            #expect(response.status == 302)
            #expect(response.header("Location") == nil)
            #expect(response.header("Set-Cookie")?.hasPrefix("ST=") == true)
        }
    }

    @Test func stateTamperedReturnsADifferentState() async throws {
        try await SimulatorHarness.run(demo([.stateTampered])) { harness in
            let (flowID, started) = try await harness.startFlow()
            let st = try await harness.signOn(flowID: flowID, sessionToken: started)
            let response = try await harness.resume(flowID: flowID, sessionToken: st)
            let state = response.locationParameters()["state"]
            #expect(state != nil)
            #expect(state != "xyz-state")
            #expect(response.locationParameters()["code"] != nil)
        }
    }

    @Test func faultsChangeAtRunTime() async throws {
        try await SimulatorHarness.run { harness in
            await harness.simulator.setFaults([.missingLocation])
            #expect(await harness.simulator.faults() == [.missingLocation])
            let faulty = try await harness.authorize(SimulatorHarness.authorizeParameters())
            #expect(faulty.header("Location") == nil)
            await harness.simulator.setFaults([])
            let healthy = try await harness.authorize(SimulatorHarness.authorizeParameters())
            #expect(healthy.header("Location") != nil)
        }
    }
}
