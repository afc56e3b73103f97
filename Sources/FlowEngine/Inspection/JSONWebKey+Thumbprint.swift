import Crypto

extension JSONWebKey {
    /// The RFC 7638 thumbprint: base64url(SHA-256) of the required members, sorted, no spaces.
    ///
    /// RFC 7638 §3.2 lists the members per key type; RFC 8037 §2 adds OKP (`crv`, `kty`, `x`).
    public var thumbprint: String {
        Base64URL.encode(SHA256.hash(data: Array(thumbprintInput.utf8)))
    }

    /// The JSON text hashed for the thumbprint (RFC 7638 §3.3), members in lexicographic order.
    public var thumbprintInput: String {
        let members: [JSONMember]
        switch material {
        case .rsa(let modulus, let exponent):
            members = [
                JSONMember("e", .string(Base64URL.encode(exponent))),
                JSONMember("kty", .string("RSA")),
                JSONMember("n", .string(Base64URL.encode(modulus))),
            ]
        case .ellipticCurve(let curve, let x, let y):
            members = [
                JSONMember("crv", .string(curve.rawValue)),
                JSONMember("kty", .string("EC")),
                JSONMember("x", .string(Base64URL.encode(x))),
                JSONMember("y", .string(Base64URL.encode(y))),
            ]
        case .ed25519(let x):
            members = [
                JSONMember("crv", .string("Ed25519")),
                JSONMember("kty", .string("OKP")),
                JSONMember("x", .string(Base64URL.encode(x))),
            ]
        case .symmetric(let key):
            members = [
                JSONMember("k", .string(Base64URL.encode(key))),
                JSONMember("kty", .string("oct")),
            ]
        }
        return JSONValue.object(members).compactText
    }
}
