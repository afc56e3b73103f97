/// Why a JWT was rejected.
enum JWTError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case unsupportedAlgorithm(String)
    case noMatchingKey(String)
    case badSignature
    case invalidClaim(String)

    var description: String {
        switch self {
        case .malformed(let reason): "malformed JWT: \(reason)"
        case .unsupportedAlgorithm(let alg): "unsupported JWS algorithm \"\(alg)\""
        case .noMatchingKey(let reason): "no key to verify the JWT: \(reason)"
        case .badSignature: "JWT signature is invalid"
        case .invalidClaim(let reason): reason
        }
    }
}
