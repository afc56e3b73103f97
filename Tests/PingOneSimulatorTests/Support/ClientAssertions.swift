import Crypto
import Foundation
import _CryptoExtras

/// Builds client assertions and request objects the way a client library would.
enum ClientAssertions {
    /// Standard RFC 7523 claims for `clientID` at `audience`.
    static func claims(
        clientID: String, audience: String, expiresIn: TimeInterval = 300, jti: String = UUID().uuidString
    )
        -> [String: Any]
    {
        let now = Int(Date().timeIntervalSince1970)
        return ["iss": clientID, "sub": clientID, "aud": audience, "exp": now + Int(expiresIn), "iat": now, "jti": jti]
    }

    static func hs256(_ claims: [String: Any], secret: String) throws -> String {
        let input = try signingInput(header: ["alg": "HS256", "typ": "JWT"], claims: claims)
        let mac = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return input + "." + DecodedJWT.base64URLEncode(Data(mac))
    }

    static func es256(_ claims: [String: Any], key: P256.Signing.PrivateKey, kid: String) throws -> String {
        let input = try signingInput(header: ["alg": "ES256", "kid": kid], claims: claims)
        let signature = try key.signature(for: Data(input.utf8))
        return input + "." + DecodedJWT.base64URLEncode(signature.rawRepresentation)
    }

    static func rs256(_ claims: [String: Any], key: _RSA.Signing.PrivateKey, kid: String) throws -> String {
        let input = try signingInput(header: ["alg": "RS256", "kid": kid], claims: claims)
        let signature = try key.signature(for: Data(input.utf8), padding: .insecurePKCS1v1_5)
        return input + "." + DecodedJWT.base64URLEncode(signature.rawRepresentation)
    }

    /// A JWKS JSON string holding one P-256 public key.
    static func jwks(p256 key: P256.Signing.PrivateKey, kid: String) -> String {
        let raw = key.publicKey.rawRepresentation
        let x = DecodedJWT.base64URLEncode(raw.prefix(32))
        let y = DecodedJWT.base64URLEncode(raw.suffix(32))
        return #"{"keys":[{"kty":"EC","crv":"P-256","kid":"\#(kid)","x":"\#(x)","y":"\#(y)","use":"sig"}]}"#
    }

    /// A JWKS JSON string holding one RSA public key.
    static func jwks(rsa key: _RSA.Signing.PrivateKey, kid: String) throws -> String {
        let primitives = try key.publicKey.getKeyPrimitives()
        let n = DecodedJWT.base64URLEncode(primitives.modulus)
        let e = DecodedJWT.base64URLEncode(primitives.publicExponent)
        return #"{"keys":[{"kty":"RSA","kid":"\#(kid)","n":"\#(n)","e":"\#(e)","use":"sig"}]}"#
    }

    private static func signingInput(header: [String: Any], claims: [String: Any]) throws -> String {
        let headerData = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        let claimsData = try JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys])
        return DecodedJWT.base64URLEncode(headerData) + "." + DecodedJWT.base64URLEncode(claimsData)
    }
}
