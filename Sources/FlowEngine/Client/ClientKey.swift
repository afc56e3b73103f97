import Crypto
import Foundation
import _CryptoExtras

/// The client's private key for `PRIVATE_KEY_JWT` and signed request objects, from PEM or JWK.
///
/// The key text is kept, not a parsed key, so configurations stay `Equatable`; each signature
/// parses it again, which is cheap next to a network round trip.
public struct ClientKey: Equatable, Sendable {
    public var text: String
    /// The `kid` to put in the JWS header; from the JWK when it has one.
    public var keyID: String?

    /// Reads a key from PEM (`BEGIN PRIVATE KEY`, `BEGIN RSA PRIVATE KEY`, `BEGIN EC PRIVATE KEY`) or JWK text.
    public init(text: String, keyID: String? = nil) throws(ClientKeyError) {
        self.text = text
        self.keyID = keyID
        let signer = try makeSigner()
        if self.keyID == nil { self.keyID = signer.keyID }
    }

    /// The JWS algorithm this key signs with.
    public var algorithm: String {
        (try? makeSigner().algorithm) ?? "RS256"
    }

    /// Signs a JWS signing input (RFC 7515 §5.1), returning the signature bytes.
    public func sign(_ signingInput: String) throws(ClientKeyError) -> [UInt8] {
        try makeSigner().sign(Array(signingInput.utf8))
    }

    private func makeSigner() throws(ClientKeyError) -> Signer {
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasPrefix("{") {
            return try Signer(jwk: trimmed)
        }
        if trimmed.contains("-----BEGIN") {
            return try Signer(pem: trimmed)
        }
        throw .unrecognised
    }
}

/// Why a client key could not be used.
public enum ClientKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    case unrecognised
    case unsupportedKey(String)
    case invalidKey(String)

    public var description: String {
        switch self {
        case .unrecognised: "the key is neither PEM nor a JWK"
        case .unsupportedKey(let kind): "unsupported key type \(kind): use RSA, EC P-256/P-384 or Ed25519"
        case .invalidKey(let reason): "the key cannot be read: \(reason)"
        }
    }
}

/// A parsed private key that signs.
private enum Signer {
    case rsa(_RSA.Signing.PrivateKey, keyID: String?)
    case p256(P256.Signing.PrivateKey, keyID: String?)
    case p384(P384.Signing.PrivateKey, keyID: String?)
    case ed25519(Curve25519.Signing.PrivateKey, keyID: String?)

    init(pem: String) throws(ClientKeyError) {
        if let key = try? _RSA.Signing.PrivateKey(pemRepresentation: pem) {
            self = .rsa(key, keyID: nil)
        } else if let key = try? P256.Signing.PrivateKey(pemRepresentation: pem) {
            self = .p256(key, keyID: nil)
        } else if let key = try? P384.Signing.PrivateKey(pemRepresentation: pem) {
            self = .p384(key, keyID: nil)
        } else if let key = try? Curve25519.Signing.PrivateKey(pemRepresentation: pem) {
            self = .ed25519(key, keyID: nil)
        } else {
            throw .invalidKey("no RSA (2048 bits or more), P-256, P-384 or Ed25519 private key in the PEM")
        }
    }

    init(jwk text: String) throws(ClientKeyError) {
        let json: JSONValue
        do {
            json = try JSONValue.parse(text)
        } catch {
            throw .invalidKey("the JWK is not JSON: \(error)")
        }
        func bytes(_ name: String) throws(ClientKeyError) -> [UInt8] {
            guard let value = json[name]?.stringValue else {
                throw .invalidKey("the JWK has no private member '\(name)'")
            }
            do {
                return try Base64URL.decode(value)
            } catch {
                throw .invalidKey("'\(name)': \(error)")
            }
        }
        let keyID = json["kid"]?.stringValue
        switch (json["kty"]?.stringValue, json["crv"]?.stringValue) {
        case ("RSA", _):
            do {
                self = .rsa(
                    try _RSA.Signing.PrivateKey(
                        n: try bytes("n"), e: try bytes("e"), d: try bytes("d"), p: try bytes("p"), q: try bytes("q")),
                    keyID: keyID)
            } catch let error as ClientKeyError {
                throw error
            } catch {
                throw .invalidKey("RSA: \(error)")
            }
        case ("EC", "P-256"):
            do { self = .p256(try P256.Signing.PrivateKey(rawRepresentation: try bytes("d")), keyID: keyID) } catch let
                error as ClientKeyError
            { throw error } catch { throw .invalidKey("P-256: \(error)") }
        case ("EC", "P-384"):
            do { self = .p384(try P384.Signing.PrivateKey(rawRepresentation: try bytes("d")), keyID: keyID) } catch let
                error as ClientKeyError
            { throw error } catch { throw .invalidKey("P-384: \(error)") }
        case ("OKP", "Ed25519"):
            do {
                self = .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: try bytes("d")), keyID: keyID)
            } catch let error as ClientKeyError { throw error } catch { throw .invalidKey("Ed25519: \(error)") }
        case (let kty, let crv):
            throw .unsupportedKey([kty, crv].compactMap { $0 }.joined(separator: " "))
        }
    }

    var keyID: String? {
        switch self {
        case .rsa(_, let keyID), .p256(_, let keyID), .p384(_, let keyID), .ed25519(_, let keyID): keyID
        }
    }

    var algorithm: String {
        switch self {
        case .rsa: "RS256"
        case .p256: "ES256"
        case .p384: "ES384"
        case .ed25519: "EdDSA"
        }
    }

    func sign(_ input: [UInt8]) throws(ClientKeyError) -> [UInt8] {
        do {
            switch self {
            case .rsa(let key, _):
                return Array(
                    try key.signature(for: SHA256.hash(data: input), padding: .insecurePKCS1v1_5).rawRepresentation)
            case .p256(let key, _):
                return Array(try key.signature(for: SHA256.hash(data: input)).rawRepresentation)
            case .p384(let key, _):
                return Array(try key.signature(for: SHA384.hash(data: input)).rawRepresentation)
            case .ed25519(let key, _):
                return Array(try key.signature(for: input))
            }
        } catch {
            throw .invalidKey("signing failed: \(error)")
        }
    }
}
