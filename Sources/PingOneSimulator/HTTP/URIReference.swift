// A copy of FlowEngine's URIReference (Sources/FlowEngine/HTTP/URIReference.swift), internal here:
// the simulator does not depend on FlowEngine. Keep the two in step.

/// An absolute URI split into its RFC 3986 §3 parts, from its bytes.
///
/// Foundation's `URLComponents` is not used: reading its `host` goes through ICU's IDNA, and
/// that alone maps some 6 MB of ICU code and data into the process (see docs/performance.md).
/// Nothing here decodes IDNA: a host is kept as written (`xn--…` stays `xn--…`), and a URI
/// with any byte RFC 3986 does not allow (a space, a non-ASCII byte, `<`, `"`, a `%` without two
/// hex digits, …) is refused, as `URLComponents(string:)` refuses it.
struct URIReference: Equatable, Sendable {
    /// The scheme as written (compare it case-insensitively).
    var scheme: String
    /// The user part of the userinfo, still percent-encoded; `nil` without an `@`.
    var user: String?
    /// The password part of the userinfo (after its first `:`), still percent-encoded.
    var password: String?
    /// The host as written, still percent-encoded; an IP literal without its brackets (`::1`).
    /// `nil` when the URI has no authority (`com.example.app:/callback`).
    var host: String?
    /// Whether the host was an IP literal in brackets.
    var hostIsIPLiteral: Bool
    /// The port; `nil` when there is none or it is empty (`http://host:/`).
    var port: Int?
    /// The path, still percent-encoded; may be empty.
    var path: String
    /// The query without `?`, still percent-encoded.
    var query: String?
    /// The fragment without `#`, still percent-encoded.
    var fragment: String?

    /// Splits an absolute URI (one with a scheme); `nil` when it is not one RFC 3986 allows.
    init?(_ string: String) {
        let bytes = Array(string.utf8)
        guard Self.isWellFormed(bytes) else { return nil }
        var end = bytes.count
        if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
            let rest = bytes[(hash + 1)...]
            // A fragment may hold `?` and `/` but no second `#` nor brackets.
            guard
                !rest.contains(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") })
            else { return nil }
            fragment = String(decoding: rest, as: UTF8.self)
            end = hash
        } else {
            fragment = nil
        }
        if let question = bytes[..<end].firstIndex(of: UInt8(ascii: "?")) {
            let rest = bytes[(question + 1)..<end]
            guard !rest.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) else { return nil }
            query = String(decoding: rest, as: UTF8.self)
            end = question
        } else {
            query = nil
        }
        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":".
        guard let colon = bytes[..<end].firstIndex(of: UInt8(ascii: ":")), colon > 0, Self.isLetter(bytes[0]),
            bytes[1..<colon].allSatisfy({ Self.isLetter($0) || Self.isDigit($0) || "+-.".utf8.contains($0) })
        else { return nil }
        scheme = String(decoding: bytes[..<colon], as: UTF8.self)
        var start = colon + 1
        user = nil
        password = nil
        host = nil
        hostIsIPLiteral = false
        port = nil
        if end - start >= 2, bytes[start] == UInt8(ascii: "/"), bytes[start + 1] == UInt8(ascii: "/") {
            let authorityStart = start + 2
            let authorityEnd = bytes[authorityStart..<end].firstIndex(of: UInt8(ascii: "/")) ?? end
            guard let authority = Self.authority(bytes[authorityStart..<authorityEnd]) else { return nil }
            (user, password, host, hostIsIPLiteral, port) = authority
            start = authorityEnd
        }
        let pathBytes = bytes[start..<end]
        // A path holds no brackets; without an authority it may not start with `//`.
        guard !pathBytes.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) else { return nil }
        path = String(decoding: pathBytes, as: UTF8.self)
    }

    /// The host with its percent-encoding decoded, when that gives printable ASCII (no IDNA).
    var decodedHost: String? {
        guard let host else { return nil }
        guard host.utf8.contains(UInt8(ascii: "%")) else { return host }
        guard let decoded = Self.percentDecoded(host.utf8), decoded.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            return nil
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// Percent-decodes `text`; `nil` when a `%` lacks two hex digits.
    static func percentDecoded(_ text: String.UTF8View) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var iterator = text.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                result.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            result.append(high << 4 | low)
        }
        return result
    }

    private typealias Authority = (user: String?, password: String?, host: String, ipLiteral: Bool, port: Int?)

    /// `[ userinfo "@" ] host [ ":" port ]`.
    private static func authority(_ bytes: ArraySlice<UInt8>) -> Authority? {
        var hostStart = bytes.startIndex
        var user: String?
        var password: String?
        if let at = bytes.firstIndex(of: UInt8(ascii: "@")) {
            let userinfo = bytes[bytes.startIndex..<at]
            guard !userinfo.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) else { return nil }
            if let colon = userinfo.firstIndex(of: UInt8(ascii: ":")) {
                user = String(decoding: userinfo[..<colon], as: UTF8.self)
                password = String(decoding: userinfo[(colon + 1)...], as: UTF8.self)
            } else {
                user = String(decoding: userinfo, as: UTF8.self)
            }
            hostStart = at + 1
        }
        let rest = bytes[hostStart...]
        guard !rest.contains(UInt8(ascii: "@")) else { return nil }
        let host: String
        let ipLiteral: Bool
        var portStart: Int?
        if rest.first == UInt8(ascii: "[") {
            guard let close = rest.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            let literal = rest[(rest.startIndex + 1)..<close]
            guard isIPLiteral(literal) else { return nil }
            host = String(decoding: literal, as: UTF8.self)
            ipLiteral = true
            let after = rest[(close + 1)...]
            if let first = after.first {
                guard first == UInt8(ascii: ":") else { return nil }
                portStart = after.startIndex + 1
            }
        } else {
            let colon = rest.firstIndex(of: UInt8(ascii: ":"))
            let name = rest[..<(colon ?? rest.endIndex)]
            guard !name.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) else { return nil }
            host = String(decoding: name, as: UTF8.self)
            ipLiteral = false
            portStart = colon.map { $0 + 1 }
        }
        var port: Int?
        if let portStart {
            let digits = bytes[portStart...]
            guard digits.count <= 5, digits.allSatisfy(isDigit) else { return nil }
            if !digits.isEmpty {
                let value = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
                guard value <= 65535 else { return nil }
                port = value
            }
        }
        return (user, password, host, ipLiteral, port)
    }

    /// An IPv6 address (hex digits, `:` and a dotted IPv4 tail) or an IPvFuture (`v1.…`).
    private static func isIPLiteral(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first else { return false }
        if first == UInt8(ascii: "v") || first == UInt8(ascii: "V") {
            return bytes.count > 3 && bytes.contains(UInt8(ascii: "."))
                && bytes.allSatisfy { isUnreserved($0) || isSubDelimiter($0) || $0 == UInt8(ascii: ":") }
        }
        return bytes.contains(UInt8(ascii: ":"))
            && bytes.allSatisfy { hexValue($0) != nil || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }
    }

    /// Every byte is one RFC 3986 allows somewhere in a URI, and every `%` has two hex digits.
    private static func isWellFormed(_ bytes: [UInt8]) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, hexValue(bytes[index + 1]) != nil, hexValue(bytes[index + 2]) != nil
                else { return false }
                index += 3
                continue
            }
            guard isUnreserved(byte) || isSubDelimiter(byte) || ":/?#[]@".utf8.contains(byte) else { return false }
            index += 1
        }
        return true
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || "-._~".utf8.contains(byte)
    }

    private static func isSubDelimiter(_ byte: UInt8) -> Bool { "!$&'()*+,;=".utf8.contains(byte) }
}
