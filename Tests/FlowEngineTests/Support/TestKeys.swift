import Crypto
import Foundation
import TestSupport
import _CryptoExtras

@testable import FlowEngine

/// A private key made in the test (or read from the shared RS256 vector) and the token signing
/// that goes with it. swift-crypto does all the cryptography.
enum TestKey: Sendable {
    case hmac([UInt8])
    case rsa(_RSA.Signing.PrivateKey)
    case p256(P256.Signing.PrivateKey)
    case p384(P384.Signing.PrivateKey)
    case p521(P521.Signing.PrivateKey)
    case ed25519(Curve25519.Signing.PrivateKey)

    /// The shared RS256 vector key (`rs256-test-key.pem`).
    static let vectorRSA: TestKey = {
        do {
            return .rsa(try _RSA.Signing.PrivateKey(pemRepresentation: try Vectors.text("rs256-test-key.pem")))
        } catch {
            fatalError("cannot read rs256-test-key.pem: \(error)")
        }
    }()

    /// A second RSA key (`Fixtures/other-rsa-key.pem`, made with `openssl genpkey`): read, not generated,
    /// since RSA key generation would hold a thread of the cooperative pool for seconds.
    static let otherRSA: TestKey = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/other-rsa-key.pem")
        do {
            return .rsa(try _RSA.Signing.PrivateKey(pemRepresentation: try String(contentsOf: url, encoding: .utf8)))
        } catch {
            fatalError("cannot read other-rsa-key.pem: \(error)")
        }
    }()

    static let p256Key = TestKey.p256(P256.Signing.PrivateKey())
    static let p384Key = TestKey.p384(P384.Signing.PrivateKey())
    static let p521Key = TestKey.p521(P521.Signing.PrivateKey())
    static let ed25519Key = TestKey.ed25519(Curve25519.Signing.PrivateKey())
    static let secret = TestKey.hmac(Array("a client secret that is long enough for HS512, 64 bytes or more!!".utf8))

    /// A key suited to an algorithm.
    static func forAlgorithm(_ algorithm: SignatureAlgorithm) -> TestKey {
        switch algorithm.family {
        case .hmac: secret
        case .rsaPKCS1, .rsaPSS: vectorRSA
        case .ecdsa(.p256): p256Key
        case .ecdsa(.p384): p384Key
        case .ecdsa(.p521): p521Key
        case .edDSA: ed25519Key
        }
    }

    /// The public JWK (the secret itself for HMAC).
    func publicJWK(kid: String? = nil, alg: String? = nil) -> JSONWebKey {
        let material: JSONWebKey.Material
        switch self {
        case .hmac(let secret):
            material = .symmetric(key: secret)
        case .rsa(let key):
            let primitives = try? key.publicKey.getKeyPrimitives()
            material = .rsa(
                modulus: Array(primitives?.modulus ?? Data()), exponent: Array(primitives?.publicExponent ?? Data()))
        case .p256(let key): material = Self.ec(.p256, Array(key.publicKey.x963Representation))
        case .p384(let key): material = Self.ec(.p384, Array(key.publicKey.x963Representation))
        case .p521(let key): material = Self.ec(.p521, Array(key.publicKey.x963Representation))
        case .ed25519(let key): material = .ed25519(x: Array(key.publicKey.rawRepresentation))
        }
        return JSONWebKey(material: material, keyID: kid, algorithm: alg, use: "sig", origin: .singleKey)
    }

    private static func ec(_ curve: JSONWebKey.EllipticCurve, _ point: [UInt8]) -> JSONWebKey.Material {
        let width = curve.coordinateByteCount
        return .ellipticCurve(curve, x: Array(point[1...width]), y: Array(point[(width + 1)...]))
    }

    /// The JOSE signature of `input` with `algorithm`.
    func sign(_ input: [UInt8], algorithm: SignatureAlgorithm) throws -> [UInt8] {
        switch (self, algorithm.hashBits) {
        case (.hmac(let secret), 256):
            return Array(HMAC<SHA256>.authenticationCode(for: input, using: SymmetricKey(data: secret)))
        case (.hmac(let secret), 384):
            return Array(HMAC<SHA384>.authenticationCode(for: input, using: SymmetricKey(data: secret)))
        case (.hmac(let secret), _):
            return Array(HMAC<SHA512>.authenticationCode(for: input, using: SymmetricKey(data: secret)))
        case (.rsa(let key), let bits):
            let padding: _RSA.Signing.Padding = algorithm.family == .rsaPSS ? .PSS : .insecurePKCS1v1_5
            let signature =
                switch bits {
                case 256: try key.signature(for: SHA256.hash(data: input), padding: padding)
                case 384: try key.signature(for: SHA384.hash(data: input), padding: padding)
                default: try key.signature(for: SHA512.hash(data: input), padding: padding)
                }
            return Array(signature.rawRepresentation)
        case (.p256(let key), _): return Array(try key.signature(for: SHA256.hash(data: input)).rawRepresentation)
        case (.p384(let key), _): return Array(try key.signature(for: SHA384.hash(data: input)).rawRepresentation)
        case (.p521(let key), _): return Array(try key.signature(for: SHA512.hash(data: input)).rawRepresentation)
        case (.ed25519(let key), _): return Array(try key.signature(for: input))
        }
    }

    /// A DER-encoded ECDSA signature, the shape JOSE does not use (RFC 7518 §3.4).
    func derSignature(_ input: [UInt8]) throws -> [UInt8]? {
        guard case .p256(let key) = self else { return nil }
        return Array(try key.signature(for: SHA256.hash(data: input)).derRepresentation)
    }
}

/// Builds compact tokens for tests.
enum TestToken {
    /// Signs a header and claims (compact JSON, order kept) with a key; `alg` is read from the header.
    static func sign(header: JSONValue, claims: JSONValue, key: TestKey) throws -> String {
        let input = Base64URL.encode(header.compactText) + "." + Base64URL.encode(claims.compactText)
        guard let alg = header["alg"]?.stringValue, let algorithm = SignatureAlgorithm(rawValue: alg) else {
            return input + "."
        }
        return input + "." + Base64URL.encode(try key.sign(Array(input.utf8), algorithm: algorithm))
    }

    /// The same token with its payload replaced and the old signature kept.
    static func tampered(_ token: String, claims: JSONValue) -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        return "\(parts[0]).\(Base64URL.encode(claims.compactText)).\(parts[2])"
    }

    /// A JOSE header.
    static func header(_ alg: String, kid: String? = nil, typ: String? = "JWT") -> JSONValue {
        var members = [JSONMember("alg", .string(alg))]
        if let kid { members.append(JSONMember("kid", .string(kid))) }
        if let typ { members.append(JSONMember("typ", .string(typ))) }
        return .object(members)
    }
}

extension JSONValue {
    /// The object with a member set (replaced in place, or appended) or removed (`nil`).
    func setting(_ key: String, _ value: JSONValue?) -> JSONValue {
        var members = self.members ?? []
        if let index = members.firstIndex(where: { $0.key == key }) {
            if let value { members[index].value = value } else { members.remove(at: index) }
        } else if let value {
            members.append(JSONMember(key, value))
        }
        return .object(members)
    }
}
