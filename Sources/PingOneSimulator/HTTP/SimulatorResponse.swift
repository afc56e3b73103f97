import Foundation

/// An HTTP response built by an endpoint, independent of the server framework.
struct SimulatorResponse: Sendable, Equatable {
    var status: Int
    var headers: [HeaderField]
    var body: Data
    /// The `id` of a PingOne error body, which the `Correlation-Id` header repeats (reference §7.1).
    var errorID: String?

    struct HeaderField: Sendable, Equatable {
        var name: String
        var value: String
    }

    init(status: Int, headers: [HeaderField] = [], body: Data = Data(), errorID: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.errorID = errorID
    }

    /// A JSON response.
    static func json(_ status: Int, _ value: JSONValue, contentType: String = "application/json;charset=UTF-8")
        -> SimulatorResponse
    {
        SimulatorResponse(
            status: status, headers: [HeaderField(name: "Content-Type", value: contentType)], body: value.data)
    }

    /// An HTML page.
    static func html(_ status: Int, _ page: String) -> SimulatorResponse {
        SimulatorResponse(
            status: status,
            headers: [HeaderField(name: "Content-Type", value: "text/html;charset=UTF-8")],
            body: Data(page.utf8))
    }

    /// `302 Found` to `location`.
    static func found(_ location: String) -> SimulatorResponse {
        SimulatorResponse(status: 302, headers: [HeaderField(name: "Location", value: location)])
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Adds a header field (repeats allowed, as for `Set-Cookie`).
    mutating func add(_ name: String, _ value: String) {
        headers.append(HeaderField(name: name, value: value))
    }

    /// Returns a copy with a header field added.
    func adding(_ name: String, _ value: String) -> SimulatorResponse {
        var copy = self
        copy.add(name, value)
        return copy
    }

    /// Removes every field with this name.
    mutating func remove(_ name: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
    }
}
