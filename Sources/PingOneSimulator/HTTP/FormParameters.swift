import Foundation

/// `application/x-www-form-urlencoded` parameters, decoded (HTML §4.10.21.6; `+` is a space).
struct FormParameters: Sendable, Equatable {
    /// All pairs in order; names may repeat.
    var pairs: [(name: String, value: String)]

    init(encoded: String) {
        pairs = encoded.split(separator: "&").compactMap { piece in
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), !name.isEmpty else { return nil }
            let value = parts.count > 1 ? Self.decode(parts[1]) ?? "" : ""
            return (name: name, value: value)
        }
    }

    init(pairs: [(name: String, value: String)]) {
        self.pairs = pairs
    }

    static func == (lhs: FormParameters, rhs: FormParameters) -> Bool {
        lhs.pairs.map(\.name) == rhs.pairs.map(\.name) && lhs.pairs.map(\.value) == rhs.pairs.map(\.value)
    }

    /// The first value of `name`; an empty value counts as absent (RFC 6749 §3.1).
    subscript(name: String) -> String? {
        guard let value = pairs.first(where: { $0.name == name })?.value, !value.isEmpty else { return nil }
        return value
    }

    /// How many times `name` occurs (RFC 6749 §3.1: parameters must not repeat).
    func count(of name: String) -> Int {
        pairs.filter { $0.name == name }.count
    }

    /// The names that occur more than once.
    var repeatedNames: [String] {
        var seen: Set<String> = []
        var repeated: [String] = []
        for pair in pairs where !seen.insert(pair.name).inserted && !repeated.contains(pair.name) {
            repeated.append(pair.name)
        }
        return repeated
    }

    /// Percent-decodes one component; `nil` for invalid percent escapes.
    static func decode(_ component: Substring) -> String? {
        String(component).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// Percent-encodes a value for a form body or query, leaving only unreserved characters (RFC 3986 §2.3).
    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    /// Encodes pairs as `a=b&c=d`.
    static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
