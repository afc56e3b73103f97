/// Why a JWK, a JWKS or a PEM key cannot be used.
public enum JSONWebKeyError: Error, Equatable, Sendable {
    /// The text is not JSON.
    case notJSON(JSONParseError)
    /// The JWK (or the JWKS) is JSON but not an object.
    case notAnObject
    /// A JWKS without a `keys` array (RFC 7517 §5.1).
    case missingKeys
    /// A required member is absent.
    case missingMember(String)
    /// A member that must be a string is something else.
    case memberNotString(String)
    /// A member is not valid unpadded base64url.
    case memberNotBase64URL(String, Base64URL.DecodingError)
    /// A `kty` authflow cannot verify with.
    case unsupportedKeyType(String)
    /// A curve authflow cannot verify with.
    case unsupportedCurve(String)
    /// A coordinate or key has the wrong length for its curve.
    case wrongLength(member: String, expected: Int, actual: Int)
    /// swift-crypto refused the key material.
    case rejectedByCrypto(String)
    /// A PEM document that is none of the key kinds authflow reads.
    case unreadablePEM
}

extension JSONWebKeyError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notJSON(let error): "the key is not JSON: \(error)"
        case .notAnObject: "the key is JSON but not an object"
        case .missingKeys: "a JWKS is an object with a \"keys\" array (RFC 7517 §5); this has none"
        case .missingMember(let name): "the key has no \"\(name)\" member"
        case .memberNotString(let name): "the key's \"\(name)\" member is not a string"
        case .memberNotBase64URL(let name, let error): "the key's \"\(name)\" member is not valid base64url: \(error)"
        case .unsupportedKeyType(let kty): "key type \"\(kty)\" is not one authflow verifies with (RSA, EC, OKP, oct)"
        case .unsupportedCurve(let curve):
            "curve \"\(curve)\" is not one authflow verifies with (P-256, P-384, P-521, Ed25519)"
        case .wrongLength(let member, let expected, let actual):
            "the key's \"\(member)\" is \(actual) bytes; its curve needs \(expected)"
        case .rejectedByCrypto(let reason): "swift-crypto refused the key: \(reason)"
        case .unreadablePEM:
            "the PEM is not an RSA or EC (P-256/384/521) public or private key (Ed25519 keys: use a JWK)"
        }
    }
}
