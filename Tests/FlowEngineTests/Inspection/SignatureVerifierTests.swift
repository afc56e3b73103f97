import Foundation
import Testing

@testable import FlowEngine

/// Tokens signed in the test with swift-crypto keys, for every algorithm, and each way verification fails.
@Suite struct SignatureVerifierTests {
    let claims = JSONValue.object(["iss": .string("https://issuer.example"), "sub": .string("alice")])

    private func keySet(_ keys: JSONWebKey...) -> JSONWebKeySet {
        JSONWebKeySet(
            keys: keys.enumerated().map { index, key in
                var key = key
                key.origin = .keySet(index: index)
                return key
            })
    }

    @Test(arguments: SignatureAlgorithm.allCases)
    func everyAlgorithmVerifiesByKid(algorithm: SignatureAlgorithm) throws {
        let key = TestKey.forAlgorithm(algorithm)
        let compact = try TestToken.sign(
            header: TestToken.header(algorithm.rawValue, kid: "k1"), claims: claims, key: key)
        // A decoy of another type first, so the kid has to do the choosing.
        let decoy =
            algorithm.family == .edDSA ? TestKey.p256Key.publicJWK(kid: "k0") : TestKey.ed25519Key.publicJWK(kid: "k0")
        let result = SignatureVerifier(keys: keySet(decoy, key.publicJWK(kid: "k1"))).verify(
            try JSONWebToken.parse(compact))
        guard case .verified(let verifiedWith, let reference, .byKeyID) = result else {
            Issue.record("\(algorithm.rawValue): expected verified by kid, got \(result)")
            return
        }
        #expect(verifiedWith == algorithm)
        #expect(reference.keyID == "k1")
        #expect(reference.origin == .keySet(index: 1))
    }

    @Test(arguments: SignatureAlgorithm.allCases)
    func everyAlgorithmFailsWhenThePayloadIsTampered(algorithm: SignatureAlgorithm) throws {
        let key = TestKey.forAlgorithm(algorithm)
        let compact = try TestToken.sign(
            header: TestToken.header(algorithm.rawValue, kid: "k1"), claims: claims, key: key)
        let tampered = TestToken.tampered(compact, claims: claims.setting("sub", .string("mallory")))
        let result = SignatureVerifier(keys: keySet(key.publicJWK(kid: "k1"))).verify(try JSONWebToken.parse(tampered))
        guard case .badSignature(algorithm, let keys) = result else {
            Issue.record("\(algorithm.rawValue): expected bad signature, got \(result)")
            return
        }
        #expect(keys.map(\.keyID) == ["k1"])
        #expect(result.description.contains("does not verify"))
    }

    @Test(arguments: SignatureAlgorithm.allCases.filter { $0.family != .hmac })
    func withoutKidTheOnlyKeyOfTheRightTypeIsUsedAndThatIsSaid(algorithm: SignatureAlgorithm) throws {
        let key = TestKey.forAlgorithm(algorithm)
        let compact = try TestToken.sign(header: TestToken.header(algorithm.rawValue), claims: claims, key: key)
        let secretKey = TestKey.secret.publicJWK(kid: "hmac")
        let result = SignatureVerifier(keys: keySet(secretKey, key.publicJWK(kid: "only"))).verify(
            try JSONWebToken.parse(compact))
        guard case .verified(_, let reference, .onlyKeyOfType) = result else {
            Issue.record("\(algorithm.rawValue): expected the only key of its type, got \(result)")
            return
        }
        #expect(reference.keyID == "only")
        #expect(result.description.contains("the token has no kid; this is the only key of the right type"))
    }

    @Test func withoutKidSeveralCandidatesAreTriedAndTheOneThatVerifiesIsNamed() throws {
        let compact = try TestToken.sign(header: TestToken.header("RS256"), claims: claims, key: .vectorRSA)
        let keys = keySet(TestKey.otherRSA.publicJWK(kid: "a"), TestKey.vectorRSA.publicJWK(kid: "b"))
        let result = SignatureVerifier(keys: keys).verify(try JSONWebToken.parse(compact))
        guard case .verified(.rs256, let reference, .oneOfSeveral(candidates: 2)) = result else {
            Issue.record("expected one of two candidates, got \(result)")
            return
        }
        #expect(reference.keyID == "b")
    }

    @Test(arguments: [SignatureAlgorithm.hs256, .hs384, .hs512])
    func hsAlgorithmsUseTheClientSecret(algorithm: SignatureAlgorithm) throws {
        let secret = "s3cr3t-client-secret-of-a-decent-length-for-hs512-use-0123456789"
        let compact = try TestToken.sign(
            header: TestToken.header(algorithm.rawValue), claims: claims, key: .hmac(Array(secret.utf8)))
        let token = try JSONWebToken.parse(compact)
        #expect(SignatureVerifier(clientSecret: secret).verify(token).isVerified)
        if case .verified(_, let key, let selection) = SignatureVerifier(clientSecret: secret).verify(token) {
            #expect(selection == .clientSecret)
            #expect(key.description == "the client secret")
        }
        #expect(SignatureVerifier(clientSecret: secret + "x").verify(token).code == "bad_signature")
    }

    @Test func unknownKidListsTheKidsAvailable() throws {
        let compact = try TestToken.sign(
            header: TestToken.header("ES256", kid: "rotated-away"), claims: claims, key: .p256Key)
        let keys = keySet(TestKey.p256Key.publicJWK(kid: "current"), TestKey.vectorRSA.publicJWK(kid: "rsa-1"))
        let result = SignatureVerifier(keys: keys).verify(try JSONWebToken.parse(compact))
        #expect(result == .unknownKeyID("rotated-away", available: ["current", "rsa-1"]))
        #expect(result.description.contains("current, rsa-1"))
    }

    @Test func algorithmThatDoesNotMatchTheKeyIsSaid() throws {
        // The token claims ES256, but its kid names an RSA key: an alg/key mismatch, not a bad signature.
        let compact = try TestToken.sign(header: TestToken.header("ES256", kid: "k"), claims: claims, key: .p256Key)
        let rsa = TestKey.vectorRSA.publicJWK(kid: "k")
        let result = SignatureVerifier(keys: keySet(rsa)).verify(try JSONWebToken.parse(compact))
        guard case .algorithmMismatch(.es256, let key, nil) = result else {
            Issue.record("expected an alg/key mismatch, got \(result)")
            return
        }
        #expect(key.summary == "RSA 2048-bit")
        #expect(result.description.contains("needs an EC P-256 key"))
    }

    @Test func algorithmThatDoesNotMatchTheKeysOwnAlgIsSaid() throws {
        let compact = try TestToken.sign(header: TestToken.header("RS512", kid: "k"), claims: claims, key: .vectorRSA)
        let pinned = TestKey.vectorRSA.publicJWK(kid: "k", alg: "RS256")
        let result = SignatureVerifier(keys: keySet(pinned)).verify(try JSONWebToken.parse(compact))
        #expect(result.code == "alg_key_mismatch")
        #expect(result.description.contains("is for RS256"))
    }

    @Test func es256WithACurveP384KeyIsAMismatch() throws {
        let compact = try TestToken.sign(header: TestToken.header("ES256", kid: "k"), claims: claims, key: .p256Key)
        let result = SignatureVerifier(keys: keySet(TestKey.p384Key.publicJWK(kid: "k"))).verify(
            try JSONWebToken.parse(compact))
        #expect(result.code == "alg_key_mismatch")
    }

    @Test func hsTokenWithOnlyRSAKeysAndNoSecretSaysWhatItNeeds() throws {
        let compact = try TestToken.sign(header: TestToken.header("HS256"), claims: claims, key: .secret)
        let result = SignatureVerifier(keys: keySet(TestKey.vectorRSA.publicJWK(kid: "rsa"))).verify(
            try JSONWebToken.parse(compact))
        guard case .noKeyOfType(.hs256, let available) = result else {
            Issue.record("expected no key of type, got \(result)")
            return
        }
        #expect(available.map(\.keyID) == ["rsa"])
        #expect(result.description.contains("shared secret"))
    }

    @Test func noKeyGiven() throws {
        let rs = try JSONWebToken.parse(
            try TestToken.sign(header: TestToken.header("RS256"), claims: claims, key: .vectorRSA))
        #expect(SignatureVerifier().verify(rs) == .noKey(.rs256))
        #expect(SignatureVerifier().verify(rs).description.contains("--jwks"))
        let hs = try JSONWebToken.parse(
            try TestToken.sign(header: TestToken.header("HS256"), claims: claims, key: .secret))
        #expect(SignatureVerifier().verify(hs).description.contains("--secret"))
    }

    @Test func derEncodedECDSASignatureIsCalledMalformed() throws {
        let input = Base64URL.encode(TestToken.header("ES256").compactText) + "." + Base64URL.encode(claims.compactText)
        let der = try #require(try TestKey.p256Key.derSignature(Array(input.utf8)))
        let token = try JSONWebToken.parse(input + "." + Base64URL.encode(der))
        let result = SignatureVerifier(keys: keySet(TestKey.p256Key.publicJWK())).verify(token)
        guard case .malformedSignature(.es256, let reason) = result else {
            Issue.record("expected malformed, got \(result)")
            return
        }
        #expect(reason.contains("64-byte R || S"))
        #expect(reason.contains("DER"))
    }

    @Test func headerProblemsAreReported() throws {
        let noAlg = try JSONWebToken.parse(Base64URL.encode("{\"typ\":\"JWT\"}") + ".e30.")
        #expect(SignatureVerifier().verify(noAlg) == .missingAlgorithm)
        let weird = try JSONWebToken.parse(Base64URL.encode("{\"alg\":\"HS1\"}") + ".e30.AAAA")
        #expect(SignatureVerifier(clientSecret: "x").verify(weird) == .unsupportedAlgorithm("HS1"))
    }

    @Test func jweIsNotVerifiable() throws {
        let header = Base64URL.encode("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}")
        let jwe = try JSONWebToken.parse("\(header).AAAA.AAAA.AAAA.AAAA")
        #expect(SignatureVerifier(keys: keySet(TestKey.vectorRSA.publicJWK())).verify(jwe) == .encrypted)
    }

    @Test func smallRSAKeyIsUnusableWithAReason() throws {
        let compact = try TestToken.sign(
            header: TestToken.header("RS256", kid: "small"), claims: claims, key: .vectorRSA)
        let small = JSONWebKey(
            material: .rsa(modulus: [0xC1] + [UInt8](repeating: 0x55, count: 127), exponent: [1, 0, 1]), keyID: "small")
        let result = SignatureVerifier(keys: keySet(small)).verify(try JSONWebToken.parse(compact))
        guard case .unusableKey(_, let reason) = result else {
            Issue.record("expected an unusable key, got \(result)")
            return
        }
        #expect(reason.contains("1024-bit"))
    }

    @Test func ecPointOffTheCurveIsUnusable() throws {
        let compact = try TestToken.sign(header: TestToken.header("ES256", kid: "bad"), claims: claims, key: .p256Key)
        let bad = JSONWebKey(
            material: .ellipticCurve(.p256, x: [UInt8](repeating: 1, count: 32), y: [UInt8](repeating: 2, count: 32)),
            keyID: "bad")
        let result = SignatureVerifier(keys: keySet(bad)).verify(try JSONWebToken.parse(compact))
        #expect(result.code == "unusable_key")
    }

    @Test func encryptionKeysAreNotUsedForSignatures() throws {
        let compact = try TestToken.sign(header: TestToken.header("RS256"), claims: claims, key: .vectorRSA)
        var encryptionKey = TestKey.vectorRSA.publicJWK(kid: "enc")
        encryptionKey.use = "enc"
        let result = SignatureVerifier(keys: keySet(encryptionKey)).verify(try JSONWebToken.parse(compact))
        #expect(result.code == "no_key_of_type")
    }
}

extension SignatureVerifierTests {
    @Test func keysLimitedToAnotherUseAreListedWithTheirLimits() throws {
        let compact = try TestToken.sign(header: TestToken.header("RS256"), claims: claims, key: .vectorRSA)
        var encryptionKey = TestKey.vectorRSA.publicJWK(kid: "enc")
        encryptionKey.use = "enc"
        let result = SignatureVerifier(keys: keySet(encryptionKey)).verify(try JSONWebToken.parse(compact))
        #expect(result.description.contains("RSA 2048-bit (use enc)"))
    }
}

extension SignatureVerifierTests {
    /// The classic algorithm confusion: an HS256 token whose HMAC key is the issuer's public RSA key.
    /// An RSA key is never used as an HMAC secret, so it does not verify.
    @Test func hs256SignedWithThePublicRSAKeyIsNotAccepted() throws {
        guard case .rsa(let rsa) = TestKey.vectorRSA else { return }
        let publicPEM = Array(rsa.publicKey.pemRepresentation.utf8)
        let forged = try TestToken.sign(
            header: TestToken.header("HS256", kid: "k"), claims: claims, key: .hmac(publicPEM))
        let keys = keySet(TestKey.vectorRSA.publicJWK(kid: "k"))
        let result = SignatureVerifier(keys: keys).verify(try JSONWebToken.parse(forged))
        #expect(result.code == "alg_key_mismatch")
        #expect(!result.isVerified)
    }
}
