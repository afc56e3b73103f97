import Crypto
import Foundation
import _CryptoExtras

/// A client's public JWKS (RFC 7517), used to verify `PRIVATE_KEY_JWT` assertions and signed request objects.
struct JWKSet: Sendable {
    enum Key: Sendable {
        case rsa(kid: String?, key: _RSA.Signing.PublicKey)
        case p256(kid: String?, key: P256.Signing.PublicKey)

        var kid: String? {
            switch self {
            case .rsa(let kid, _), .p256(let kid, _): kid
            }
        }
    }

    var keys: [Key]

    /// Parses JWKS JSON; keys of other types are skipped, an RSA or EC key with bad parameters is an error.
    init(json: String) throws(JWTError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: Data(json.utf8))
        } catch {
            throw .noMatchingKey("the application's jwks is not JSON")
        }
        guard case .array(let entries)? = value["keys"] else {
            throw .noMatchingKey("the application's jwks has no \"keys\" array")
        }
        var keys: [Key] = []
        for entry in entries {
            let kid = entry["kid"]?.stringValue
            switch entry["kty"]?.stringValue {
            case "RSA":
                guard let n = entry["n"]?.stringValue.flatMap(Base64URL.decode),
                    let e = entry["e"]?.stringValue.flatMap(Base64URL.decode),
                    let key = try? _RSA.Signing.PublicKey(n: n, e: e)
                else { throw .noMatchingKey("an RSA key in the application's jwks has bad n or e") }
                keys.append(.rsa(kid: kid, key: key))
            case "EC" where entry["crv"]?.stringValue == "P-256":
                guard let x = entry["x"]?.stringValue.flatMap(Base64URL.decode),
                    let y = entry["y"]?.stringValue.flatMap(Base64URL.decode), x.count == 32, y.count == 32,
                    let key = try? P256.Signing.PublicKey(rawRepresentation: x + y)
                else { throw .noMatchingKey("a P-256 key in the application's jwks has bad x or y") }
                keys.append(.p256(kid: kid, key: key))
            default:
                continue
            }
        }
        self.keys = keys
    }

    /// Verifies an RS256/RS384/RS512 or ES256 signature with the key named by `kid` (or any key of the right type).
    func verify(_ jwt: JWT) throws(JWTError) {
        let alg = jwt.algorithm ?? "none"
        let input = Data(jwt.signingInput.utf8)
        let candidates = keys.filter { jwt.keyID == nil || $0.kid == jwt.keyID }
        switch alg {
        case "RS256", "RS384", "RS512":
            let rsaKeys = candidates.compactMap { key -> _RSA.Signing.PublicKey? in
                if case .rsa(_, let rsa) = key { return rsa }
                return nil
            }
            guard !rsaKeys.isEmpty else {
                throw .noMatchingKey("no RSA key\(Self.kidNote(jwt)) in the application's jwks")
            }
            let signature = _RSA.Signing.RSASignature(rawRepresentation: jwt.signature)
            let valid = rsaKeys.contains { key in
                switch alg {
                case "RS384":
                    key.isValidSignature(signature, for: SHA384.hash(data: input), padding: .insecurePKCS1v1_5)
                case "RS512":
                    key.isValidSignature(signature, for: SHA512.hash(data: input), padding: .insecurePKCS1v1_5)
                default: key.isValidSignature(signature, for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5)
                }
            }
            guard valid else { throw .badSignature }
        case "ES256":
            let ecKeys = candidates.compactMap { key -> P256.Signing.PublicKey? in
                if case .p256(_, let ec) = key { return ec }
                return nil
            }
            guard !ecKeys.isEmpty else {
                throw .noMatchingKey("no P-256 key\(Self.kidNote(jwt)) in the application's jwks")
            }
            // RFC 7518 §3.4: the signature is R || S, 64 octets.
            guard let signature = try? P256.Signing.ECDSASignature(rawRepresentation: jwt.signature) else {
                throw .badSignature
            }
            guard ecKeys.contains(where: { $0.isValidSignature(signature, for: input) }) else { throw .badSignature }
        default:
            throw .unsupportedAlgorithm(alg)
        }
    }

    private static func kidNote(_ jwt: JWT) -> String {
        jwt.keyID.map { " with kid \"\($0)\"" } ?? ""
    }
}
