/// A compact JWS or JWE split into its parts and decoded, before any signature check.
///
/// Parsing goes in explicit steps (RFC 7515 §5.2, RFC 7519 §7.2), each failing with its own
/// reason: the segment count, each segment's base64url, then the header and payload as JSON
/// objects. A five-part token is a JWE (RFC 7516 §9): its header is decoded, the rest is not.
public struct JSONWebToken: Equatable, Sendable {
    /// The token exactly as given.
    public var compact: String
    /// The JOSE header, members in the order sent.
    public var header: JSONValue
    /// The claims, members in the order sent; `nil` for a JWE, whose payload is encrypted.
    public var claims: JSONValue?
    /// The signature bytes (empty for `alg: none`, `nil` for a JWE).
    public var signature: [UInt8]?
    /// The base64url header and payload as sent, the input to the signature.
    public var signingInput: String
    /// Whether the signature segment is the redaction mask (`<header>.<payload>.••••••`): a token
    /// from a redacted save, whose claims can be read and checked but whose signature cannot.
    public var signatureRedacted = false

    /// Whether this is an encrypted token (five segments).
    public var isEncrypted: Bool { claims == nil }

    /// The `alg` header parameter.
    public var algorithm: String? { header["alg"]?.stringValue }

    /// The `kid` header parameter.
    public var keyID: String? { header["kid"]?.stringValue }
}

/// Why a string is not a JWT, step by step.
public enum JWTParseError: Error, Equatable, Sendable {
    case empty
    case segmentCount(Int)
    case segment(name: String, Base64URL.DecodingError)
    case segmentNotJSON(name: String, JSONParseError)
    case segmentNotObject(name: String)
}

extension JWTParseError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .empty: "the token is empty"
        case .segmentCount(let count):
            "a JWS has 3 dot-separated segments and a JWE 5; this has \(count)"
        case .segment(let name, let error): "the \(name) is not valid base64url: \(error)"
        case .segmentNotJSON(let name, let error): "the \(name) is not JSON: \(error)"
        case .segmentNotObject(let name): "the \(name) is JSON but not an object"
        }
    }
}

extension JSONWebToken {
    /// Parses a compact JWS (three segments) or JWE (five segments).
    public static func parse(_ compact: String) throws(JWTParseError) -> JSONWebToken {
        let trimmed = compact.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw .empty }
        // Split the UTF-8 bytes, not Characters (grapheme breaking was most of the cost of a parse).
        var segments: [Substring] = []
        segments.reserveCapacity(5)
        var start = trimmed.startIndex
        while let dot = trimmed.utf8[start...].firstIndex(of: UInt8(ascii: ".")) {
            segments.append(trimmed[start..<dot])
            start = trimmed.utf8.index(after: dot)
        }
        segments.append(trimmed[start...])
        guard segments.count == 3 || segments.count == 5 else { throw .segmentCount(segments.count) }
        let header = try decodeObject(segments[0], name: "header")
        let signingInput = "\(segments[0]).\(segments[1])"
        if segments.count == 5 {
            return JSONWebToken(
                compact: trimmed, header: header, claims: nil, signature: nil, signingInput: signingInput)
        }
        let claims = try decodeObject(segments[1], name: "payload")
        if segments[2] == Substring(Redactor.mask) {
            return JSONWebToken(
                compact: trimmed, header: header, claims: claims, signature: [], signingInput: signingInput,
                signatureRedacted: true)
        }
        let signature: [UInt8]
        do {
            signature = try Base64URL.decode(segments[2])
        } catch {
            throw .segment(name: "signature", error)
        }
        return JSONWebToken(
            compact: trimmed, header: header, claims: claims, signature: signature, signingInput: signingInput)
    }

    /// Whether a string looks like a compact JWT (three or five base64url segments, header `{`).
    public static func looksLikeJWT(_ string: String) -> Bool {
        let segments = string.split(separator: ".", omittingEmptySubsequences: false)
        return (segments.count == 3 || segments.count == 5) && segments[0].hasPrefix("eyJ")
    }

    private static func decodeObject(_ segment: Substring, name: String) throws(JWTParseError) -> JSONValue {
        let bytes: [UInt8]
        do {
            bytes = try Base64URL.decode(segment)
        } catch {
            throw .segment(name: name, error)
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            throw .segmentNotJSON(name: name, error)
        }
        guard case .object = value else { throw .segmentNotObject(name: name) }
        return value
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        // Most tokens have nothing to trim: then the string is returned without a copy. (A blank
        // Character is one ASCII scalar, so non-blank ASCII bytes at both ends mean no trimming.)
        if let first = utf8.first, let last = utf8.last, first.isNonBlankASCII, last.isNonBlankASCII { return self }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}

extension UInt8 {
    /// An ASCII byte other than space, tab, line feed and carriage return.
    var isNonBlankASCII: Bool {
        self < 0x80 && self != UInt8(ascii: " ") && self != UInt8(ascii: "\t") && self != UInt8(ascii: "\n")
            && self != UInt8(ascii: "\r")
    }
}
