import Foundation
import Testing

@testable import FlowEngine

/// A key set's RSA keys are made into swift-crypto keys once, not once per token checked: `decode`
/// of a batch and the TUI's re-inspections stay cheap.
@Suite struct PreparedKeyTests {
    let claims = JSONValue.object(["iss": .string("https://issuer.example"), "sub": .string("alice")])

    @Test func aKeySetsRSAKeyIsMadeOnceForManyTokens() throws {
        let key = TestKey.forAlgorithm(.rs256)
        let keys = JSONWebKeySet(keys: [key.publicJWK(kid: "k1")])
        let inspector = TokenInspector(keys: keys)
        let expectations = TokenExpectations(kind: .other, now: Date(timeIntervalSince1970: 1_800_000_000))
        for index in 0..<20 {
            let token = try TestToken.sign(
                header: TestToken.header("RS256", kid: "k1"),
                claims: .object(["sub": .string("user-\(index)")]), key: key)
            let inspection = inspector.inspect(token, expecting: expectations)
            guard case .verified = inspection.signature else {
                Issue.record("token \(index): \(String(describing: inspection.signature))")
                return
            }
        }
        #expect(inspector.verifier.rsaKeysMade == 1)
    }

    @Test func aKeyIsMadeOnceWhenTokensAreCheckedOnSeveralThreadsAtOnce() async throws {
        // `decode` checks a batch on every core with one verifier: the first tokens arrive together.
        let key = TestKey.forAlgorithm(.rs256)
        let verifier = SignatureVerifier(keys: JSONWebKeySet(keys: [key.publicJWK(kid: "k1")]))
        let tokens = try (0..<8).map { index in
            try JSONWebToken.parse(
                TestToken.sign(
                    header: TestToken.header("RS256", kid: "k1"), claims: .object(["sub": .string("user-\(index)")]),
                    key: key))
        }
        let verified = await withTaskGroup(of: Bool.self) { group in
            for token in tokens { group.addTask { verifier.verify(token).isVerified } }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(verified == tokens.count)
        #expect(verifier.rsaKeysMade == 1)
    }

    @Test func aTamperedTokenStillFailsWithTheKeyAlreadyMade() throws {
        let key = TestKey.forAlgorithm(.rs256)
        let verifier = SignatureVerifier(keys: JSONWebKeySet(keys: [key.publicJWK(kid: "k1")]))
        let good = try TestToken.sign(header: TestToken.header("RS256", kid: "k1"), claims: claims, key: key)
        guard case .verified = verifier.verify(try JSONWebToken.parse(good)) else {
            Issue.record("the untampered token did not verify")
            return
        }
        let parts = good.split(separator: ".")
        let tampered = parts[0] + "." + Base64URL.encode(#"{"sub":"mallory"}"#) + "." + parts[2]
        guard case .badSignature = verifier.verify(try JSONWebToken.parse(String(tampered))) else {
            Issue.record("the tampered token was not refused")
            return
        }
        #expect(verifier.rsaKeysMade == 1)
    }

    @Test func aKeySwiftCryptoRefusesIsRefusedEveryTime() throws {
        // A 1024-bit modulus: swift-crypto refuses it, and the refusal is not cached as a key.
        let small = JSONWebKey(
            material: .rsa(modulus: [0xC1] + [UInt8](repeating: 0x5A, count: 127), exponent: [1, 0, 1]), keyID: "small")
        let verifier = SignatureVerifier(keys: JSONWebKeySet(keys: [small]))
        let token = try JSONWebToken.parse(
            Base64URL.encode(#"{"alg":"RS256","kid":"small"}"#) + "." + Base64URL.encode("{}") + "."
                + Base64URL.encode("sig"))
        for _ in 0..<2 {
            guard case .unusableKey = verifier.verify(token) else {
                Issue.record("expected an unusable key, got \(verifier.verify(token))")
                return
            }
        }
        #expect(verifier.rsaKeysMade == 0)
    }
}
