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
    /// The key's own `alg` and `use` limits, as `alg RS256, use sig`, when it has any.
    public var limits: String?

    /// A reference from its parts.
    public init(keyID: String?, thumbprint: String?, summary: String, origin: JSONWebKey.Origin, limits: String? = nil)
    {
        self.keyID = keyID
        self.thumbprint = thumbprint
        self.summary = summary
        self.origin = origin
        self.limits = limits
    }

    /// The reference for a key; shared secrets get no thumbprint.
    public init(_ key: JSONWebKey) {
        let isSecret: Bool
        if case .symmetric = key.material { isSecret = true } else { isSecret = false }
        let limits = [key.algorithm.map { "alg \($0)" }, key.use.map { "use \($0)" }].compactMap { $0 }
        self.init(
            keyID: key.keyID, thumbprint: isSecret ? nil : key.thumbprint, summary: key.summary, origin: key.origin,
            limits: limits.isEmpty ? nil : limits.joined(separator: ", "))
    }
}

extension KeyReference: CustomStringConvertible {
    public var description: String {
        var parts = [summary + (limits.map { " (\($0))" } ?? "")]
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
