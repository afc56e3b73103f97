import Foundation

/// A response as the tests see it: status, headers in order, body bytes.
public struct HTTPResult: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every value of a header, by case-insensitive name.
    public func headers(named name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as a JSON object; fails the test with the body text when it is not one.
    public func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw TestFailure("expected a JSON object, got: \(text)")
        }
        return object
    }

    /// The keys of the top-level JSON object, in the order they appear in the body.
    public func jsonKeyOrder() throws -> [String] {
        try JSONKeyOrder.topLevelKeys(of: body)
    }

    /// The `Location` header split into its query (or fragment) parameters.
    public func locationParameters(fragment: Bool = false) -> [String: String] {
        guard let location = header("Location"), let components = URLComponents(string: location) else { return [:] }
        if fragment {
            var parsed = URLComponents()
            parsed.percentEncodedQuery = components.percentEncodedFragment
            return Dictionary(
                parsed.queryItems?.map { ($0.name, $0.value ?? "") } ?? [], uniquingKeysWith: { a, _ in a })
        }
        return Dictionary(
            components.queryItems?.map { ($0.name, $0.value ?? "") } ?? [], uniquingKeysWith: { a, _ in a })
    }

    /// `details[0].code` of a PingOne error body.
    public func pingOneDetailCode() throws -> String? {
        ((try json()["details"] as? [[String: Any]])?.first?["code"]) as? String
    }
}
