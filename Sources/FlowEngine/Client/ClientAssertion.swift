import Crypto
import Foundation

/// A client assertion JWT (RFC 7523 §3, OIDC Core §9) for `CLIENT_SECRET_JWT` and `PRIVATE_KEY_JWT`.
public enum ClientAssertion {
    /// The `client_assertion_type` value (RFC 7523 §2.2).
    public static let type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    /// How long an assertion is valid; PingOne accepts at most one hour.
    public static let lifetime: TimeInterval = 300

    /// The claims: `iss` and `sub` the client, `aud` the endpoint, `iat`, `exp`, `jti`.
    public static func claims(clientID: String, audience: String, issuedAt: Date, jwtID: String) -> JSONValue {
        .object([
            JSONMember("iss", .string(clientID)),
            JSONMember("sub", .string(clientID)),
            JSONMember("aud", .string(audience)),
            JSONMember("iat", .integer(Int64(issuedAt.timeIntervalSince1970))),
            JSONMember("exp", .integer(Int64(issuedAt.timeIntervalSince1970 + lifetime))),
            JSONMember("jti", .string(jwtID)),
        ])
    }

    /// An HS256 JWS keyed with the client secret (`CLIENT_SECRET_JWT`).
    public static func signedWithSecret(_ claims: JSONValue, secret: String) -> String {
        let input = Base64URL.encode(#"{"alg":"HS256","typ":"JWT"}"#) + "." + Base64URL.encode(claims.compactText)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return input + "." + Base64URL.encode(Array(mac))
    }

    /// A JWS signed with the client's private key (`PRIVATE_KEY_JWT`, signed request objects).
    public static func signed(_ claims: JSONValue, key: ClientKey) throws(ClientKeyError) -> String {
        var header = [JSONMember("alg", .string(key.algorithm)), JSONMember("typ", .string("JWT"))]
        if let keyID = key.keyID { header.append(JSONMember("kid", .string(keyID))) }
        let input = Base64URL.encode(JSONValue.object(header).compactText) + "." + Base64URL.encode(claims.compactText)
        return input + "." + Base64URL.encode(try key.sign(input))
    }

    /// A `jti` that differs for every request: derived from the flow's state, the endpoint and the time.
    static func jwtID(seed: String, audience: String, at now: Date) -> String {
        let digest = SHA256.hash(data: Array("\(seed)|\(audience)|\(now.timeIntervalSince1970)".utf8))
        return String(Base64URL.encode(Array(digest)).prefix(22))
    }
}
