import Crypto
import Foundation
import TestSupport
import _CryptoExtras

/// A JWT decoded by the tests independently of the simulator's own JWT code.
struct DecodedJWT {
    var header: [String: Any]
    var claims: [String: Any]
    var signingInput: Data
    var signature: Data
    var payloadData: Data

    init(_ token: String) throws {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let header = Self.base64URL(parts[0]), let payload = Self.base64URL(parts[1]),
            let signature = Self.base64URL(parts[2])
        else { throw TestFailure("not a compact JWS: \(token)") }
        guard let headerObject = try JSONSerialization.jsonObject(with: header) as? [String: Any],
            let claimsObject = try JSONSerialization.jsonObject(with: payload) as? [String: Any]
        else { throw TestFailure("JWT parts are not JSON objects") }
        self.header = headerObject
        self.claims = claimsObject
        self.signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        self.signature = signature
        self.payloadData = payload
    }

    /// Verifies the RS256 signature against the JWKS key whose `kid` matches the header.
    func verifiesRS256(withJWKS jwks: [String: Any]) throws -> Bool {
        guard let keys = jwks["keys"] as? [[String: Any]],
            let jwk = keys.first(where: { $0["kid"] as? String == header["kid"] as? String }),
            let n = (jwk["n"] as? String).flatMap(Self.base64URL), let e = (jwk["e"] as? String).flatMap(Self.base64URL)
        else { throw TestFailure("no JWKS key for kid \(header["kid"] ?? "nil")") }
        let key = try _RSA.Signing.PublicKey(n: n, e: e)
        return key.isValidSignature(
            _RSA.Signing.RSASignature(rawRepresentation: signature), for: SHA256.hash(data: signingInput),
            padding: .insecurePKCS1v1_5)
    }

    static func base64URL(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    static func base64URLEncode(_ data: some DataProtocol) -> String {
        Data(data).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(
            of: "/", with: "_"
        )
        .replacingOccurrences(of: "=", with: "")
    }
}
