import Foundation
import PingOneSimulator
import TestSupport
import Testing

@Suite("UserInfo")
struct UserInfoTests {
    @Test func userInfoReturnsTheUsersClaims() async throws {
        try await SimulatorHarness.run { harness in
            let accessToken = try #require(try await harness.tokens()["access_token"] as? String)
            for method in ["GET", "POST"] {
                let response =
                    method == "GET"
                    ? try await harness.get("/as/userinfo", headers: [("Authorization", "Bearer \(accessToken)")])
                    : try await harness.postForm("/as/userinfo", [("access_token", accessToken)])
                #expect(response.status == 200)
                let body = try response.json()
                #expect(body["sub"] as? String == SimulatorConfiguration.demo.users.first?.id)
                #expect(body["preferred_username"] as? String == "demo")
                #expect(body["given_name"] as? String == "Demo")
                #expect(body["family_name"] as? String == "User")
                #expect(body["email"] as? String == "demo@example.com")
                #expect(body["env"] as? String == Demo.environmentID)
                #expect(body["p1.region"] as? String == "NA")
                #expect(body["updated_at"] is Int)
                #expect(
                    try response.jsonKeyOrder() == [
                        "sub", "preferred_username", "given_name", "family_name", "email", "updated_at", "env", "org",
                        "p1.region",
                    ])
            }
        }
    }

    @Test func missingOrForgedTokenIs401() async throws {
        try await SimulatorHarness.run { harness in
            let missing = try await harness.get("/as/userinfo")
            #expect(missing.status == 401)
            #expect(try missing.json()["code"] as? String == "ACCESS_FAILED")
            #expect(missing.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
            let forged = try await harness.get(
                "/as/userinfo", headers: [("Authorization", "Bearer eyJhbGciOiJub25lIn0.e30.")])
            #expect(forged.status == 401)
            #expect(try forged.pingOneDetailCode() == "INVALID_TOKEN")
            #expect(forged.header("WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)
        }
    }

    @Test func expiredTokenIsInvalidValueAccessTokenExpired() async throws {
        let clock = ManualClock()
        try await SimulatorHarness.run(clock: clock) { harness in
            let accessToken = try #require(try await harness.tokens()["access_token"] as? String)
            clock.advance(by: 3601)
            let response = try await harness.get("/as/userinfo", headers: [("Authorization", "Bearer \(accessToken)")])
            #expect(response.status == 401)
            let detail = try #require((try response.json()["details"] as? [[String: Any]])?.first)
            #expect(detail["code"] as? String == "INVALID_VALUE")
            #expect((detail["message"] as? String)?.contains("Access token expired") == true)
            #expect(response.header("WWW-Authenticate")?.contains(#"error="invalid_token""#) == true)
        }
    }
}
