import Foundation
import PingOneSimulator
import TestSupport
import Testing

@Suite("Introspection and revocation")
struct IntrospectionRevocationTests {
    let basic = SimulatorHarness.basic(Demo.webAppID, Demo.webAppSecret)

    @Test func introspectionReportsActiveTokens() async throws {
        try await SimulatorHarness.run { harness in
            let tokens = try await harness.tokens()
            let accessToken = try #require(tokens["access_token"] as? String)
            let response = try await harness.postForm("/as/introspect", [("token", accessToken)], headers: [basic])
            #expect(response.status == 200)
            let body = try response.json()
            #expect(body["active"] as? Bool == true)
            #expect(body["client_id"] as? String == Demo.webAppID)
            #expect(body["scope"] as? String == "openid profile email")
            #expect(body["token_type"] as? String == "Bearer")
            #expect(body["sub"] as? String == SimulatorConfiguration.demo.users.first?.id)
            #expect(body["exp"] is Int)
            let refresh = try await harness.postForm(
                "/as/introspect", [("token", try #require(tokens["refresh_token"] as? String))], headers: [basic])
            #expect(try refresh.json()["active"] as? Bool == true)
            let unknown = try await harness.postForm("/as/introspect", [("token", "garbage")], headers: [basic])
            #expect(try unknown.json().count == 1)
            #expect(try unknown.json()["active"] as? Bool == false)
        }
    }

    @Test func introspectionNeedsClientAuthentication() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.postForm(
                "/as/introspect", [("token", "x")], headers: [SimulatorHarness.basic(Demo.webAppID, "bad")])
            #expect(response.status == 401)
            #expect(try response.json()["error"] as? String == "invalid_client")
            let missing = try await harness.postForm("/as/introspect", [], headers: [basic])
            #expect(try missing.json()["error"] as? String == "invalid_request")
        }
    }

    @Test func revokingAnAccessTokenDeactivatesIt() async throws {
        try await SimulatorHarness.run { harness in
            let accessToken = try #require(try await harness.tokens()["access_token"] as? String)
            let response = try await harness.postForm("/as/revoke", [("token", accessToken)], headers: [basic])
            #expect(response.status == 200)
            #expect(response.body.isEmpty)
            #expect(
                try await harness.postForm("/as/introspect", [("token", accessToken)], headers: [basic]).json()[
                    "active"] as? Bool == false)
            #expect(
                try await harness.get("/as/userinfo", headers: [("Authorization", "Bearer \(accessToken)")]).status
                    == 401)
            // RFC 7009 §2.2: unknown tokens are still 200.
            #expect(try await harness.postForm("/as/revoke", [("token", "unknown")], headers: [basic]).status == 200)
        }
    }

    @Test func revokingARefreshTokenRevokesItsGrant() async throws {
        try await SimulatorHarness.run { harness in
            let tokens = try await harness.tokens()
            let refresh = try #require(tokens["refresh_token"] as? String)
            let access = try #require(tokens["access_token"] as? String)
            #expect(try await harness.postForm("/as/revoke", [("token", refresh)], headers: [basic]).status == 200)
            let exchange = try await harness.postForm(
                "/as/token", [("grant_type", "refresh_token"), ("refresh_token", refresh)], headers: [basic])
            #expect(try exchange.json()["error"] as? String == "invalid_grant")
            #expect(
                try await harness.get("/as/userinfo", headers: [("Authorization", "Bearer \(access)")]).status == 401)
        }
    }

    @Test func anotherClientCannotRevokeOrIntrospect() async throws {
        try await SimulatorHarness.run { harness in
            let access = try #require(try await harness.tokens()["access_token"] as? String)
            let spaIntrospect = try await harness.postForm(
                "/as/introspect", [("token", access), ("client_id", Demo.spaID)])
            #expect(try spaIntrospect.json()["active"] as? Bool == false)
            _ = try await harness.postForm("/as/revoke", [("token", access), ("client_id", Demo.spaID)])
            #expect(
                try await harness.get("/as/userinfo", headers: [("Authorization", "Bearer \(access)")]).status == 200)
        }
    }
}
