import Foundation
import Testing

@testable import FlowEngine

/// RFC 7515 §4.1.11: a `crit` header naming extensions authflow does not understand fails the
/// signature, even when the signature itself is good.
@Suite struct CriticalHeaderTests {
    static let secret = "a-client-secret-of-some-length"

    static func verify(header: String) throws -> SignatureResult {
        let compact = HostilePingOne.signed(header: header, claims: #"{"sub":"x"}"#, secret: secret)
        return SignatureVerifier(clientSecret: secret).verify(try JSONWebToken.parse(compact))
    }

    @Test func withoutCritTheSignatureVerifies() throws {
        #expect(try Self.verify(header: #"{"alg":"HS256"}"#).isVerified)
    }

    @Test func anUnknownExtensionFails() throws {
        let result = try Self.verify(header: #"{"alg":"HS256","crit":["exp-ext"],"exp-ext":true}"#)
        #expect(result == .unknownCriticalExtensions(["exp-ext"]))
        #expect(result.code == "unknown_crit")
        #expect(result.description.contains("RFC 7515 §4.1.11"))
        let check = TokenChecks.signatureCheck(result, reference: "RFC 7515 §5.2")
        #expect(check.outcome == .fail)
    }

    @Test(arguments: [
        (#"{"alg":"HS256","crit":"exp-ext"}"#, "not an array"),
        (#"{"alg":"HS256","crit":[]}"#, "an empty array"),
        (#"{"alg":"HS256","crit":[1]}"#, "not all strings"),
        (#"{"alg":"HS256","crit":["alg"]}"#, "which the JWS spec itself defines"),
        (#"{"alg":"HS256","crit":["b64"]}"#, "which the header does not carry"),
    ])
    func aMalformedCritFails(header: String, reason: String) throws {
        guard case .malformedCritical(let got) = try Self.verify(header: header) else {
            Issue.record("expected a malformed crit for \(header)")
            return
        }
        #expect(got.contains(reason))
    }
}
