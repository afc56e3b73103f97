import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// A PingOne custom domain drops the `/{envId}` segment: the issuer is `https://<domain>/as`
/// (reference §0 and the sign-off docs).
@Suite("Custom domain")
struct CustomDomainTests {
    private static var customDomain: SimulatorConfiguration {
        var configuration = SimulatorConfiguration.demo
        configuration.customDomain = true
        return configuration
    }

    @Test func everyPathDropsTheEnvironmentSegment() async throws {
        try await SimulatorHarness.run(Self.customDomain) { harness in
            let base = harness.simulator.baseURL.absoluteString
            #expect(harness.issuer == "\(base)/as")
            let discovery = try await harness.get("\(base)/as/.well-known/openid-configuration")
            #expect(discovery.status == 200)
            let document = try discovery.json()
            #expect(document["issuer"] as? String == "\(base)/as")
            #expect(document["token_endpoint"] as? String == "\(base)/as/token")

            let authorize = try await harness.authorize(SimulatorHarness.authorizeParameters())
            #expect(authorize.status == 302)
            #expect(authorize.header("Location")?.hasPrefix("\(base)/signon/?flowId=") == true)
            #expect(authorize.header("Set-Cookie")?.contains("Path=/;") == true)

            // The environment-prefixed layout is not served on a custom domain.
            let prefixed = try await harness.get("\(base)/\(Demo.environmentID)/as/.well-known/openid-configuration")
            #expect(prefixed.status == 404)
        }
    }

    @Test func aWholeFlowRunsAndTheTokensNameTheCustomDomain() async throws {
        try await SimulatorHarness.run(Self.customDomain) { harness in
            let body = try await harness.tokens()
            let idToken = try DecodedJWT(try #require(body["id_token"] as? String))
            #expect(idToken.claims["iss"] as? String == harness.issuer)
            // PingOne API access tokens keep their platform audience on a custom domain.
            let access = try DecodedJWT(try #require(body["access_token"] as? String))
            #expect(access.claims["aud"] as? [String] == ["https://api.pingone.com"])
        }
    }

    @Test func theSettingIsReadFromAConfigurationFile() throws {
        let data = try JSONEncoder().encode(Self.customDomain)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""customDomain":true"#))
        let decoded = try JSONDecoder().decode(SimulatorConfiguration.self, from: data)
        #expect(decoded.customDomain)
        let plain = try JSONDecoder().decode(
            SimulatorConfiguration.self, from: try JSONEncoder().encode(SimulatorConfiguration.demo))
        #expect(!plain.customDomain)
    }
}
