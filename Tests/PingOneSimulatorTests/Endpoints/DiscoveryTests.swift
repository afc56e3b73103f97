import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

@testable import PingOneSimulator

@Suite("Discovery, JWKS and common headers", .timeLimit(.minutes(2)))
struct DiscoveryTests {
    @Test func discoveryDocumentNamesThisServer() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.get("/as/.well-known/openid-configuration")
            #expect(response.status == 200)
            let document = try response.json()
            let issuer = harness.issuer
            #expect(issuer == "\(harness.simulator.baseURL.absoluteString)/\(Demo.environmentID)/as")
            #expect(document["issuer"] as? String == issuer)
            #expect(document["authorization_endpoint"] as? String == "\(issuer)/authorize")
            #expect(document["token_endpoint"] as? String == "\(issuer)/token")
            #expect(document["jwks_uri"] as? String == "\(issuer)/jwks")
            #expect(document["userinfo_endpoint"] as? String == "\(issuer)/userinfo")
            #expect(document["end_session_endpoint"] as? String == "\(issuer)/signoff")
            #expect(document["pushed_authorization_request_endpoint"] as? String == "\(issuer)/par")
            #expect(document["code_challenge_methods_supported"] as? [String] == ["plain", "S256"])
            #expect((document["response_modes_supported"] as? [String])?.contains("pi.flow") == true)
            #expect(
                try response.jsonKeyOrder() == [
                    "issuer", "authorization_endpoint", "pushed_authorization_request_endpoint", "token_endpoint",
                    "userinfo_endpoint", "jwks_uri", "end_session_endpoint",
                    "introspection_endpoint",
                    "revocation_endpoint", "device_authorization_endpoint", "claims_parameter_supported",
                    "request_parameter_supported", "request_uri_parameter_supported",
                    "require_pushed_authorization_requests",
                    "scopes_supported", "response_types_supported", "response_modes_supported", "grant_types_supported",
                    "subject_types_supported", "id_token_signing_alg_values_supported",
                    "userinfo_signing_alg_values_supported",
                    "request_object_signing_alg_values_supported", "token_endpoint_auth_methods_supported",
                    "token_endpoint_auth_signing_alg_values_supported", "claim_types_supported", "claims_supported",
                    "code_challenge_methods_supported",
                ])
            #expect(document["request_parameter_supported"] as? Bool == true)
            #expect(document["id_token_signing_alg_values_supported"] as? [String] == ["RS256"])
        }
    }

    @Test func startReportsTheBoundEphemeralPort() async throws {
        try await SimulatorHarness.run { harness in
            #expect(harness.simulator.port > 0)
            #expect(harness.simulator.baseURL.absoluteString == "http://127.0.0.1:\(harness.simulator.port)")
        }
    }

    @Test func jwksPublishesOneRS256Key() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.get("/as/jwks")
            #expect(response.status == 200)
            let keys = try #require(try response.json()["keys"] as? [[String: Any]])
            #expect(keys.count == 1)
            let key = try #require(keys.first)
            #expect(key["kty"] as? String == "RSA")
            #expect(key["use"] as? String == "sig")
            #expect(key["alg"] as? String == "RS256")
            #expect(key["e"] as? String == "AQAB")
            #expect(DecodedJWT.base64URL(try #require(key["n"] as? String))?.count == 256)
            #expect((key["kid"] as? String)?.isEmpty == false)
        }
    }

    /// How long a JWKS request may take: it waits for the simulator's RSA key, which a debug build
    /// on a loaded machine takes seconds to make (the suite's time limit still bounds a hang).
    static let keyDeadline = TimeAmount.seconds(60)

    /// Runs `body` with an HTTP client that is shut down on every path, a thrown error or a timed-out
    /// request included (a client dropped without `shutdown()` traps).
    static func withClient<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let result: T
        do {
            result = try await body(client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return result
    }

    @Test func eachStartMakesItsOwnSigningKey() async throws {
        let first = try await PingOneSimulator.start()
        let second: PingOneSimulator
        do {
            second = try await PingOneSimulator.start()
        } catch {
            await first.shutdown()
            throw error
        }
        func key(_ simulator: PingOneSimulator, _ client: HTTPClient) async throws -> [String: Any] {
            let response = try await client.execute(
                HTTPClientRequest(url: "\(simulator.issuer)/jwks"), timeout: Self.keyDeadline)
            let body = try await response.body.collect(upTo: 1 << 16)
            let json = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
            return try #require((json?["keys"] as? [[String: Any]])?.first)
        }
        let keys: Result<([String: Any], [String: Any]), any Error>
        do {
            keys = .success(
                try await Self.withClient { client in (try await key(first, client), try await key(second, client)) })
        } catch {
            keys = .failure(error)
        }
        await first.shutdown()
        await second.shutdown()
        let (a, b) = try keys.get()
        #expect(a["kid"] as? String != b["kid"] as? String)
        #expect(a["n"] as? String != b["n"] as? String)
    }

    @Test func shutdownStopsServingAndIsIdempotent() async throws {
        let simulator = try await PingOneSimulator.start()
        let url = "\(simulator.issuer)/jwks"
        try await Self.withClient { client in
            let status: HTTPResponseStatus
            do {
                status = try await client.execute(HTTPClientRequest(url: url), timeout: Self.keyDeadline).status
            } catch {
                await simulator.shutdown()
                throw error
            }
            #expect(status == .ok)
            // Shutting down twice and then waiting all return (the suite's time limit bounds a hang).
            await simulator.shutdown()
            await simulator.shutdown()
            await simulator.waitUntilShutdown()
            await #expect(throws: (any Error).self) {
                _ = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(2))
            }
        }
    }

    @Test func everyResponseCarriesCorrelationIdAndDate() async throws {
        try await SimulatorHarness.run { harness in
            let first = try await harness.get("/as/jwks")
            let second = try await harness.get("/nope")
            for response in [first, second] {
                let correlationID = try #require(response.header("Correlation-Id"))
                #expect(UUID(uuidString: correlationID) != nil)
                let date = try #require(response.header("Date"))
                #expect(
                    date.range(
                        of: #"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$"#,
                        options: .regularExpression) != nil)
            }
            #expect(first.header("Correlation-Id") != second.header("Correlation-Id"))
        }
    }

    @Test func unknownEnvironmentIsAPingOne404() async throws {
        try await SimulatorHarness.run { harness in
            let url = "\(harness.simulator.baseURL.absoluteString)/00000000-0000-0000-0000-000000000000/as/jwks"
            let response = try await harness.get(url)
            #expect(response.status == 404)
            let body = try response.json()
            #expect(body["code"] as? String == "NOT_FOUND")
            #expect(UUID(uuidString: body["id"] as? String ?? "") != nil)
            #expect(body["message"] is String)
        }
    }

    @Test func wrongMethodIs405() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.send(.DELETE, "/as/token")
            #expect(response.status == 405)
        }
    }

    @Test func oversizedBodyIs413NotACrash() async throws {
        try await SimulatorHarness.run { harness in
            let big = Data(repeating: UInt8(ascii: "a"), count: 1_100_000)
            let response = try await harness.send(
                .POST, "/as/token", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: big)
            #expect(response.status == 413)
            #expect(try response.pingOneDetailCode() == "SIZE_LIMIT_EXCEEDED")
            // The server is still serving.
            #expect(try await harness.get("/as/jwks").status == 200)
        }
    }

    @Test func imfFixdateAndISO8601MatchKnownInstants() {
        // RFC 7231 §7.1.1.1 example.
        #expect(HTTPDate.imfFixdate(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.iso8601(Date(timeIntervalSince1970: 1_626_821_491.743)) == "2021-07-20T22:51:31.743Z")
        #expect(HTTPDate.imfFixdate(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 GMT")
    }
}
