import Testing

@testable import FlowEngine

/// Reading JWKs, JWKS and PEM keys, and the reasons when they cannot be used.
@Suite struct JSONWebKeySetTests {
    @Test func unusableMembersAreSkippedWithTheirReasons() throws {
        let text = """
            {"keys":[
              {"kty":"RSA","kid":"good","n":"\(Base64URL.encode([UInt8](repeating: 0xAB, count: 256)))","e":"AQAB","use":"sig","alg":"RS256"},
              {"kty":"EC","kid":"short","crv":"P-256","x":"AAAA","y":"AAAA"},
              {"kty":"EC","kid":"curve","crv":"secp256k1","x":"AAAA","y":"AAAA"},
              {"kty":"OKP","kid":"x448","crv":"X448","x":"AAAA"},
              {"kty":"RSA","kid":"padded","n":"AQAB==","e":"AQAB"},
              {"kty":"foo","kid":"kty"},
              {"kid":"none"},
              "not an object"
            ]}
            """
        let set = try JSONWebKeySet(text: text)
        #expect(set.keyIDs == ["good"])
        #expect(set.keys.first?.algorithm == "RS256")
        #expect(set.keys.first?.use == "sig")
        #expect(set.keys.first?.origin == .keySet(index: 0))
        #expect(
            set.skipped.map(\.reason) == [
                .wrongLength(member: "x", expected: 32, actual: 3),
                .unsupportedCurve("secp256k1"),
                .unsupportedCurve("X448"),
                .memberNotBase64URL("n", .padding),
                .unsupportedKeyType("foo"),
                .missingMember("kty"),
                .notAnObject,
            ])
        #expect(set.skipped.map(\.keyID) == ["short", "curve", "x448", "padded", "kty", "none", nil])
        #expect(set.skipped[0].reason.description == "the key's \"x\" is 3 bytes; its curve needs 32")
    }

    @Test func skippedKeysShowInTheInspection() throws {
        let set = try JSONWebKeySet(text: #"{"keys":[{"kty":"foo","kid":"odd"}]}"#)
        let inspection = TokenInspector(keys: set).inspect(try Sample.idToken(), expecting: Sample.expectations())
        #expect(
            inspection.text.contains(
                "note: JWKS key #1 (kid odd) skipped: key type \"foo\" is not one authflow verifies with"))
        #expect(inspection.signature == .noKeyOfType(.rs256, available: []))
        #expect(inspection.check("signature")?.reason == "RS256 needs an RSA key; no usable keys were given")
    }

    @Test(arguments: [
        ("", JSONWebKeyError.notJSON(JSONParseError(reason: "the document is empty", offset: 0))),
        ("[]", .notAnObject),
        ("{}", .missingKeys),
        (#"{"keys":{}}"#, .missingKeys),
        ("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", .unreadablePEM),
        (#"{"kty":"EC","crv":"P-256","x":7}"#, .memberNotString("x")),
    ])
    func wholeSetErrors(text: String, error: JSONWebKeyError) {
        #expect(throws: error) { try JSONWebKeySet(text: text) }
    }

    @Test func aSingleJWKIsASetOfOne() throws {
        let set = try JSONWebKeySet(text: #"{"kty":"oct","k":"c2VjcmV0","kid":"s"}"#)
        #expect(
            set.keys == [JSONWebKey(material: .symmetric(key: Array("secret".utf8)), keyID: "s", origin: .singleKey)])
    }

    @Test func rfc8037Ed25519Thumbprint() throws {
        // RFC 8037 Appendix A.2 and A.3.
        let key = try JSONWebKey(
            jsonText: #"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#)
        #expect(key.thumbprint == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k")
    }

    @Test(arguments: [TestKey.p256Key, .p384Key, .p521Key])
    func ecPEMKeysReadToTheSamePoint(key: TestKey) throws {
        let pem: String =
            switch key {
            case .p256(let k): k.publicKey.pemRepresentation
            case .p384(let k): k.publicKey.pemRepresentation
            case .p521(let k): k.publicKey.pemRepresentation
            default: ""
            }
        let fromPEM = try JSONWebKey(pem: pem)
        #expect(fromPEM.material == key.publicJWK().material)
        #expect(fromPEM.summary.hasPrefix("EC P-"))
    }

    @Test func rsaPublicPEMReads() throws {
        guard case .rsa(let key) = TestKey.vectorRSA else { return }
        let fromPEM = try JSONWebKey(pem: key.publicKey.pemRepresentation)
        #expect(fromPEM.material == TestKey.vectorRSA.publicJWK().material)
    }
}
