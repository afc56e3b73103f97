import Crypto
import _CryptoExtras

extension JSONWebKey {
    /// Reads an RSA or EC public key from PEM (`PUBLIC KEY`, `RSA PUBLIC KEY`), or the public half of
    /// an RSA or EC private key (`PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`).
    ///
    /// swift-crypto does the DER parsing; each kind is tried in turn and the first that reads wins.
    /// Ed25519 PEM keys are not read (swift-crypto has no PEM form for them); use a JWK instead.
    public init(pem: String) throws(JSONWebKeyError) {
        if let key = Self.rsaKey(pem: pem) {
            self = key
            return
        }
        for curve in EllipticCurve.allCases {
            if let point = Self.ecPoint(pem: pem, curve: curve) {
                let width = curve.coordinateByteCount
                // x9.63 form: 0x04 || X || Y (SEC 1 §2.3.3).
                let x = Array(point[1...width])
                let y = Array(point[(width + 1)...])
                self.init(material: .ellipticCurve(curve, x: x, y: y), origin: .pem)
                return
            }
        }
        throw .unreadablePEM
    }

    /// Whether text looks like a PEM document rather than JSON.
    public static func looksLikePEM(_ text: String) -> Bool {
        text.contains("-----BEGIN ")
    }

    private static func rsaKey(pem: String) -> JSONWebKey? {
        let publicKey: _RSA.Signing.PublicKey
        if let key = try? _RSA.Signing.PublicKey(unsafePEMRepresentation: pem) {
            publicKey = key
        } else if let key = try? _RSA.Signing.PrivateKey(unsafePEMRepresentation: pem) {
            publicKey = key.publicKey
        } else {
            return nil
        }
        guard let primitives = try? publicKey.getKeyPrimitives() else { return nil }
        return JSONWebKey(
            material: .rsa(modulus: Array(primitives.modulus), exponent: Array(primitives.publicExponent)),
            origin: .pem
        )
    }

    private static func ecPoint(pem: String, curve: EllipticCurve) -> [UInt8]? {
        let point: [UInt8]?
        switch curve {
        case .p256:
            point =
                (try? P256.Signing.PublicKey(pemRepresentation: pem))
                .map { Array($0.x963Representation) }
                ?? (try? P256.Signing.PrivateKey(pemRepresentation: pem)).map { Array($0.publicKey.x963Representation) }
        case .p384:
            point =
                (try? P384.Signing.PublicKey(pemRepresentation: pem))
                .map { Array($0.x963Representation) }
                ?? (try? P384.Signing.PrivateKey(pemRepresentation: pem)).map { Array($0.publicKey.x963Representation) }
        case .p521:
            point =
                (try? P521.Signing.PublicKey(pemRepresentation: pem))
                .map { Array($0.x963Representation) }
                ?? (try? P521.Signing.PrivateKey(pemRepresentation: pem)).map { Array($0.publicKey.x963Representation) }
        }
        guard let point, point.count == 1 + 2 * curve.coordinateByteCount, point.first == 0x04 else { return nil }
        return point
    }
}
