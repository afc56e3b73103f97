import Foundation
import TestSupport
import Testing

@testable import PingOneSimulator

/// The simulator's JOSE and PKCE building blocks against independent vectors, without sockets.
@Suite("Vectors")
struct VectorTests {
    @Test func pkceS256MatchesRFC7636AppendixB() {
        #expect(PKCE.verifier(Vectors.pkceVerifier, matches: Vectors.pkceChallenge, method: "S256"))
        #expect(!PKCE.verifier(Vectors.pkceVerifier, matches: Vectors.pkceChallenge, method: "plain"))
        #expect(!PKCE.verifier(Vectors.pkceVerifier + "x", matches: Vectors.pkceChallenge, method: "S256"))
        #expect(PKCE.isWellFormed(Vectors.pkceVerifier))
        #expect(!PKCE.isWellFormed(String(repeating: "a", count: 42)))
        #expect(!PKCE.isWellFormed(String(repeating: "a", count: 129)))
        #expect(!PKCE.isWellFormed(String(repeating: "a", count: 42) + "+"))
    }

    @Test func hs256VerifiesRFC7515A1() throws {
        let jwt = try JWT(compact: Vectors.hs256Compact)
        #expect(jwt.algorithm == "HS256")
        #expect(jwt.claims["iss"] == "joe")
        #expect(jwt.claims["exp"]?.intValue == 1_300_819_380)
        let key = try #require(Base64URL.decode(Vectors.hs256Key))
        #expect(throws: Never.self) { try jwt.verifyHMAC(key: key) }
        #expect(throws: JWTError.badSignature) { try jwt.verifyHMAC(key: key.dropFirst()) }
    }

    @Test func jwsEdgeCasesAreRejected() throws {
        let key = try #require(Base64URL.decode(Vectors.edgeKey))
        #expect(throws: Never.self) { try JWT(compact: Vectors.edgeCompact).verifyHMAC(key: key) }
        #expect(throws: JWTError.self) { try JWT(compact: Vectors.edgePaddedPayload).verifyHMAC(key: key) }
        #expect(throws: JWTError.self) { try JWT(compact: Vectors.edgeStandardAlphabetPayload).verifyHMAC(key: key) }
    }

    @Test func unsecuredJWTIsNeverAccepted() throws {
        let jwt = try JWT(compact: Vectors.unsecuredCompact)
        #expect(throws: JWTError.unsupportedAlgorithm("none")) { try jwt.verifyHMAC(secret: "anything") }
        #expect(throws: JWTError.unsupportedAlgorithm("none")) { try JWKSet(json: Vectors.rs256JWKS).verify(jwt) }
    }

    @Test func rs256VerifiesRFC7515A2AndAKeyedToken() throws {
        #expect(throws: Never.self) { try JWKSet(json: Vectors.rs256JWKS).verify(JWT(compact: Vectors.rs256Compact)) }
        #expect(throws: Never.self) { try JWKSet(json: Vectors.kidJWKS).verify(JWT(compact: Vectors.kidTokenCompact)) }
        // The A.2 token under the other key fails.
        #expect(throws: JWTError.badSignature) {
            try JWKSet(json: Vectors.kidJWKS).verify(JWT(compact: Vectors.rs256Compact))
        }
    }

    @Test func jwksWithBadParametersIsAnError() {
        #expect(throws: JWTError.self) { try JWKSet(json: #"{"keys":[{"kty":"RSA","n":"!!","e":"AQAB"}]}"#) }
        #expect(throws: JWTError.self) { try JWKSet(json: #"{"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]}"#) }
        #expect(throws: JWTError.self) { try JWKSet(json: "[]") }
        #expect(throws: JWTError.self) { try JWKSet(json: "{") }
    }

    @Test func base64URLMatchesRFC4648() throws {
        for (plain, encoded) in Vectors.base64URL {
            #expect(Base64URL.encode(plain) == encoded)
            #expect(Base64URL.decode(encoded) == Data(plain.utf8))
        }
        let octets = try #require(Data(hexString: Vectors.base64URLAlphabetHex))
        #expect(Base64URL.encode(octets) == Vectors.base64URLAlphabet)
        #expect(Base64URL.decode(Vectors.base64URLInvalidLength) == nil)
        #expect(Base64URL.decode("ab+/") == nil)
        #expect(Base64URL.decode("Zg==") == nil)
    }

    @Test func atHashMatchesOIDCCore() {
        #expect(AuthorizationServer.atHash(Vectors.atHashAccessToken) == Vectors.atHash)
    }

    @Test func signedTokensRoundTripThroughTheJWKS() throws {
        let key = try JWTSigningKey.generate(keyID: "k-1")
        let token = try key.sign(.object([JSONMember("sub", "x"), JSONMember("n", 1)]))
        let jwt = try JWT(compact: token)
        #expect(key.verifies(jwt))
        #expect(jwt.header == .object([JSONMember("alg", "RS256"), JSONMember("kid", "k-1")]))
        let jwks = JSONValue.object([JSONMember("keys", .array([try key.publicJWK()]))]).serialized
        #expect(throws: Never.self) { try JWKSet(json: jwks).verify(jwt) }
    }

    @Test func jsonSerializationEscapesControlCharactersAndKeepsOrder() {
        let value = JSONValue.object([
            JSONMember("z", "a\"b\\c\n\u{1B}\u{07}\u{202E}/"),
            JSONMember("a", .array([1, true, .null, .double(1.5)])),
        ])
        #expect(value.serialized == #"{"z":"a\"b\\c\n\u001b\u0007"# + "\u{202E}" + #"/","a":[1,true,null,1.5]}"#)
    }

    @Test func formParametersDecodeLikeBrowsers() {
        let form = FormParameters(encoded: "a=1+2&b=%2F%3D&c=&d&a=dup&%ZZ=bad&e=%E2%80%AE")
        #expect(form["a"] == "1 2")
        #expect(form["b"] == "/=")
        #expect(form["c"] == nil)
        #expect(form["d"] == nil)
        #expect(form["e"] == "\u{202E}")
        #expect(form.repeatedNames == ["a"])
        #expect(form.count(of: "%ZZ") == 0)
        #expect(FormParameters.encode([("k", "a b&c=d/é")]) == "k=a%20b%26c%3Dd%2F%C3%A9")
    }

    @Test func loopbackRedirectMatchingIgnoresOnlyThePort() {
        let registered = "http://127.0.0.1/callback"
        #expect(SimulatedApplication.redirectURI("http://127.0.0.1:49152/callback", matches: registered))
        #expect(!SimulatedApplication.redirectURI("http://127.0.0.1:49152/callback/x", matches: registered))
        #expect(!SimulatedApplication.redirectURI("http://127.0.0.1:49152/callback?x=1", matches: registered))
        #expect(!SimulatedApplication.redirectURI("http://127.0.0.2:49152/callback", matches: registered))
        #expect(!SimulatedApplication.redirectURI("https://127.0.0.1:49152/callback", matches: registered))
        #expect(!SimulatedApplication.redirectURI("http://user@127.0.0.1:1/callback", matches: registered))
        #expect(
            !SimulatedApplication.redirectURI(
                "https://app.example.com:443/callback", matches: "https://app.example.com/callback"))
    }
}
