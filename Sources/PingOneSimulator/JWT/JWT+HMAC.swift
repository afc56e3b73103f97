import Crypto
import Foundation

extension JWT {
    /// Verifies an HS256/HS384/HS512 signature keyed with the client secret's UTF-8 octets (RFC 7518 §3.2).
    func verifyHMAC(secret: String) throws(JWTError) {
        try verifyHMAC(key: Data(secret.utf8))
    }

    /// Verifies an HS256/HS384/HS512 signature with raw key octets.
    func verifyHMAC(key keyData: Data) throws(JWTError) {
        let key = SymmetricKey(data: keyData)
        let input = Data(signingInput.utf8)
        let valid: Bool
        switch algorithm ?? "none" {
        case "HS256": valid = HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: input, using: key)
        case "HS384": valid = HMAC<SHA384>.isValidAuthenticationCode(signature, authenticating: input, using: key)
        case "HS512": valid = HMAC<SHA512>.isValidAuthenticationCode(signature, authenticating: input, using: key)
        case let other: throw .unsupportedAlgorithm(other)
        }
        guard valid else { throw .badSignature }
    }

    var isHMAC: Bool { ["HS256", "HS384", "HS512"].contains(algorithm ?? "") }
}
