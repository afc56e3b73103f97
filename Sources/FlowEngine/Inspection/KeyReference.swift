/// How the inspector names a key in its results: `kid`, thumbprint, type and origin.
public struct KeyReference: Equatable, Sendable {
    /// The key's `kid`, when it has one.
    public var keyID: String?
    /// The RFC 7638 thumbprint; `nil` for shared secrets, whose hash is not shown.
    public var thumbprint: String?
    /// A short description such as `RSA 2048-bit`.
    public var summary: String
    /// Where the key came from.
    public var origin: JSONWebKey.Origin

    public init(keyID: String?, thumbprint: String?, summary: String, origin: JSONWebKey.Origin) {
        self.keyID = keyID
        self.thumbprint = thumbprint
        self.summary = summary
        self.origin = origin
    }

    /// The reference for a key.
    public init(_ key: JSONWebKey) {
        let isSecret: Bool
        if case .symmetric = key.material { isSecret = true } else { isSecret = false }
        self.init(keyID: key.keyID, thumbprint: isSecret ? nil : key.thumbprint, summary: key.summary, origin: key.origin)
    }
}

extension KeyReference: CustomStringConvertible {
    public var description: String {
        var parts = [summary]
        if let keyID { parts.append("kid \(keyID)") }
        if let thumbprint, thumbprint != keyID { parts.append("thumbprint \(thumbprint)") }
        switch origin {
        case .keySet(let index): parts.append("JWKS key #\(index + 1)")
        case .singleKey: parts.append("the JWK given")
        case .pem: parts.append("the PEM key given")
        case .clientSecret: parts = ["the client secret"]
        }
        return parts.joined(separator: ", ")
    }
}
