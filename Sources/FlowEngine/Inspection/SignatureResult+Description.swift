extension SignatureResult: CustomStringConvertible {
    /// One sentence saying what happened and, where it helps, what to do.
    public var description: String {
        switch self {
        case .verified(let algorithm, let key, let selection):
            return "\(algorithm.rawValue) signature verified with \(key) (\(selection))"
        case .redacted:
            return "not checkable: the signature was redacted when saved"
        case .unsecured:
            return "alg is \"none\": the token is unsigned and proves nothing (RFC 7519 §6)"
        case .encrypted:
            return "the token is a JWE (encrypted, RFC 7516): it cannot be verified without decrypting it first"
        case .missingAlgorithm:
            return "the header has no \"alg\" string (RFC 7515 §4.1.1)"
        case .unknownCriticalExtensions(let names):
            let list = names.map { "\"\($0)\"" }.joined(separator: ", ")
            return
                "the header's crit names \(list), which authflow does not understand: a token with an unknown critical extension must be rejected (RFC 7515 §4.1.11)"
        case .malformedCritical(let reason):
            return "the header's crit is malformed (\(reason)): the token must be rejected (RFC 7515 §4.1.11)"
        case .unsupportedAlgorithm(let alg):
            let known = SignatureAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")
            return "alg \"\(alg)\" is not one authflow verifies (\(known))"
        case .noKey(let algorithm):
            let what =
                algorithm.family == .hmac
                ? "give the client secret (AUTHFLOW_CLIENT_SECRET, --secret-file FILE or the prompt) to check it"
                : "give the issuer's keys (--jwks FILE|URL) to check it"
            return "signature not checked: no key given; \(what)"
        case .unknownKeyID(let kid, let available):
            let list =
                available.isEmpty
                ? "none of the keys has a kid" : "the keys have kid " + available.joined(separator: ", ")
            return "kid \"\(kid)\" is not in the keys given; \(list) (the issuer may have rotated its keys)"
        case .noKeyOfType(let algorithm, let available):
            let list =
                available.isEmpty
                ? "no usable keys were given"
                : "the keys are: "
                    + available.map { $0.summary + ($0.limits.map { " (\($0))" } ?? "") }.joined(separator: "; ")
            return "\(algorithm.rawValue) needs \(algorithm.keyDescription); \(list)"
        case .algorithmMismatch(let algorithm, let key, let keyAlgorithm):
            if let keyAlgorithm, keyAlgorithm != algorithm.rawValue, key.summary.hasPrefix(algorithm.keyType) {
                return
                    "the token says \(algorithm.rawValue) but the key (\(key)) is for \(keyAlgorithm) (RFC 7517 §4.4)"
            }
            return
                "the token says \(algorithm.rawValue), which needs \(algorithm.keyDescription), but the key is \(key)"
        case .malformedSignature(let algorithm, let reason):
            return "the \(algorithm.rawValue) signature is malformed: \(reason)"
        case .unusableKey(let key, let reason):
            return "the key (\(key)) cannot be used: \(reason)"
        case .badSignature(let algorithm, let keys):
            let tried = keys.count == 1 ? "with \(keys[0])" : "with any of \(keys.count) keys"
            return
                "\(algorithm.rawValue) signature does not verify \(tried): the token was changed or signed with another key"
        }
    }
}
