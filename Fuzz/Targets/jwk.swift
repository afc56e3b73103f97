// Keys from a server or a file: a JWKS, a single JWK (RFC 7517) or a PEM key, and a client key.
import Foundation

@testable import FlowEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJWK(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: bytes(data, size), as: UTF8.self)
    if let set = try? JSONWebKeySet(text: text) {
        for key in set.keys { _ = key.keyID }
    }
    _ = try? JSONWebKey(jsonText: text)
    if JSONWebKey.looksLikePEM(text) { _ = try? JSONWebKey(pem: text) }
    _ = try? ClientKey(text: text)
    return 0
}
