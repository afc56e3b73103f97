import Foundation
import TestSupport

@testable import FlowEngine

/// PingOne-shaped tokens signed in the test, and the expectations a flow would have for them.
enum Sample {
    /// The fixed "now" of every inspector test: 2027-01-15 08:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let environmentID = Demo.environmentID
    static let issuer = "https://auth.pingone.com/\(environmentID)/as"
    static let clientID = Demo.webAppID
    static let nonce = "n-8f3e2a91"
    static let accessToken = "eyJhbGciOiJSUzI1NiJ9.opaque-for-this-test.sig"
    static let code = "7d1f6a2e-6c40-4b55-a3cf-2f2c5f9a0c11"
    static let kid = "f4697cc0-f083-11ee-92d8-3dcc7b34d647"

    /// An ID token's claims as PingOne sends them, valid at `now`; hashes for `algorithm`.
    static func idClaims(algorithm: SignatureAlgorithm = .rs256) -> JSONValue {
        let seconds = Int64(now.timeIntervalSince1970)
        return .object([
            JSONMember("sub", .string("6f00a1ba-1d86-4b87-afb0-0ea1a952bc2e")),
            JSONMember("aud", .string(clientID)),
            JSONMember("iss", .string(issuer)),
            JSONMember("iat", .integer(seconds - 60)),
            JSONMember("exp", .integer(seconds + 3540)),
            JSONMember("acr", .string("Single_Factor")),
            JSONMember("amr", .array([.string("pwd")])),
            JSONMember("auth_time", .integer(seconds - 120)),
            JSONMember("at_hash", .string(TokenHash.leftHalf(of: accessToken, algorithm: algorithm))),
            JSONMember("c_hash", .string(TokenHash.leftHalf(of: code, algorithm: algorithm))),
            JSONMember("sid", .string("0c4b6ad4-2b4c-4a0c-8e0c-3f1c0f0d7d8e")),
            JSONMember("nonce", .string(nonce)),
            JSONMember("env", .string(environmentID)),
            JSONMember("org", .string("11f69e81-ed5c-4cb0-ac28-40beb9d87dba")),
            JSONMember("p1.region", .string("NA")),
        ])
    }

    /// An RFC 9068 access token's claims, valid at `now`.
    static func accessClaims() -> JSONValue {
        let seconds = Int64(now.timeIntervalSince1970)
        return .object([
            JSONMember("client_id", .string(clientID)),
            JSONMember("iss", .string(issuer)),
            JSONMember("jti", .string("b1d3bba8-3e1c-4a4c-9d9f-3d1e0a3c2b1a")),
            JSONMember("iat", .integer(seconds - 60)),
            JSONMember("exp", .integer(seconds + 3540)),
            JSONMember("aud", .array([.string("https://api.pingone.com")])),
            JSONMember("scope", .string("openid profile email")),
            JSONMember("sub", .string("6f00a1ba-1d86-4b87-afb0-0ea1a952bc2e")),
            JSONMember("sid", .string("0c4b6ad4-2b4c-4a0c-8e0c-3f1c0f0d7d8e")),
            JSONMember("env", .string(environmentID)),
            JSONMember("org", .string("11f69e81-ed5c-4cb0-ac28-40beb9d87dba")),
            JSONMember("p1.region", .string("NA")),
        ])
    }

    /// What a flow that sent `nonce`, got `code` and `accessToken`, and asked for max_age and acr expects.
    static func expectations(kind: TokenKind? = nil) -> TokenExpectations {
        TokenExpectations(
            kind: kind, issuer: issuer, clientID: clientID, nonce: nonce, accessToken: accessToken, code: code,
            maxAge: 600, acrValues: ["Single_Factor", "Multi_Factor"], allowedSkew: 60, now: now
        )
    }

    /// The JWKS with the vector RSA key under `kid`.
    static var keySet: JSONWebKeySet {
        var key = TestKey.vectorRSA.publicJWK(kid: kid)
        key.origin = .keySet(index: 0)
        return JSONWebKeySet(keys: [key])
    }

    /// An RS256 ID token from `claims`, signed with the vector key.
    static func idToken(_ claims: JSONValue = idClaims()) throws -> String {
        try TestToken.sign(header: TestToken.header("RS256", kid: kid, typ: nil), claims: claims, key: .vectorRSA)
    }
}
