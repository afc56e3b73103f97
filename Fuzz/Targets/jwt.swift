// Compact JWS/JWE parsing and base64url (RFC 7515 §7.1, RFC 4648 §5), and the token inspector's
// decoding without keys. Invariant: what decodes re-encodes to the same text.
import Foundation

@testable import FlowEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJWT(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: bytes(data, size), as: UTF8.self)
    if let decoded = try? Base64URL.decode(text) {
        let again = Base64URL.encode(decoded)
        require((try? Base64URL.decode(again)) == decoded, "base64url does not round-trip")
    }
    if let token = try? JSONWebToken.parse(text) {
        _ = token.header.compactText
        _ = token.algorithm
        _ = token.keyID
    }
    let inspection = TokenInspector().inspect(text, expecting: TokenExpectations(now: Date(timeIntervalSince1970: 0)))
    _ = Inspection.text([inspection])
    _ = Inspection.json([inspection])
    return 0
}
