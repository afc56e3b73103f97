import Crypto
import Foundation
import TestSupport
import Testing
import _CryptoExtras

@testable import PingOneSimulator

@Suite("Token endpoint")
struct TokenTests {
    @Test func basicAuthCodeExchangeReturnsTokensInPingOneOrder() async throws {
        try await SimulatorHarness.run { harness in
            let code = try await harness.obtainCode()
            let response = try await harness.exchange(code: code)
            #expect(response.status == 200)
            #expect(response.header("Cache-Control") == "no-store")
            #expect(
                try response.jsonKeyOrder() == [
                    "access_token", "token_type", "expires_in", "refresh_token", "scope", "id_token",
                ])
            let body = try response.json()
            #expect(body["token_type"] as? String == "Bearer")
            #expect(body["expires_in"] as? Int == 3600)
            #expect(body["scope"] as? String == "openid profile email")
        }
    }

    @Test func noIDTokenWithoutOpenIDScope() async throws {
        try await SimulatorHarness.run { harness in
            let body = try await harness.tokens(scope: "profile")
            #expect(body["id_token"] == nil)
            #expect(body["access_token"] is String)
        }
    }

    @Test func wrongSecretIs401WithBasicChallenge() async throws {
        try await SimulatorHarness.run { harness in
            let code = try await harness.obtainCode()
            let response = try await harness.postForm(
                "/as/token",
                [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Demo.redirectURI)],
                headers: [SimulatorHarness.basic(Demo.webAppID, "wrong")])
            #expect(response.status == 401)
            #expect(try response.json()["error"] as? String == "invalid_client")
            #expect(response.header("WWW-Authenticate")?.hasPrefix("Basic") == true)
        }
    }

    @Test func aDifferentAuthMethodThanConfiguredIsInvalidClient() async throws {
        try await SimulatorHarness.run { harness in
            let code = try await harness.obtainCode()
            let response = try await harness.postForm(
                "/as/token",
                [
                    ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Demo.redirectURI),
                    ("client_id", Demo.webAppID), ("client_secret", Demo.webAppSecret),
                ])
            #expect(response.status == 401)
            let body = try response.json()
            #expect(body["error"] as? String == "invalid_client")
            #expect((body["error_description"] as? String)?.contains("CLIENT_SECRET_BASIC") == true)
            // The code was not consumed by the failed attempt.
            #expect(try await harness.exchange(code: code).status == 200)
        }
    }

    @Test func basicCredentialsAreFormURLDecoded() async throws {
        let app = SimulatedApplication(
            id: "client:with space", name: "odd", secret: "s3cr:t+/=", tokenEndpointAuthMethod: "CLIENT_SECRET_BASIC",
            redirectURIs: ["http://127.0.0.1/callback"])
        try await SimulatorHarness.run(Demo.configuration(with: app)) { harness in
            let code = try await harness.obtainCode(SimulatorHarness.authorizeParameters(clientID: app.id))
            // RFC 6749 §2.3.1: encode id and secret with application/x-www-form-urlencoded before Base64.
            let encodedID = SimulatorHarness.formEncode([("a", app.id)]).dropFirst(2)
            let encodedSecret = SimulatorHarness.formEncode([("a", app.secret ?? "")]).dropFirst(2)
            let response = try await harness.postForm(
                "/as/token",
                [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Demo.redirectURI)],
                headers: [SimulatorHarness.basic(String(encodedID), String(encodedSecret))])
            #expect(response.status == 200)
        }
    }

    @Test func clientSecretPost() async throws {
        let app = SimulatedApplication(
            id: "post-app", name: "post", secret: "post-secret", tokenEndpointAuthMethod: "CLIENT_SECRET_POST",
            redirectURIs: ["http://127.0.0.1/callback"])
        try await SimulatorHarness.run(Demo.configuration(with: app)) { harness in
            let code = try await harness.obtainCode(SimulatorHarness.authorizeParameters(clientID: app.id))
            let base = [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Demo.redirectURI),
                ("client_id", app.id),
            ]
            let wrong = try await harness.postForm("/as/token", base + [("client_secret", "nope")])
            #expect(wrong.status == 401)
            #expect(wrong.header("WWW-Authenticate") == nil)
            let basic = try await harness.postForm(
                "/as/token", base, headers: [SimulatorHarness.basic(app.id, "post-secret")])
            #expect(basic.status == 401)
            let right = try await harness.postForm("/as/token", base + [("client_secret", "post-secret")])
            #expect(right.status == 200)
        }
    }

    @Test func clientSecretJWT() async throws {
        let app = SimulatedApplication(
            id: "jwt-app", name: "jwt", secret: "a-long-shared-secret-for-hs256-0123456789",
            tokenEndpointAuthMethod: "CLIENT_SECRET_JWT",
            redirectURIs: ["http://127.0.0.1/callback"])
        try await SimulatorHarness.run(Demo.configuration(with: app)) { harness in
            let tokenURL = "\(harness.issuer)/token"
            func attempt(_ assertion: String) async throws -> HTTPResult {
                let code = try await harness.obtainCode(SimulatorHarness.authorizeParameters(clientID: app.id))
                return try await harness.postForm(
                    "/as/token",
                    [
                        ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Demo.redirectURI),
                        ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                        ("client_assertion", assertion),
                    ])
            }
            let secret = try #require(app.secret)
            #expect(
                try await attempt(
                    ClientAssertions.hs256(
                        ClientAssertions.claims(clientID: app.id, audience: tokenURL), secret: secret)
                ).status == 200)
            #expect(
                try await attempt(
                    ClientAssertions.hs256(
                        ClientAssertions.claims(clientID: app.id, audience: harness.issuer), secret: secret)
                ).status == 200)
            #expect(
                try await attempt(
                    ClientAssertions.hs256(
                        ClientAssertions.claims(clientID: app.id, audience: tokenURL), secret: "wrong")
                ).status == 401)
            #expect(
                try await attempt(
                    ClientAssertions.hs256(
                        ClientAssertions.claims(clientID: app.id, audience: tokenURL, expiresIn: -10), secret: secret)
                ).status == 401)
            #expect(
                try await attempt(
                    ClientAssertions.hs256(
                        ClientAssertions.claims(clientID: app.id, audience: tokenURL, expiresIn: 7200), secret: secret)
                ).status == 401)
            #expect(
                try await attempt(
                    ClientAssertions.hs256(
                        ClientAssertions.claims(clientID: app.id, audience: "https://elsewhere"), secret: secret)
                ).status == 401)
            var noExp = ClientAssertions.claims(clientID: app.id, audience: tokenURL)
            noExp["exp"] = nil
            #expect(try await attempt(ClientAssertions.hs256(noExp, secret: secret)).status == 401)
            let replayed = try ClientAssertions.hs256(
                ClientAssertions.claims(clientID: app.id, audience: tokenURL, jti: "same"), secret: secret)
            #expect(try await attempt(replayed).status == 200)
            #expect(try await attempt(replayed).status == 401)
            #expect(try await attempt("not.a.jwt").status == 401)
            #expect(try await attempt("!!!.@@@.###").status == 401)
        }
    }

    @Test func privateKeyJWTWithES256AndRS256() async throws {
        let ecKey = P256.Signing.PrivateKey()
        let rsaKey = try await offPool { try _RSA.Signing.PrivateKey(keySize: .bits2048) }
        let ecApp = SimulatedApplication(
            id: "pkjwt-ec", name: "ec", tokenEndpointAuthMethod: "PRIVATE_KEY_JWT",
            redirectURIs: ["http://127.0.0.1/callback"],
            jwks: ClientAssertions.jwks(p256: ecKey, kid: "ec-1"))
        let rsaApp = SimulatedApplication(
            id: "pkjwt-rsa", name: "rsa", tokenEndpointAuthMethod: "PRIVATE_KEY_JWT",
            redirectURIs: ["http://127.0.0.1/callback"],
            jwks: try ClientAssertions.jwks(rsa: rsaKey, kid: "rsa-1"))
        var configuration = Demo.configuration(with: ecApp)
        configuration.applications.append(rsaApp)
        try await SimulatorHarness.run(configuration) { harness in
            let tokenURL = "\(harness.issuer)/token"
            func attempt(_ appID: String, _ assertion: String) async throws -> HTTPResult {
                let code = try await harness.obtainCode(SimulatorHarness.authorizeParameters(clientID: appID))
                return try await harness.postForm(
                    "/as/token",
                    [
                        ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Demo.redirectURI),
                        ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                        ("client_assertion", assertion),
                    ])
            }
            #expect(
                try await attempt(
                    ecApp.id,
                    ClientAssertions.es256(
                        ClientAssertions.claims(clientID: ecApp.id, audience: tokenURL), key: ecKey, kid: "ec-1")
                ).status == 200)
            #expect(
                try await attempt(
                    rsaApp.id,
                    ClientAssertions.rs256(
                        ClientAssertions.claims(clientID: rsaApp.id, audience: tokenURL), key: rsaKey, kid: "rsa-1")
                ).status == 200)
            let otherKey = P256.Signing.PrivateKey()
            let forged = try await attempt(
                ecApp.id,
                ClientAssertions.es256(
                    ClientAssertions.claims(clientID: ecApp.id, audience: tokenURL), key: otherKey, kid: "ec-1"))
            #expect(forged.status == 401)
            #expect(try forged.json()["error"] as? String == "invalid_client")
            // An HS256 assertion is CLIENT_SECRET_JWT, not the configured method.
            let wrongMethod = try await attempt(
                ecApp.id,
                ClientAssertions.hs256(ClientAssertions.claims(clientID: ecApp.id, audience: tokenURL), secret: "x"))
            #expect(wrongMethod.status == 401)
        }
    }

    @Test func publicClientWithPKCES256() async throws {
        try await SimulatorHarness.run { harness in
            let pkce = [("code_challenge", Vectors.pkceChallenge), ("code_challenge_method", "S256")]
            let code = try await harness.obtainCode(
                SimulatorHarness.authorizeParameters(clientID: Demo.spaID, extra: pkce))
            let base = [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Demo.redirectURI),
                ("client_id", Demo.spaID),
            ]
            let missing = try await harness.postForm("/as/token", base)
            #expect(missing.status == 400)
            #expect(try missing.json()["error"] as? String == "invalid_grant")
            #expect((try missing.json()["error_description"] as? String)?.contains("PKCE verification failed") == true)
            let wrong = try await harness.postForm(
                "/as/token", base + [("code_verifier", String(repeating: "a", count: 43))])
            #expect(try wrong.json()["error"] as? String == "invalid_grant")
            #expect((try wrong.json()["error_description"] as? String)?.contains("PKCE verification failed") == true)
            // NONE: the client must be named, and must not present a secret it does not have.
            let anonymous = try await harness.postForm(
                "/as/token", Array(base.dropLast()) + [("code_verifier", Vectors.pkceVerifier)])
            #expect(anonymous.status == 401)
            let withSecret = try await harness.postForm(
                "/as/token", base + [("code_verifier", Vectors.pkceVerifier), ("client_secret", "made-up")])
            #expect(withSecret.status == 401)
            #expect(try withSecret.json()["error"] as? String == "invalid_client")
            let right = try await harness.postForm("/as/token", base + [("code_verifier", Vectors.pkceVerifier)])
            #expect(right.status == 200)
        }
    }

    @Test func plainPKCE() async throws {
        try await SimulatorHarness.run { harness in
            let verifier = String(repeating: "p", count: 50)
            let code = try await harness.obtainCode(
                SimulatorHarness.authorizeParameters(
                    extra: [("code_challenge", verifier), ("code_challenge_method", "plain")]))
            #expect(try await harness.exchange(code: code, extra: [("code_verifier", verifier)]).status == 200)
        }
    }

    @Test func reusedCodeIsInvalidGrantAndRevokesItsTokens() async throws {
        try await SimulatorHarness.run { harness in
            let code = try await harness.obtainCode()
            let first = try await harness.exchange(code: code)
            let accessToken = try #require(try first.json()["access_token"] as? String)
            #expect(
                try await harness.get("/as/userinfo", headers: [("Authorization", "Bearer \(accessToken)")]).status
                    == 200)
            let second = try await harness.exchange(code: code)
            #expect(second.status == 400)
            #expect(try second.json()["error"] as? String == "invalid_grant")
            #expect(
                try await harness.get("/as/userinfo", headers: [("Authorization", "Bearer \(accessToken)")]).status
                    == 401)
        }
    }

    @Test func redirectURIMismatchIsInvalidGrant() async throws {
        try await SimulatorHarness.run { harness in
            let code = try await harness.obtainCode()
            let response = try await harness.exchange(code: code, redirectURI: "http://localhost/callback")
            #expect(response.status == 400)
            #expect(try response.json()["error"] as? String == "invalid_grant")
        }
    }

    @Test func unknownAndExpiredCodesAreInvalidGrant() async throws {
        let clock = ManualClock()
        try await SimulatorHarness.run(clock: clock) { harness in
            #expect(try await harness.exchange(code: UUID().uuidString).json()["error"] as? String == "invalid_grant")
            let code = try await harness.obtainCode()
            clock.advance(by: 61)
            let expired = try await harness.exchange(code: code)
            #expect(try expired.json()["error"] as? String == "invalid_grant")
            #expect((try expired.json()["error_description"] as? String)?.contains("expired") == true)
        }
    }

    @Test func grantTypeErrors() async throws {
        try await SimulatorHarness.run { harness in
            let basic = [SimulatorHarness.basic(Demo.webAppID, Demo.webAppSecret)]
            let missing = try await harness.postForm("/as/token", [("code", "x")], headers: basic)
            #expect(try missing.json()["error"] as? String == "invalid_request")
            let unsupported = try await harness.postForm("/as/token", [("grant_type", "password")], headers: basic)
            #expect(try unsupported.json()["error"] as? String == "unsupported_grant_type")
            let json = try await harness.postJSON("/as/token", "{}", contentType: "application/json", headers: basic)
            #expect(try json.json()["error"] as? String == "invalid_request")
        }
    }

    @Test func refreshRotatesAndReuseRevokesTheFamily() async throws {
        try await SimulatorHarness.run { harness in
            let first = try await harness.tokens()
            let refresh1 = try #require(first["refresh_token"] as? String)
            let basic = [SimulatorHarness.basic(Demo.webAppID, Demo.webAppSecret)]
            let second = try await harness.postForm(
                "/as/token", [("grant_type", "refresh_token"), ("refresh_token", refresh1)], headers: basic)
            #expect(second.status == 200)
            let refresh2 = try #require(try second.json()["refresh_token"] as? String)
            let access2 = try #require(try second.json()["access_token"] as? String)
            #expect(refresh2 != refresh1)
            #expect(try second.json()["id_token"] is String)
            let replay = try await harness.postForm(
                "/as/token", [("grant_type", "refresh_token"), ("refresh_token", refresh1)], headers: basic)
            #expect(try replay.json()["error"] as? String == "invalid_grant")
            let afterReplay = try await harness.postForm(
                "/as/token", [("grant_type", "refresh_token"), ("refresh_token", refresh2)], headers: basic)
            #expect(try afterReplay.json()["error"] as? String == "invalid_grant")
            #expect(
                try await harness.get("/as/userinfo", headers: [("Authorization", "Bearer \(access2)")]).status == 401)
        }
    }

    @Test func opaqueRefreshTokens() async throws {
        var app = try #require(SimulatorConfiguration.demo.applications.first)
        app.refreshTokenType = "OPAQUE_TOKEN"
        try await SimulatorHarness.run(Demo.configuration(with: app)) { harness in
            let body = try await harness.tokens()
            let refresh = try #require(body["refresh_token"] as? String)
            #expect(!refresh.contains("."))
            let next = try await harness.postForm(
                "/as/token", [("grant_type", "refresh_token"), ("refresh_token", refresh)],
                headers: [SimulatorHarness.basic(Demo.webAppID, Demo.webAppSecret)])
            #expect(next.status == 200)
        }
    }
}
