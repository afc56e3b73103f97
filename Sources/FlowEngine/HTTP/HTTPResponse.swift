/// One HTTP response exactly as received: status line, headers in order with duplicates, body.
public struct HTTPResponse: Equatable, Sendable, Codable {
    public var version: String
    public var status: Int
    public var reason: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]

    public init(
        version: String = "HTTP/1.1", status: Int, reason: String, headers: [HTTPHeader] = [], body: [UInt8] = []
    ) {
        self.version = version
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// The status line as the server would write it, such as `HTTP/1.1 302 Found`.
    public var statusLine: String { "\(version) \(status) \(reason)" }

    /// The first value of a header, matched without regard to case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every value of a header, in order (`Set-Cookie` comes several times).
    public func headers(named name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The body as JSON, when it parses as JSON.
    public var jsonBody: JSONValue? {
        guard !body.isEmpty else { return nil }
        return try? JSONValue.parse(body)
    }
}
