import Crypto
import Foundation
import PingOneSimulator
import TestSupport
import Testing

@Suite("Token contents")
struct TokenContentTests {
    @Test func idTokenSignatureVerifiesAgainstTheJWKS() async throws {
        try await SimulatorHarness.run { harness in
            let body = try await harness.tokens()
            let jwks = try await harness.get("/as/jwks").json()
            for name in ["id_token", "access_token", "refresh_token"] {
                let token = try DecodedJWT(try #require(body[name] as? String))
                #expect(try token.verifiesRS256(withJWKS: jwks), "\(name) signature")
                #expect(token.header["alg"] as? String == "RS256")
                #expect(token.header["typ"] == nil)
                #expect(token.header["kid"] as? String == (jwks["keys"] as? [[String: Any]])?.first?["kid"] as? String)
            }
            // The same signature over different bytes must fail verification.
            var tampered = try DecodedJWT(try #require(body["id_token"] as? String))
            tampered.signingInput.append(UInt8(ascii: "x"))
            #expect(try tampered.verifiesRS256(withJWKS: jwks) == false)
        }
    }

    @Test func atHashIsTheLeftHalfOfSHA256OfTheAccessToken() async throws {
        try await SimulatorHarness.run { harness in
            let body = try await harness.tokens()
            let accessToken = try #require(body["access_token"] as? String)
            let idToken = try DecodedJWT(try #require(body["id_token"] as? String))
            let digest = Array(SHA256.hash(data: Data(accessToken.utf8)))
            #expect(idToken.claims["at_hash"] as? String == DecodedJWT.base64URLEncode(digest.prefix(16)))
        }
    }

    @Test func idTokenClaimsAreInPingOneOrder() async throws {
        try await SimulatorHarness.run { harness in
            let body = try await harness.tokens(extra: [("nonce", "n-0S6_WzA2Mj")])
            let idToken = try DecodedJWT(try #require(body["id_token"] as? String))
            #expect(
                try JSONKeyOrder.topLevelKeys(of: idToken.payloadData) == [
                    "iss", "sub", "aud", "iat", "exp", "acr", "amr", "auth_time", "at_hash", "sid", "nonce",
                    "preferred_username", "given_name", "family_name", "email", "updated_at", "env", "org", "p1.region",
                ])
            let claims = idToken.claims
            #expect(claims["iss"] as? String == harness.issuer)
            #expect(claims["aud"] as? String == Demo.webAppID)
            #expect(claims["nonce"] as? String == "n-0S6_WzA2Mj")
            #expect(claims["amr"] as? [String] == ["pwd"])
            #expect(claims["acr"] as? String == "Single_Factor")
            #expect(claims["p1.region"] as? String == "NA")
            #expect(claims["env"] as? String == Demo.environmentID)
            #expect(claims["email"] as? String == "demo@example.com")
            let iat = try #require(claims["iat"] as? Int)
            let exp = try #require(claims["exp"] as? Int)
            #expect(exp - iat == 3600)
            #expect(abs(Double(iat) - Date().timeIntervalSince1970) < 30)
        }
    }

    @Test func accessTokenClaims() async throws {
        try await SimulatorHarness.run { harness in
            let body = try await harness.tokens()
            let access = try DecodedJWT(try #require(body["access_token"] as? String))
            #expect(
                try JSONKeyOrder.topLevelKeys(of: access.payloadData) == [
                    "client_id", "iss", "iat", "exp", "aud", "scope", "sub", "sid", "auth_time", "acr", "jti", "env",
                    "org",
                ])
            #expect(access.claims["aud"] as? [String] == ["https://api.pingone.com"])
            #expect(access.claims["client_id"] as? String == Demo.webAppID)
            #expect(access.claims["scope"] as? String == "openid profile email")
            #expect(access.claims["sub"] as? String == SimulatorConfiguration.demo.users.first?.id)
            let id = try DecodedJWT(try #require(body["id_token"] as? String))
            #expect(access.claims["sid"] as? String == id.claims["sid"] as? String)
        }
    }

    @Test func refreshTokenClaims() async throws {
        try await SimulatorHarness.run { harness in
            let body = try await harness.tokens()
            let refresh = try DecodedJWT(try #require(body["refresh_token"] as? String))
            #expect(
                try JSONKeyOrder.topLevelKeys(of: refresh.payloadData) == [
                    "sub", "jti", "exp", "sid", "scope", "auth_time", "acr", "amr", "iss",
                ])
            let exp = try #require(refresh.claims["exp"] as? Int)
            #expect(abs(Double(exp) - Date().timeIntervalSince1970 - 30 * 86400) < 30)
        }
    }

    @Test func scopesDecideProfileAndEmailClaims() async throws {
        try await SimulatorHarness.run { harness in
            let body = try await harness.tokens(scope: "openid")
            let claims = try DecodedJWT(try #require(body["id_token"] as? String)).claims
            #expect(claims["email"] == nil)
            #expect(claims["given_name"] == nil)
            #expect(claims["nonce"] == nil)
            #expect(claims["updated_at"] is Int)
        }
    }
}
