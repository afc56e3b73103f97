extension JSONWebKey {
    /// Reads a JWK from its JSON object (RFC 7517 §4, RFC 7518 §6, RFC 8037 §2).
    ///
    /// Steps, each with its own error: the object, `kty`, then the members that key type needs,
    /// each as base64url, then the coordinate lengths for the curve.
    public init(json: JSONValue, origin: Origin = .singleKey) throws(JSONWebKeyError) {
        guard case .object = json else { throw .notAnObject }
        let kty = try Self.string("kty", in: json)
        let material: Material
        switch kty {
        case "RSA":
            material = .rsa(modulus: try Self.bytes("n", in: json), exponent: try Self.bytes("e", in: json))
        case "EC":
            let crv = try Self.string("crv", in: json)
            guard let curve = EllipticCurve(rawValue: crv) else { throw .unsupportedCurve(crv) }
            let x = try Self.bytes("x", in: json)
            let y = try Self.bytes("y", in: json)
            // RFC 7518 §6.2.1.2: each coordinate is the full width of the curve.
            guard x.count == curve.coordinateByteCount else {
                throw .wrongLength(member: "x", expected: curve.coordinateByteCount, actual: x.count)
            }
            guard y.count == curve.coordinateByteCount else {
                throw .wrongLength(member: "y", expected: curve.coordinateByteCount, actual: y.count)
            }
            material = .ellipticCurve(curve, x: x, y: y)
        case "OKP":
            let crv = try Self.string("crv", in: json)
            guard crv == "Ed25519" else { throw .unsupportedCurve(crv) }
            let x = try Self.bytes("x", in: json)
            guard x.count == 32 else { throw .wrongLength(member: "x", expected: 32, actual: x.count) }
            material = .ed25519(x: x)
        case "oct":
            material = .symmetric(key: try Self.bytes("k", in: json))
        default:
            throw .unsupportedKeyType(kty)
        }
        self.init(
            material: material,
            keyID: try Self.optionalString("kid", in: json),
            algorithm: try Self.optionalString("alg", in: json),
            use: try Self.optionalString("use", in: json),
            origin: origin
        )
    }

    /// Reads a JWK from JSON text.
    public init(jsonText: String) throws(JSONWebKeyError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(jsonText)
        } catch {
            throw .notJSON(error)
        }
        try self.init(json: value)
    }

    private static func string(_ name: String, in json: JSONValue) throws(JSONWebKeyError) -> String {
        guard let value = json[name] else { throw .missingMember(name) }
        guard let string = value.stringValue else { throw .memberNotString(name) }
        return string
    }

    private static func optionalString(_ name: String, in json: JSONValue) throws(JSONWebKeyError) -> String? {
        guard let value = json[name] else { return nil }
        guard let string = value.stringValue else { throw .memberNotString(name) }
        return string
    }

    private static func bytes(_ name: String, in json: JSONValue) throws(JSONWebKeyError) -> [UInt8] {
        let text = try string(name, in: json)
        do {
            return try Base64URL.decode(text)
        } catch {
            throw .memberNotBase64URL(name, error)
        }
    }
}
