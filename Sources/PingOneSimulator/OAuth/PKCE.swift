import Crypto
import Foundation

/// Proof Key for Code Exchange checks (RFC 7636).
enum PKCE {
    /// RFC 7636 §4.1/§4.2: 43–128 characters from the unreserved set.
    static func isWellFormed(_ value: String) -> Bool {
        (43...128).contains(value.utf8.count)
            && value.utf8.allSatisfy { byte in
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x7E
            }
    }

    /// RFC 7636 §4.6: `S256` compares `BASE64URL(SHA256(ASCII(verifier)))`, `plain` compares as is.
    static func verifier(_ verifier: String, matches challenge: String, method: String) -> Bool {
        switch method {
        case "S256": Base64URL.encode(SHA256.hash(data: Data(verifier.utf8))) == challenge
        case "plain": verifier == challenge
        default: false
        }
    }
}
