extension SignatureResult {
    /// A stable machine-readable name for the case, used in `--json` output.
    public var code: String {
        switch self {
        case .verified: "verified"
        case .redacted: "redacted"
        case .unsecured: "alg_none"
        case .encrypted: "encrypted"
        case .missingAlgorithm: "missing_alg"
        case .unknownCriticalExtensions: "unknown_crit"
        case .malformedCritical: "malformed_crit"
        case .unsupportedAlgorithm: "unsupported_alg"
        case .noKey: "no_key"
        case .unknownKeyID: "unknown_kid"
        case .noKeyOfType: "no_key_of_type"
        case .algorithmMismatch: "alg_key_mismatch"
        case .malformedSignature: "malformed_signature"
        case .unusableKey: "unusable_key"
        case .badSignature: "bad_signature"
        }
    }
}
