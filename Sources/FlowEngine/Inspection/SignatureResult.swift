/// What came of checking a token's signature; each way it can go is its own case.
public enum SignatureResult: Equatable, Sendable {
    /// The signature verified with this key (RFC 7515 §5.2 step 8).
    case verified(SignatureAlgorithm, key: KeyReference, selection: KeySelection)
    /// The signature was replaced by the mask when the session was saved redacted: the claims are
    /// there to read and check, the signature is not there to verify.
    case redacted
    /// `alg: none`: the token is unsecured (RFC 7519 §6) and proves nothing.
    case unsecured
    /// A five-part JWE: the signature, if any, is inside the encrypted content.
    case encrypted
    /// The header has no `alg`, or it is not a string (RFC 7515 §4.1.1).
    case missingAlgorithm
    /// The header's `crit` names extensions authflow does not understand (RFC 7515 §4.1.11).
    case unknownCriticalExtensions([String])
    /// The header's `crit` is not a non-empty array of extension names (RFC 7515 §4.1.11).
    case malformedCritical(reason: String)
    /// An `alg` authflow does not verify.
    case unsupportedAlgorithm(String)
    /// Nothing to verify with: no JWKS, key or secret was given.
    case noKey(SignatureAlgorithm)
    /// The token's `kid` is not in the keys given.
    case unknownKeyID(String, available: [String])
    /// The token has no `kid` and none of the keys given is of the type its `alg` needs.
    case noKeyOfType(SignatureAlgorithm, available: [KeyReference])
    /// The key the `kid` names cannot be used with the token's `alg`.
    case algorithmMismatch(SignatureAlgorithm, key: KeyReference, keyAlgorithm: String?)
    /// The signature bytes have the wrong shape for the algorithm (e.g. a DER ECDSA signature).
    case malformedSignature(SignatureAlgorithm, reason: String)
    /// swift-crypto would not make a key from the material.
    case unusableKey(KeyReference, reason: String)
    /// The signature does not match: the token was altered or signed with another key.
    case badSignature(SignatureAlgorithm, keys: [KeyReference])

    /// Whether the signature verified.
    public var isVerified: Bool {
        if case .verified = self { return true }
        return false
    }
}
