/// A JWS `alg` authflow can verify (RFC 7518 §3.1, RFC 8037 §3.1).
public enum SignatureAlgorithm: String, Equatable, Sendable, CaseIterable {
    case hs256 = "HS256"
    case hs384 = "HS384"
    case hs512 = "HS512"
    case rs256 = "RS256"
    case rs384 = "RS384"
    case rs512 = "RS512"
    case ps256 = "PS256"
    case ps384 = "PS384"
    case ps512 = "PS512"
    case es256 = "ES256"
    case es384 = "ES384"
    case es512 = "ES512"
    case edDSA = "EdDSA"

    /// The family, which decides the key type and the verification primitive.
    public enum Family: Equatable, Sendable {
        /// HMAC with SHA-2 (RFC 7518 §3.2).
        case hmac
        /// RSASSA-PKCS1-v1_5 (RFC 7518 §3.3).
        case rsaPKCS1
        /// RSASSA-PSS with MGF1 and a salt the size of the hash (RFC 7518 §3.5).
        case rsaPSS
        /// ECDSA over a NIST curve, signature as R || S (RFC 7518 §3.4).
        case ecdsa(JSONWebKey.EllipticCurve)
        /// Ed25519 (RFC 8037 §3.1).
        case edDSA
    }

    /// The family of this algorithm.
    public var family: Family {
        switch self {
        case .hs256, .hs384, .hs512: .hmac
        case .rs256, .rs384, .rs512: .rsaPKCS1
        case .ps256, .ps384, .ps512: .rsaPSS
        case .es256: .ecdsa(.p256)
        case .es384: .ecdsa(.p384)
        case .es512: .ecdsa(.p521)
        case .edDSA: .edDSA
        }
    }

    /// The SHA-2 output size in bits the algorithm uses; also what `at_hash` and `c_hash` use
    /// (OIDC Core §3.1.3.6). EdDSA has no JOSE hash; OIDC implementations use SHA-512 for Ed25519.
    public var hashBits: Int {
        switch self {
        case .hs256, .rs256, .ps256, .es256: 256
        case .hs384, .rs384, .ps384, .es384: 384
        case .hs512, .rs512, .ps512, .es512, .edDSA: 512
        }
    }

    /// The `kty` of the keys this algorithm needs.
    public var keyType: String {
        switch family {
        case .hmac: "oct"
        case .rsaPKCS1, .rsaPSS: "RSA"
        case .ecdsa: "EC"
        case .edDSA: "OKP"
        }
    }

    /// The kind of key, in words, for messages: `an RSA key`, `an EC P-256 key`.
    public var keyDescription: String {
        switch family {
        case .hmac: "a shared secret (oct key or client secret)"
        case .rsaPKCS1, .rsaPSS: "an RSA key"
        case .ecdsa(let curve): "an EC \(curve.rawValue) key"
        case .edDSA: "an OKP Ed25519 key"
        }
    }

    /// Whether a key's material is of the kind this algorithm needs (curve included).
    public func accepts(_ material: JSONWebKey.Material) -> Bool {
        switch (family, material) {
        case (.hmac, .symmetric), (.rsaPKCS1, .rsa), (.rsaPSS, .rsa), (.edDSA, .ed25519): true
        case (.ecdsa(let wanted), .ellipticCurve(let curve, _, _)): wanted == curve
        default: false
        }
    }
}
