import Crypto
import _CryptoExtras

/// Checks a JWS signature against a key set or a client secret (RFC 7515 §5.2).
///
/// All cryptography is swift-crypto's. The verifier only decides which key to try and turns each
/// way it can go wrong into a `SignatureResult` case.
public struct SignatureVerifier: Equatable, Sendable {
    /// The issuer's keys (a JWKS, a JWK or a PEM key), when given.
    public var keys: JSONWebKeySet?
    /// The client secret, for HS256/384/512 (OIDC Core §10.1).
    public var clientSecret: String?
    /// swift-crypto's RSA public keys, each made once from its JWK for every token this verifier
    /// (and its copies) checks, rather than once per token.
    private let rsaKeys = RSAKeyCache()

    /// A verifier with the keys and client secret to try; either may be absent.
    public init(keys: JSONWebKeySet? = nil, clientSecret: String? = nil) {
        self.keys = keys
        self.clientSecret = clientSecret
    }

    /// How many swift-crypto RSA keys this verifier has made: one per key used, however many
    /// tokens it checked.
    public var rsaKeysMade: Int { rsaKeys.made }

    public static func == (lhs: SignatureVerifier, rhs: SignatureVerifier) -> Bool {
        // The key cache is derived from the keys.
        lhs.keys == rhs.keys && lhs.clientSecret == rhs.clientSecret
    }

    /// Verifies a parsed token.
    public func verify(_ token: JSONWebToken) -> SignatureResult {
        guard let signature = token.signature, !token.isEncrypted else { return .encrypted }
        if token.signatureRedacted { return .redacted }
        guard let alg = token.algorithm else { return .missingAlgorithm }
        if alg == "none" { return .unsecured }
        if let critical = Self.criticalProblem(token.header) { return critical }
        guard let algorithm = SignatureAlgorithm(rawValue: alg) else { return .unsupportedAlgorithm(alg) }
        let input = Array(token.signingInput.utf8)

        // OIDC Core §10.1: HS algorithms use the client secret's UTF-8 octets as the key.
        // An oct key the token's kid names in the key set wins over the client secret.
        if algorithm.family == .hmac, let clientSecret {
            let namedInKeys = token.keyID.map { kid in keys?.keys.contains { $0.keyID == kid } ?? false } ?? false
            if !namedInKeys {
                let key = JSONWebKey.clientSecret(clientSecret)
                return check(algorithm, signature: signature, input: input, keys: [key], selection: .clientSecret)
            }
        }
        guard let keys, !(keys.keys.isEmpty && keys.skipped.isEmpty) else { return .noKey(algorithm) }
        // A key set was given, but none of its keys could be read: say that, not "no key given".
        guard !keys.keys.isEmpty else { return .noKeyOfType(algorithm, available: []) }

        if let kid = token.keyID {
            let named = keys.keys.filter { $0.keyID == kid }
            guard !named.isEmpty else {
                // A key with no kid at all (a PEM key) may still be the one: try those of the right type.
                let unnamed = keys.keys.filter { $0.keyID == nil && fits($0, algorithm) }
                guard !unnamed.isEmpty else { return .unknownKeyID(kid, available: keys.keyIDs) }
                return check(
                    algorithm, signature: signature, input: input, keys: unnamed,
                    selection: .keyWithoutKeyID(kid, candidates: unnamed.count))
            }
            let usable = named.filter { fits($0, algorithm) }
            guard !usable.isEmpty else {
                let key = named[0]
                return .algorithmMismatch(algorithm, key: KeyReference(key), keyAlgorithm: key.algorithm)
            }
            return check(algorithm, signature: signature, input: input, keys: usable, selection: .byKeyID)
        }

        // RFC 7515 §4.1.4 leaves kid optional; with none, use the one key of the right type.
        let candidates = keys.keys.filter { fits($0, algorithm) }
        switch candidates.count {
        case 0: return .noKeyOfType(algorithm, available: keys.keys.map(KeyReference.init))
        case 1: return check(algorithm, signature: signature, input: input, keys: candidates, selection: .onlyKeyOfType)
        default:
            return check(
                algorithm, signature: signature, input: input, keys: candidates,
                selection: .oneOfSeveral(candidates: candidates.count))
        }
    }

    /// The JWS header parameters RFC 7515 and RFC 7519 define, which `crit` must not list (§4.1.11).
    static let registeredHeaderParameters: Set<String> = [
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
    ]

    /// RFC 7515 §4.1.11: `crit` lists extensions the recipient must understand; authflow
    /// understands none, so any name (or a malformed `crit`) makes the signature invalid.
    static func criticalProblem(_ header: JSONValue) -> SignatureResult? {
        guard let critical = header["crit"] else { return nil }
        guard let elements = critical.elements else { return .malformedCritical(reason: "not an array") }
        guard !elements.isEmpty else { return .malformedCritical(reason: "an empty array") }
        let names = elements.compactMap(\.stringValue)
        guard names.count == elements.count else { return .malformedCritical(reason: "not all strings") }
        if let registered = names.first(where: registeredHeaderParameters.contains) {
            return .malformedCritical(reason: "it lists \"\(registered)\", which the JWS spec itself defines")
        }
        if let absent = names.first(where: { header[$0] == nil }) {
            return .malformedCritical(reason: "it lists \"\(absent)\", which the header does not carry")
        }
        return .unknownCriticalExtensions(names)
    }

    /// Whether a key may be used with an algorithm: the material's kind and the key's own `alg`.
    private func fits(_ key: JSONWebKey, _ algorithm: SignatureAlgorithm) -> Bool {
        guard algorithm.accepts(key.material) else { return false }
        if let declared = key.algorithm, declared != algorithm.rawValue { return false }
        if let use = key.use, use != "sig" { return false }
        return true
    }

    private func check(
        _ algorithm: SignatureAlgorithm, signature: [UInt8], input: [UInt8], keys: [JSONWebKey], selection: KeySelection
    ) -> SignatureResult {
        for key in keys {
            switch Self.isValid(signature, for: input, algorithm: algorithm, key: key.material, rsaKeys: rsaKeys) {
            case .success(true):
                return .verified(algorithm, key: rsaKeys.reference(for: key), selection: selection)
            case .success(false):
                continue
            case .failure(.malformedSignature(let reason)):
                return .malformedSignature(algorithm, reason: reason)
            case .failure(.unusableKey(let reason)):
                if keys.count == 1 { return .unusableKey(KeyReference(key), reason: reason) }
            }
        }
        return .badSignature(algorithm, keys: keys.map(KeyReference.init))
    }

    // MARK: - swift-crypto

    private enum VerificationProblem: Error {
        case malformedSignature(String)
        case unusableKey(String)
    }

    private static func isValid(
        _ signature: [UInt8], for input: [UInt8], algorithm: SignatureAlgorithm, key: JSONWebKey.Material,
        rsaKeys: RSAKeyCache
    ) -> Result<Bool, VerificationProblem> {
        switch (algorithm.family, key) {
        case (.hmac, .symmetric(let secret)):
            let key = SymmetricKey(data: secret)
            // RFC 7518 §3.2: constant-time comparison, done by swift-crypto.
            let valid: Bool =
                switch algorithm.hashBits {
                case 256: HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: input, using: key)
                case 384: HMAC<SHA384>.isValidAuthenticationCode(signature, authenticating: input, using: key)
                default: HMAC<SHA512>.isValidAuthenticationCode(signature, authenticating: input, using: key)
                }
            return .success(valid)

        case (.rsaPKCS1, .rsa(let n, let e)), (.rsaPSS, .rsa(let n, let e)):
            let publicKey: _RSA.Signing.PublicKey
            do {
                publicKey = try rsaKeys.key(modulus: n, exponent: e)
            } catch {
                let bits = JSONWebKey.bitLength(of: n)
                return .failure(
                    .unusableKey(
                        bits < 2048
                            ? "a \(bits)-bit RSA key; swift-crypto accepts 2048 bits or more (RFC 7518 §3.3)"
                            : "\(error)"))
            }
            let rsaSignature = _RSA.Signing.RSASignature(rawRepresentation: signature)
            // RFC 7518 §3.5: PSS with MGF1 and a salt as long as the hash; swift-crypto's `.PSS` is that.
            let padding: _RSA.Signing.Padding = algorithm.family == .rsaPSS ? .PSS : .insecurePKCS1v1_5
            let valid: Bool =
                switch algorithm.hashBits {
                case 256: publicKey.isValidSignature(rsaSignature, for: SHA256.hash(data: input), padding: padding)
                case 384: publicKey.isValidSignature(rsaSignature, for: SHA384.hash(data: input), padding: padding)
                default: publicKey.isValidSignature(rsaSignature, for: SHA512.hash(data: input), padding: padding)
                }
            return .success(valid)

        case (.ecdsa(let curve), .ellipticCurve(let keyCurve, let x, let y)) where curve == keyCurve:
            // RFC 7518 §3.4: the JWS signature is R || S, each the full coordinate width; not DER.
            let width = curve.coordinateByteCount
            guard signature.count == 2 * width else {
                let hint = signature.first == 0x30 ? " (it looks DER-encoded; JOSE uses raw R || S)" : ""
                return .failure(
                    .malformedSignature(
                        "\(algorithm.rawValue) needs a \(2 * width)-byte R || S signature (RFC 7518 §3.4); this one is \(signature.count) bytes\(hint)"
                    ))
            }
            let point = [0x04] + x + y
            do {
                switch curve {
                case .p256:
                    let key = try P256.Signing.PublicKey(x963Representation: point)
                    let sig = try P256.Signing.ECDSASignature(rawRepresentation: signature)
                    return .success(key.isValidSignature(sig, for: SHA256.hash(data: input)))
                case .p384:
                    let key = try P384.Signing.PublicKey(x963Representation: point)
                    let sig = try P384.Signing.ECDSASignature(rawRepresentation: signature)
                    return .success(key.isValidSignature(sig, for: SHA384.hash(data: input)))
                case .p521:
                    let key = try P521.Signing.PublicKey(x963Representation: point)
                    let sig = try P521.Signing.ECDSASignature(rawRepresentation: signature)
                    return .success(key.isValidSignature(sig, for: SHA512.hash(data: input)))
                }
            } catch {
                return .failure(.unusableKey("the point (x, y) is not on \(curve.rawValue)"))
            }

        case (.edDSA, .ed25519(let x)):
            do {
                let key = try Curve25519.Signing.PublicKey(rawRepresentation: x)
                return .success(key.isValidSignature(signature, for: input))
            } catch {
                return .failure(.unusableKey("not an Ed25519 public key"))
            }

        default:
            return .failure(.unusableKey("an \(algorithm.rawValue) token cannot be checked with this key"))
        }
    }
}

/// RSA public keys made from JWK members, kept by their bytes: making one parses the modulus into
/// a big number, which would otherwise be done again for every token checked with the same key.
/// The references naming verifying keys (with their thumbprints) are kept here too.
final class RSAKeyCache: @unchecked Sendable {
    private struct Members: Equatable {
        var modulus: [UInt8]
        var exponent: [UInt8]
    }

    // Lists, not dictionaries: a key set has a handful of keys, and comparing a key with the one
    // it was made from finds the same array storage at once, where hashing read every byte of
    // the modulus for every token.
    private let lock = Lock()
    private var keys: [(members: Members, key: _RSA.Signing.PublicKey)] = []
    private var count = 0
    private var references: [(key: JSONWebKey, reference: KeyReference)] = []

    /// How a key is named in a result (its RFC 7638 thumbprint is a hash), worked out once per key.
    func reference(for key: JSONWebKey) -> KeyReference {
        if let reference = lock.withLock({ references.first { $0.key == key }?.reference }) { return reference }
        let reference = KeyReference(key)
        lock.withLock {
            if references.count < 64 { references.append((key, reference)) }
        }
        return reference
    }

    /// How many keys were made (not found here).
    var made: Int { lock.withLock { count } }

    /// The key for these members, made on first use; throws as swift-crypto does for a bad key
    /// (which is not kept, so the error is the same each time).
    func key(modulus: [UInt8], exponent: [UInt8]) throws -> _RSA.Signing.PublicKey {
        let members = Members(modulus: modulus, exponent: exponent)
        // Made under the lock: tokens checked on several threads at once still make each key once.
        return try lock.withLock {
            if let found = keys.first(where: { $0.members == members }) { return found.key }
            let key = try _RSA.Signing.PublicKey(n: modulus, e: exponent)
            if keys.count < 64 { keys.append((members, key)) }
            count += 1
            return key
        }
    }
}
