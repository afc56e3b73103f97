import Foundation

/// A compact JWS split into its parts, parsed in explicit steps, each failing with a readable reason.
struct JWT: Sendable, Equatable {
    var header: JSONValue
    var claims: JSONValue
    var signature: Data
    /// `base64url(header) "." base64url(payload)`, the bytes the signature covers (RFC 7515 §5.2).
    var signingInput: String

    var algorithm: String? { header["alg"]?.stringValue }
    var keyID: String? { header["kid"]?.stringValue }

    init(compact token: String) throws(JWTError) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("expected 3 dot-separated parts, found \(parts.count)") }
        guard let headerData = Base64URL.decode(parts[0]) else { throw .malformed("header is not base64url") }
        guard let claimsData = Base64URL.decode(parts[1]) else { throw .malformed("payload is not base64url") }
        guard let signature = Base64URL.decode(parts[2]) else { throw .malformed("signature is not base64url") }
        do {
            self.header = try JSONValue(parsing: headerData)
            self.claims = try JSONValue(parsing: claimsData)
        } catch {
            throw .malformed("header or payload is not JSON: \(error.reason)")
        }
        guard header.objectMembers != nil, claims.objectMembers != nil else {
            throw .malformed("header and payload must be JSON objects")
        }
        self.signature = signature
        self.signingInput = "\(parts[0]).\(parts[1])"
    }

    /// The `aud` claim as a list, whether it was sent as a string or an array.
    var audiences: [String] {
        switch claims["aud"] {
        case .string(let value): [value]
        case .array(let values): values.compactMap(\.stringValue)
        default: []
        }
    }
}
