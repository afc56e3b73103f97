/// A public key (or shared secret) from a JWK, a JWKS or a PEM file (RFC 7517 §4).
///
/// Only the members needed to verify a JWS are kept: the key material, `kid`, `alg` and `use`.
/// The material is held as bytes; swift-crypto keys are made from it when a signature is checked.
public struct JSONWebKey: Hashable, Sendable {
    /// The key material, by key type (RFC 7518 §6, RFC 8037 §2).
    public enum Material: Hashable, Sendable {
        /// `kty: RSA`: modulus `n` and public exponent `e`, big-endian (RFC 7518 §6.3.1).
        case rsa(modulus: [UInt8], exponent: [UInt8])
        /// `kty: EC`: a NIST curve point (RFC 7518 §6.2.1).
        case ellipticCurve(EllipticCurve, x: [UInt8], y: [UInt8])
        /// `kty: OKP`, `crv: Ed25519`: the raw public key (RFC 8037 §2).
        case ed25519(x: [UInt8])
        /// `kty: oct`: a shared secret (RFC 7518 §6.4).
        case symmetric(key: [UInt8])
    }

    /// The NIST curves JOSE uses for ECDSA (RFC 7518 §6.2.1.1).
    public enum EllipticCurve: String, Equatable, Sendable, CaseIterable {
        case p256 = "P-256"
        case p384 = "P-384"
        case p521 = "P-521"

        /// The length in bytes of one coordinate, and of R and of S in a JOSE signature.
        public var coordinateByteCount: Int {
            switch self {
            case .p256: 32
            case .p384: 48
            case .p521: 66
            }
        }
    }

    /// Where a key came from, so the inspector can say which key it used.
    public enum Origin: Hashable, Sendable {
        /// Member `index` of a JWKS's `keys` array.
        case keySet(index: Int)
        /// A single JWK.
        case singleKey
        /// A PEM public key (or the public half of a PEM private key).
        case pem
        /// The client secret given for HS algorithms.
        case clientSecret
    }

    /// The key material.
    public var material: Material
    /// The `kid` member.
    public var keyID: String?
    /// The `alg` member: the one algorithm this key is meant for, when the publisher said.
    public var algorithm: String?
    /// The `use` member (`sig` or `enc`).
    public var use: String?
    /// Where the key came from.
    public var origin: Origin

    /// Makes a key from its parts.
    public init(
        material: Material, keyID: String? = nil, algorithm: String? = nil, use: String? = nil,
        origin: Origin = .singleKey
    ) {
        self.material = material
        self.keyID = keyID
        self.algorithm = algorithm
        self.use = use
        self.origin = origin
    }

    /// A key for a client secret, as HS256/384/512 use it: the secret's UTF-8 bytes (OIDC Core §10.1).
    public static func clientSecret(_ secret: String) -> JSONWebKey {
        JSONWebKey(material: .symmetric(key: Array(secret.utf8)), origin: .clientSecret)
    }

    /// The `kty` value of this key.
    public var keyType: String {
        switch material {
        case .rsa: "RSA"
        case .ellipticCurve: "EC"
        case .ed25519: "OKP"
        case .symmetric: "oct"
        }
    }

    /// A short description such as `RSA 2048-bit`, `EC P-256`, `OKP Ed25519` or `oct 256-bit`.
    public var summary: String {
        switch material {
        case .rsa(let modulus, _):
            "RSA \(Self.bitLength(of: modulus))-bit"
        case .ellipticCurve(let curve, _, _):
            "EC \(curve.rawValue)"
        case .ed25519:
            "OKP Ed25519"
        case .symmetric(let key):
            "oct \(key.count * 8)-bit"
        }
    }

    /// The bit length of a big-endian unsigned integer, leading zero bytes ignored.
    static func bitLength(of bytes: [UInt8]) -> Int {
        guard let first = bytes.firstIndex(where: { $0 != 0 }) else { return 0 }
        return (bytes.count - first - 1) * 8 + (8 - bytes[first].leadingZeroBitCount)
    }
}
