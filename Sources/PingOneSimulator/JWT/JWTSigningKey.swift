import Crypto
import Foundation
import _CryptoExtras

/// The RS256 key the simulator signs tokens with, made at start; its public half is served at `/as/jwks`.
struct JWTSigningKey: Sendable {
    let keyID: String
    let privateKey: _RSA.Signing.PrivateKey

    /// Generates a fresh RSA-2048 key.
    static func generate(keyID: String = UUID().uuidString.lowercased()) throws -> JWTSigningKey {
        JWTSigningKey(keyID: keyID, privateKey: try _RSA.Signing.PrivateKey(keySize: .bits2048))
    }

    /// Generates a key on a thread of its own: RSA key generation takes a CPU for a while (seconds in a
    /// debug build), and on Swift's cooperative pool that would hold back every other task.
    static func generateOffPool() async throws -> JWTSigningKey {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try generate() })
            }
        }
    }

    /// Signs `claims` as a compact RS256 JWS with header `{"kid":…,"alg":"RS256"}` (no `typ`, as PingOne today).
    func sign(_ claims: JSONValue) throws -> String {
        let header = JSONValue.object([JSONMember("kid", .string(keyID)), JSONMember("alg", "RS256")])
        let signingInput = Base64URL.encode(header.serialized) + "." + Base64URL.encode(claims.serialized)
        // RFC 7518 §3.3: RSASSA-PKCS1-v1_5 with SHA-256.
        let signature = try privateKey.signature(for: Data(signingInput.utf8), padding: .insecurePKCS1v1_5)
        return signingInput + "." + Base64URL.encode(signature.rawRepresentation)
    }

    /// Whether `jwt` carries a valid RS256 signature by this key.
    func verifies(_ jwt: JWT) -> Bool {
        guard jwt.algorithm == "RS256" else { return false }
        let signature = _RSA.Signing.RSASignature(rawRepresentation: jwt.signature)
        return privateKey.publicKey.isValidSignature(
            signature, for: Data(jwt.signingInput.utf8), padding: .insecurePKCS1v1_5)
    }

    /// The public key as an RFC 7517 JWK.
    func publicJWK() throws -> JSONValue {
        let primitives = try privateKey.publicKey.getKeyPrimitives()
        return .object([
            JSONMember("kty", "RSA"),
            JSONMember("kid", .string(keyID)),
            JSONMember("use", "sig"),
            JSONMember("alg", "RS256"),
            JSONMember("n", .string(Base64URL.encode(Self.stripLeadingZeros(primitives.modulus)))),
            JSONMember("e", .string(Base64URL.encode(Self.stripLeadingZeros(primitives.publicExponent)))),
        ])
    }

    /// RFC 7518 §6.3.1: `n` and `e` are unsigned big-endian with no leading zero octets.
    private static func stripLeadingZeros(_ data: Data) -> Data {
        let trimmed = data.drop { $0 == 0 }
        return trimmed.isEmpty ? Data([0]) : Data(trimmed)
    }
}
