import Crypto
import Foundation
import PingOneSimulator
import TestSupport
import Testing

@Suite("PAR and request objects")
struct PushedAuthorizationTests {
    let basic = SimulatorHarness.basic(Demo.webAppID, Demo.webAppSecret)

    @Test func pushedRequestIsRedeemedOnce() async throws {
        try await SimulatorHarness.run { harness in
            let pushed = try await harness.postForm("/as/par", SimulatorHarness.authorizeParameters(), headers: [basic])
            #expect(pushed.status == 201)
            let body = try pushed.json()
            let requestURI = try #require(body["request_uri"] as? String)
            #expect(requestURI.hasPrefix("urn:ietf:params:oauth:request_uri:"))
            #expect(body["expires_in"] as? Int == 60)
            let pairs = [("client_id", Demo.webAppID), ("request_uri", requestURI)]
            let (flowID, started) = try await harness.startFlow(pairs)
            let st = try await harness.signOn(flowID: flowID, sessionToken: started)
            let resumed = try await harness.resume(flowID: flowID, sessionToken: st)
            #expect(resumed.locationParameters()["state"] == "xyz-state")
            #expect(resumed.header("Location")?.hasPrefix(Demo.redirectURI) == true)
            let again = try await harness.authorize(pairs)
            #expect(again.status == 400)
        }
    }

    @Test func parNeedsClientAuthAndARegisteredRedirect() async throws {
        try await SimulatorHarness.run { harness in
            let unauthenticated = try await harness.postForm("/as/par", SimulatorHarness.authorizeParameters())
            #expect(unauthenticated.status == 401)
            let badRedirect = try await harness.postForm(
                "/as/par", SimulatorHarness.authorizeParameters(redirectURI: "https://evil.example.com/cb"),
                headers: [basic])
            #expect(badRedirect.status == 400)
            #expect(try badRedirect.json()["error"] as? String == "invalid_request")
        }
    }

    @Test func parRequiredAppRejectsPlainAuthorize() async throws {
        var app = try #require(SimulatorConfiguration.demo.applications.first)
        app.parRequirement = "REQUIRED"
        try await SimulatorHarness.run(Demo.configuration(with: app)) { harness in
            let direct = try await harness.authorize(SimulatorHarness.authorizeParameters())
            #expect(direct.locationParameters()["error"] == "invalid_request")
            let pushed = try await harness.postForm("/as/par", SimulatorHarness.authorizeParameters(), headers: [basic])
            let requestURI = try #require(try pushed.json()["request_uri"] as? String)
            #expect(
                try await harness.authorize([("client_id", Demo.webAppID), ("request_uri", requestURI)]).status == 302)
        }
    }

    @Test func hs256RequestObjectOverridesQueryParameters() async throws {
        try await SimulatorHarness.run { harness in
            let claims: [String: Any] = [
                "iss": Demo.webAppID, "aud": harness.issuer, "client_id": Demo.webAppID, "response_type": "code",
                "redirect_uri": Demo.redirectURI, "scope": "openid", "state": "from-request-object",
            ]
            let object = try ClientAssertions.hs256(claims, secret: Demo.webAppSecret)
            let pairs = SimulatorHarness.authorizeParameters(state: "from-query", extra: [("request", object)])
            let (flowID, started) = try await harness.startFlow(pairs)
            let st = try await harness.signOn(flowID: flowID, sessionToken: started)
            let resumed = try await harness.resume(flowID: flowID, sessionToken: st)
            #expect(resumed.locationParameters()["state"] == "from-request-object")
            let forged = try ClientAssertions.hs256(claims, secret: "not-the-secret")
            let rejected = try await harness.authorize(
                SimulatorHarness.authorizeParameters(extra: [("request", forged)]))
            #expect(rejected.status == 400)
            let garbage = try await harness.authorize(SimulatorHarness.authorizeParameters(extra: [("request", "a.b")]))
            #expect(garbage.status == 400)
        }
    }

    @Test func es256RequestObjectWithTheAppsJWKS() async throws {
        let key = P256.Signing.PrivateKey()
        let app = SimulatedApplication(
            id: "ro-app", name: "ro", tokenEndpointAuthMethod: "PRIVATE_KEY_JWT",
            redirectURIs: ["http://127.0.0.1/callback"],
            jwks: ClientAssertions.jwks(p256: key, kid: "k1"))
        try await SimulatorHarness.run(Demo.configuration(with: app)) { harness in
            let claims: [String: Any] = [
                "iss": app.id, "aud": harness.issuer, "state": "signed-state", "response_type": "code",
            ]
            let object = try ClientAssertions.es256(claims, key: key, kid: "k1")
            let response = try await harness.authorize(
                SimulatorHarness.authorizeParameters(clientID: app.id, extra: [("request", object)]))
            #expect(response.status == 302)
            #expect(response.header("Location")?.contains("/signon/") == true)
        }
    }
}
