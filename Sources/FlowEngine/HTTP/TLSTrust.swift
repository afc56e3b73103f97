import Foundation
import NIOSSL

/// The certificate authorities TLS trusts: the system's, plus `--cacert` bundles and those that
/// `SSL_CERT_FILE` / `SSL_CERT_DIR` name (the variables OpenSSL and curl read).
public struct TLSTrust: Equatable, Sendable {
    /// PEM bundles trusted on top of the system's (`--cacert`).
    public var additionalBundles: [String]
    /// `SSL_CERT_FILE`: a PEM bundle, trusted too.
    public var certificateFile: String?
    /// `SSL_CERT_DIR`: a directory of PEM certificates, trusted too.
    public var certificateDirectory: String?

    public init(additionalBundles: [String] = [], certificateFile: String? = nil, certificateDirectory: String? = nil) {
        self.additionalBundles = additionalBundles
        self.certificateFile = certificateFile
        self.certificateDirectory = certificateDirectory
    }

    /// The system's own trust store: naming it in `SSL_CERT_FILE`/`SSL_CERT_DIR` adds nothing.
    static let systemLocations: Set<String> = [
        "/etc/ssl/certs", "/etc/ssl/certs/", "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs",
        "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem",
    ]

    /// `--cacert` files plus `SSL_CERT_FILE` and `SSL_CERT_DIR` from the environment (empty ones ignored).
    public static func resolve(cacerts: [String], environment: [String: String]) -> TLSTrust {
        TLSTrust(
            additionalBundles: cacerts,
            certificateFile: environment["SSL_CERT_FILE"].flatMap { Self.isOwnLocation($0) ? $0 : nil },
            certificateDirectory: environment["SSL_CERT_DIR"].flatMap { Self.isOwnLocation($0) ? $0 : nil })
    }

    /// Set, and not the system's own store (which is trusted anyway).
    static func isOwnLocation(_ path: String) -> Bool {
        !path.isEmpty && !systemLocations.contains(path)
    }

    /// Lines for the header and the record, such as `CA bundle corp.pem (added)`; empty for the system's trust.
    public var summary: [String] {
        var lines: [String] = []
        if let certificateFile { lines.append("CAs from SSL_CERT_FILE=\(certificateFile) (added to the trusted CAs)") }
        if let certificateDirectory {
            lines.append("CAs from SSL_CERT_DIR=\(certificateDirectory) (added to the trusted CAs)")
        }
        lines += additionalBundles.map { "CA bundle \($0) (added to the trusted CAs)" }
        return lines
    }

    /// Loads every file now, so a missing or malformed one is a clear error before anything is sent.
    func apply(to tls: inout TLSConfiguration) throws(TLSTrustError) {
        if let certificateFile {
            tls.additionalTrustRoots.append(.certificates(try Self.load(certificateFile, origin: "SSL_CERT_FILE")))
        }
        if let certificateDirectory {
            tls.additionalTrustRoots.append(.certificates(try Self.loadDirectory(certificateDirectory)))
        }
        for bundle in additionalBundles {
            tls.additionalTrustRoots.append(.certificates(try Self.load(bundle, origin: "--cacert")))
        }
    }

    /// Every PEM certificate in a directory (`*.pem`, `*.crt` and hashed names such as `5ed36f99.0`).
    static func loadDirectory(_ path: String) throws(TLSTrustError) -> [NIOSSLCertificate] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw .unreadable(path: path, origin: "SSL_CERT_DIR", reason: "no such directory, or it cannot be read")
        }
        var certificates: [NIOSSLCertificate] = []
        for name in names where !name.hasPrefix(".") {
            certificates += (try? NIOSSLCertificate.fromPEMFile(path + "/" + name)) ?? []
        }
        guard !certificates.isEmpty else {
            throw .unreadable(path: path, origin: "SSL_CERT_DIR", reason: "it holds no PEM certificate")
        }
        return certificates
    }

    static func load(_ path: String, origin: String) throws(TLSTrustError) -> [NIOSSLCertificate] {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .unreadable(path: path, origin: origin, reason: "no such file, or it cannot be read")
        }
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(path)
        } catch {
            throw .unreadable(path: path, origin: origin, reason: "not a PEM bundle of certificates")
        }
        guard !certificates.isEmpty else {
            throw .unreadable(path: path, origin: origin, reason: "it holds no PEM certificate")
        }
        return certificates
    }
}

/// Why a CA file cannot be trusted.
public enum TLSTrustError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, origin: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let origin, let reason): "\(origin) \(path): \(reason)"
        }
    }
}
