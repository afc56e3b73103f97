import FlowEngine
import Foundation
import Testing

/// RFC vectors from `shared/vectors/rfc-vectors.json`: PKCE, base64url and JWT decoding.
@Suite struct DecodingVectorTests {
    let vectors: JSONValue

    init() throws {
        let data = try Data(contentsOf: Fixture.vectorURL("rfc-vectors.json"))
        vectors = try JSONValue.parse(Array(data))
    }

    @Test func pkceMatchesRFC7636AppendixB() throws {
        let vector = try #require(vectors["rfc7636_appendix_b_pkce"])
        let octets = try #require(vector["random_octets"]?.elements?.compactMap { $0.int64Value.map { UInt8($0) } })
        let pkce = PKCE(randomOctets: octets, method: .s256)
        #expect(pkce.verifier == vector["code_verifier"]?.stringValue)
        #expect(pkce.challenge == vector["code_challenge"]?.stringValue)
        #expect(PKCE(verifier: pkce.verifier, method: .plain).challenge == pkce.verifier)
    }

    @Test(arguments: ["f", "fo", "foo", "foob", "fooba", "foobar"])
    func base64URLMatchesRFC4648Section10(plain: String) throws {
        let expected = try #require(vectors["base64url_rfc4648_s10"]?[plain]?.stringValue)
        #expect(Base64URL.encode(plain) == expected)
        #expect(try Base64URL.decode(expected) == Array(plain.utf8))
    }

    @Test func base64URLUsesTheURLAlphabetAndRejectsTheStandardOne() throws {
        let vector = try #require(vectors["base64url_alphabet"])
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == vector["base64url"]?.stringValue)
        #expect(throws: Base64URL.DecodingError.standardAlphabet("+")) { try Base64URL.decode("+/+/") }
        #expect(throws: Base64URL.DecodingError.padding) { try Base64URL.decode("Zg==") }
    }

    @Test func base64URLLengthsAreChecked() throws {
        let vector = try #require(vectors["base64url_lengths"])
        for key in ["len_mod4_0", "len_mod4_2", "len_mod4_3"] {
            let text = try #require(vector[key]?.stringValue)
            #expect(throws: Never.self) { try Base64URL.decode(text) }
        }
        #expect(throws: Base64URL.DecodingError.invalidLength(5)) { try Base64URL.decode("eyJhb") }
    }

    @Test func rfc7515HS256TokenDecodesWithHeaderInOrder() throws {
        let vector = try #require(vectors["rfc7515_a1_hs256"])
        let jwt = try JSONWebToken.parse(try #require(vector["compact"]?.stringValue))
        #expect(jwt.header.members?.map(\.key) == ["typ", "alg"])
        #expect(jwt.algorithm == "HS256")
        #expect(jwt.claims?.members?.map(\.key) == ["iss", "exp", "http://example.com/is_root"])
        #expect(jwt.claims?["exp"]?.int64Value == 1_300_819_380)
        #expect(Base64URL.encode(jwt.signature ?? []) == vector["signature_b64u"]?.stringValue)
    }

    @Test func rfc7519UnsecuredTokenHasAnEmptySignatureAndAlgNone() throws {
        let compact = try #require(vectors["rfc7519_6_1_unsecured_jwt"]?["compact"]?.stringValue)
        let jwt = try JSONWebToken.parse(compact)
        #expect(jwt.algorithm == "none")
        #expect(jwt.signature == [])
    }

    @Test func rs256TestTokenDecodes() throws {
        let data = try Data(contentsOf: Fixture.vectorURL("rs256-test-jwt.json"))
        let file = try JSONValue.parse(Array(data))
        let jwt = try JSONWebToken.parse(try #require(file["valid_until_2100"]?.stringValue))
        #expect(jwt.keyID == "fGYrysd1-IbnDo0TM0eja3etHW69KMR5DpVMQZivEPQ")
        #expect(jwt.claims == file["claims"])
    }

    @Test func malformedTokensSayWhichStepFailed() {
        #expect(throws: JWTParseError.segmentCount(2)) { try JSONWebToken.parse("abc.def") }
        #expect(throws: JWTParseError.empty) { try JSONWebToken.parse("  ") }
        #expect(throws: JWTParseError.segment(name: "header", .padding)) { try JSONWebToken.parse("eyJ9=.e30.") }
        #expect(throws: JWTParseError.segmentNotObject(name: "payload")) {
            try JSONWebToken.parse(Base64URL.encode("{}") + "." + Base64URL.encode("[1]") + ".")
        }
        let fiveParts = try? JSONWebToken.parse(Base64URL.encode(#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#) + ".a.b.c.d")
        #expect(fiveParts?.isEncrypted == true)
    }
}
