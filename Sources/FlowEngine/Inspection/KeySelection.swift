/// How the verifier chose the key it used (RFC 7515 §4.1.4, RFC 7517 §4.5).
public enum KeySelection: Equatable, Sendable {
    /// The token's `kid` named it.
    case byKeyID
    /// The token has no `kid`; this was the only key of the right type.
    case onlyKeyOfType
    /// The token has no `kid`; several keys were of the right type and this one verified.
    case oneOfSeveral(candidates: Int)
    /// The token's `kid` names no key, and this key (one of `candidates` of the right type) has no
    /// `kid` at all: a PEM key, or a JWK published without one.
    case keyWithoutKeyID(String, candidates: Int)
    /// The client secret given for an HS algorithm.
    case clientSecret
}

extension KeySelection: CustomStringConvertible {
    public var description: String {
        switch self {
        case .byKeyID: "chosen by the token's kid"
        case .onlyKeyOfType: "the token has no kid; this is the only key of the right type"
        case .oneOfSeveral(let count):
            "the token has no kid; tried \(count) keys of the right type and this one verified"
        case .keyWithoutKeyID(let kid, let count):
            count == 1
                ? "the token has kid \"\(kid)\" but no key has that kid, so the one key without a kid was used"
                : "the token has kid \"\(kid)\" but no key has that kid, so \(count) keys without a kid were tried and this one verified"
        case .clientSecret: "the client secret"
        }
    }
}
