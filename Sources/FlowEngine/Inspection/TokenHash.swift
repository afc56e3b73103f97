import Crypto

/// The `at_hash` and `c_hash` values of OIDC Core §3.1.3.6 and §3.3.2.11.
///
/// Hash the ASCII octets of the value with the SHA-2 of the ID token's `alg`, keep the left half,
/// and base64url it.
public enum TokenHash {
    /// The hash of `value` for an ID token signed with `algorithm`.
    public static func leftHalf(of value: String, algorithm: SignatureAlgorithm) -> String {
        leftHalf(of: value, hashBits: algorithm.hashBits)
    }

    /// The hash of `value` using SHA-256, SHA-384 or SHA-512 (by `hashBits`).
    public static func leftHalf(of value: String, hashBits: Int) -> String {
        let octets = Array(value.utf8)
        let digest: [UInt8] =
            switch hashBits {
            case 384: Array(SHA384.hash(data: octets))
            case 512: Array(SHA512.hash(data: octets))
            default: Array(SHA256.hash(data: octets))
            }
        return Base64URL.encode(digest.prefix(digest.count / 2))
    }
}
