import Foundation
import TestSupport
import Testing

@testable import FlowEngine

/// Every vector in `../shared/vectors`, through the inspector.
@Suite struct VectorTests {
    let rfc: JSONValue

    init() throws {
        rfc = try Vectors.rfc()
    }

    // MARK: - RFC 7515 Appendix A

    @Test func rfc7515A1HS256VerifiesWithItsKey() throws {
        let compact = try Vectors.string(rfc, "rfc7515_a1_hs256", "compact")
        let jwk = try #require(rfc["rfc7515_a1_hs256"]?["jwk"])
        let keys = try JSONWebKeySet(json: jwk)
        let token = try JSONWebToken.parse(compact)
        let result = SignatureVerifier(keys: keys).verify(token)
        guard case .verified(.hs256, let key, .onlyKeyOfType) = result else {
            Issue.record("expected HS256 verified with the only oct key, got \(result)")
            return
        }
        #expect(key.summary == "oct 512-bit")
        #expect(key.thumbprint == nil, "a shared secret's hash is not shown")
        // The parts the vector lists are what the parser split out.
        #expect(
            token.signingInput
                == "\(try Vectors.string(rfc, "rfc7515_a1_hs256", "protected_b64u")).\(try Vectors.string(rfc, "rfc7515_a1_hs256", "payload_b64u"))"
        )
    }

    @Test func rfc7515A1FailsWithAnotherSecret() throws {
        let compact = try Vectors.string(rfc, "rfc7515_a1_hs256", "compact")
        let result = SignatureVerifier(clientSecret: "not the key").verify(try JSONWebToken.parse(compact))
        guard case .badSignature(.hs256, let keys) = result else {
            Issue.record("expected a bad signature, got \(result)")
            return
        }
        #expect(keys.map(\.origin) == [.clientSecret])
    }

    @Test func rfc7515A2RS256VerifiesWithItsPublicKey() throws {
        let compact = try Vectors.string(rfc, "rfc7515_a2_rs256", "compact")
        let jwk = try JSONWebKey(json: try #require(rfc["rfc7515_a2_rs256"]?["jwk_public"]))
        let result = SignatureVerifier(keys: JSONWebKeySet(keys: [jwk])).verify(try JSONWebToken.parse(compact))
        guard case .verified(.rs256, let key, .onlyKeyOfType) = result else {
            Issue.record("expected RS256 verified, got \(result)")
            return
        }
        #expect(key.summary == "RSA 2048-bit")
        #expect(key.thumbprint == jwk.thumbprint)
    }

    @Test func rfc7515A2FailsAgainstAnotherRSAKey() throws {
        let compact = try Vectors.string(rfc, "rfc7515_a2_rs256", "compact")
        let other = TestKey.otherRSA.publicJWK()
        let result = SignatureVerifier(keys: JSONWebKeySet(keys: [other])).verify(try JSONWebToken.parse(compact))
        #expect(result.code == "bad_signature")
    }

    // MARK: - RFC 7519

    @Test func rfc7519ExampleIsTheSameTokenAsA1() throws {
        let example = try Vectors.string(rfc, "rfc7519_3_1_example_jwt", "compact")
        let token = try JSONWebToken.parse(example)
        let claims = try #require(rfc["rfc7519_3_1_example_jwt"]?["claims"])
        #expect(token.claims == claims, "claims decoded in the order sent")
        #expect(token.claims?.members?.map(\.key) == ["iss", "exp", "http://example.com/is_root"])
    }

    @Test func rfc7519UnsecuredTokenIsReportedAsAlgNone() throws {
        let compact = try Vectors.string(rfc, "rfc7519_6_1_unsecured_jwt", "compact")
        let keys = try JSONWebKeySet(json: try #require(rfc["rfc7515_a1_hs256"]?["jwk"]))
        let inspection = TokenInspector(keys: keys, clientSecret: "secret")
            .inspect(compact, expecting: TokenExpectations(now: Sample.now))
        #expect(inspection.signature == .unsecured)
        #expect(inspection.token?.signature == [])
        let check = try #require(inspection.check("signature"))
        #expect(check.outcome == .fail)
        #expect(check.reason.contains("\"none\""))
        #expect(inspection.isParsed && !inspection.failures.isEmpty)
    }

    // MARK: - base64url

    @Test(arguments: ["f", "fo", "foo", "foob", "fooba", "foobar"])
    func rfc4648Section10(plain: String) throws {
        let encoded = try Vectors.string(rfc, "base64url_rfc4648_s10", plain)
        #expect(try Base64URL.decode(encoded) == Array(plain.utf8))
        #expect(Base64URL.encode(plain) == encoded)
    }

    @Test func alphabetVector() throws {
        let url = try Vectors.string(rfc, "base64url_alphabet", "base64url")
        let standard = try Vectors.string(rfc, "base64url_alphabet", "base64")
        let hex = try Vectors.string(rfc, "base64url_alphabet", "octets_hex")
        let octets = stride(from: 0, to: hex.count, by: 2).compactMap { offset in
            UInt8(String(hex.dropFirst(offset).prefix(2)), radix: 16)
        }
        #expect(octets.count == 3)
        #expect(try Base64URL.decode(url) == octets)
        #expect(Base64URL.encode(octets) == url)
        #expect(throws: Base64URL.DecodingError.standardAlphabet("+")) { try Base64URL.decode(standard) }
    }

    @Test(arguments: ["len_mod4_0", "len_mod4_2", "len_mod4_3"])
    func validSegmentLengths(name: String) throws {
        let segment = try Vectors.string(rfc, "base64url_lengths", name)
        let bytes = try Base64URL.decode(segment)
        #expect(Base64URL.encode(bytes) == segment)
    }

    @Test func lengthOneModFourIsRejectedAtTheBase64URLStep() throws {
        let segment = try Vectors.string(rfc, "base64url_lengths", "len_mod4_1_invalid")
        let inspection = TokenInspector().inspect("\(segment).e30.", expecting: TokenExpectations(now: Sample.now))
        #expect(inspection.parseError == .segment(name: "header", .invalidLength(5)))
        #expect(inspection.parseError?.step == .base64url)
        #expect(!inspection.isParsed)
    }

    @Test func jwsEdgeTokenVerifies() throws {
        let compact = try Vectors.string(rfc, "jws_edge_hs256", "compact")
        let keys = try JSONWebKeySet(json: try #require(rfc["jws_edge_hs256"]?["key_jwk"]))
        let inspection = TokenInspector(keys: keys).inspect(compact, expecting: TokenExpectations(now: Sample.now))
        #expect(inspection.signature?.isVerified == true)
        #expect(inspection.token?.claims?["sub"] == .string("?~?~"))
        #expect(inspection.token?.claims?["n"] == .string("ÿ"))
    }

    @Test(arguments: [
        ("negative_padded_payload", Base64URL.DecodingError.padding),
        ("negative_std_alphabet_payload", Base64URL.DecodingError.standardAlphabet("/")),
    ])
    func jwsEdgeNegativesAreRejected(name: String, error: Base64URL.DecodingError) throws {
        let compact = try Vectors.string(rfc, "jws_edge_hs256", name)
        let inspection = TokenInspector().inspect(compact, expecting: TokenExpectations(now: Sample.now))
        #expect(inspection.parseError == .segment(name: "payload", error))
        #expect(inspection.parseError?.step == .base64url)
        #expect(inspection.text.contains("step 3 of 5"))
        #expect(!inspection.isParsed)
    }

    // MARK: - OIDC hashes

    @Test func oidcAtHash() throws {
        let accessToken = try Vectors.string(rfc, "oidc_core_at_hash", "access_token")
        let expected = try Vectors.string(rfc, "oidc_core_at_hash", "at_hash")
        #expect(TokenHash.leftHalf(of: accessToken, algorithm: .rs256) == expected)
    }

    @Test func oidcCHash() throws {
        let code = try Vectors.string(rfc, "oidc_core_c_hash", "code")
        let expected = try Vectors.string(rfc, "oidc_core_c_hash", "c_hash")
        #expect(TokenHash.leftHalf(of: code, algorithm: .rs256) == expected)
    }

    // MARK: - RFC 7638

    @Test func rfc7638Thumbprint() throws {
        let jwk = try JSONWebKey(json: try #require(rfc["rfc7638_3_1_thumbprint"]?["jwk"]))
        #expect(jwk.thumbprint == (try Vectors.string(rfc, "rfc7638_3_1_thumbprint", "thumbprint_sha256_b64u")))
        #expect(jwk.thumbprintInput.hasPrefix("{\"e\":\"AQAB\",\"kty\":\"RSA\",\"n\":\"0vx7"))
    }

    // MARK: - The RS256 test token and its JWKS

    @Test func rs256TestTokenIsValidWithItsJWKS() throws {
        let vector = try Vectors.json("rs256-test-jwt.json")
        let keys = try JSONWebKeySet(text: try Vectors.text("rs256-test-jwks.json"))
        let claims = try #require(vector["claims"])
        let expectations = TokenExpectations(
            issuer: try Vectors.string(claims, "iss"), clientID: try Vectors.string(claims, "aud"),
            nonce: try Vectors.string(claims, "nonce"), accessToken: try Vectors.string(vector, "access_token"),
            now: Sample.now
        )
        let inspection = TokenInspector(keys: keys).inspect(
            try Vectors.string(vector, "valid_until_2100"), expecting: expectations)
        #expect(inspection.kind?.kind == .idToken)
        guard case .verified(.rs256, let key, .byKeyID) = inspection.signature else {
            Issue.record("expected RS256 verified by kid, got \(String(describing: inspection.signature))")
            return
        }
        #expect(key.keyID == keys.keys.first?.keyID)
        #expect(inspection.failures == [])
        for name in ["signature", "iss", "aud", "sub", "exp", "iat", "nonce", "at_hash"] {
            #expect(inspection.check(name)?.outcome == .pass, "\(name)")
        }
        #expect(inspection.token?.claims == claims, "claims in the order sent")
        #expect(inspection.passed)
    }

    @Test func rs256ExpiredTwinIsReportedExpired() throws {
        let vector = try Vectors.json("rs256-test-jwt.json")
        let keys = try JSONWebKeySet(text: try Vectors.text("rs256-test-jwks.json"))
        let claims = try #require(vector["expired_claims"])
        let expectations = TokenExpectations(
            issuer: try Vectors.string(claims, "iss"), clientID: try Vectors.string(claims, "aud"),
            nonce: try Vectors.string(claims, "nonce"), accessToken: try Vectors.string(vector, "access_token"),
            now: Sample.now
        )
        let inspection = TokenInspector(keys: keys).inspect(
            try Vectors.string(vector, "expired_at_1700000600"), expecting: expectations)
        #expect(inspection.signature?.isVerified == true)
        #expect(inspection.failures.map(\.name) == ["exp"])
        #expect(inspection.checks.first?.name == "exp", "failures sort first")
        #expect(inspection.check("exp")?.reason.hasPrefix("expired 2023-11-14 22:23:20Z (1157 d ago)") == true)
        #expect(inspection.isParsed && !inspection.failures.isEmpty)
    }

    @Test func rs256VectorKidIsThePEMKeysThumbprint() throws {
        let fromPEM = try JSONWebKey(pem: try Vectors.text("rs256-test-key.pem"))
        let keys = try JSONWebKeySet(text: try Vectors.text("rs256-test-jwks.json"))
        #expect(fromPEM.origin == .pem)
        #expect(fromPEM.material == keys.keys.first?.material)
        #expect(fromPEM.thumbprint == keys.keys.first?.keyID)
    }

    @Test func rs256TestTokenVerifiesWithThePEMKeyThatHasNoKid() throws {
        let vector = try Vectors.json("rs256-test-jwt.json")
        let keys = try JSONWebKeySet(text: try Vectors.text("rs256-test-key.pem"))
        let token = try JSONWebToken.parse(try Vectors.string(vector, "valid_until_2100"))
        // A PEM key has no kid, so the token's kid names nothing; the key without a kid is used, and that is said.
        let result = SignatureVerifier(keys: keys).verify(token)
        guard case .verified(.rs256, let key, .keyWithoutKeyID(let kid, candidates: 1)) = result else {
            Issue.record("expected RS256 verified with the PEM key, got \(result)")
            return
        }
        #expect(kid == token.keyID)
        #expect(key.origin == .pem)
        #expect(result.description.contains("no key has that kid"))
    }
}
