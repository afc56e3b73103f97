import Foundation
import Testing

@testable import FlowEngine

/// Tokens signed by OpenSSL (pyca/cryptography; `Fixtures/make-openssl-signed-tokens.py`), so the
/// verifier is checked against a second implementation and not only against swift-crypto's own signing.
@Suite struct OpenSSLInteropTests {
    static let fixture: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("Fixtures/openssl-signed-tokens.json")

    static func load() throws -> (keys: JSONWebKeySet, tokens: [String: String]) {
        let json = try JSONValue.parse(try String(contentsOf: fixture, encoding: .utf8))
        let keys = try JSONWebKeySet(json: try #require(json["jwks"]))
        var tokens: [String: String] = [:]
        for member in json["tokens"]?.members ?? [] { tokens[member.key] = member.value.stringValue }
        return (keys, tokens)
    }

    @Test func everyAlgorithmHasAToken() throws {
        let (keys, tokens) = try Self.load()
        #expect(Set(tokens.keys) == Set(SignatureAlgorithm.allCases.filter { $0.family != .hmac }.map(\.rawValue)))
        #expect(keys.skipped == [])
    }

    @Test(arguments: SignatureAlgorithm.allCases.filter { $0.family != .hmac })
    func openSSLSignedTokenVerifies(algorithm: SignatureAlgorithm) throws {
        let (keys, tokens) = try Self.load()
        let compact = try #require(tokens[algorithm.rawValue])
        let result = SignatureVerifier(keys: keys).verify(try JSONWebToken.parse(compact))
        guard case .verified(algorithm, _, .byKeyID) = result else {
            Issue.record("\(algorithm.rawValue): \(result)")
            return
        }
        let tampered = TestToken.tampered(
            compact, claims: .object(["iss": .string("https://openssl.example"), "sub": .string("x")]))
        #expect(SignatureVerifier(keys: keys).verify(try JSONWebToken.parse(tampered)).code == "bad_signature")
    }
}
