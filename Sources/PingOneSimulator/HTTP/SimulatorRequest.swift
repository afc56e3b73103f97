import Foundation

/// An HTTP request as the endpoints see it, independent of the server framework.
struct SimulatorRequest: Sendable, Equatable {
    var method: String
    /// The path without the query, percent-encoded as received.
    var path: String
    /// The raw query string, without `?`.
    var query: String?
    /// Header fields with lowercased names, in the order received.
    var headers: [(name: String, value: String)]
    var body: Data

    init(
        method: String, path: String, query: String? = nil, headers: [(name: String, value: String)] = [],
        body: Data = Data()
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers.map { (name: $0.name.lowercased(), value: $0.value) }
        self.body = body
    }

    static func == (lhs: SimulatorRequest, rhs: SimulatorRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.query == rhs.query && lhs.body == rhs.body
            && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name == lowered }?.value
    }

    /// Query parameters (first value wins).
    var queryParameters: FormParameters { FormParameters(encoded: query ?? "") }

    /// The media type of the body, lowercased, without parameters.
    var mediaType: String? {
        header("content-type").map {
            $0.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                ?? ""
        }
    }

    /// Whether the body is `application/x-www-form-urlencoded`.
    var hasFormBody: Bool { mediaType == "application/x-www-form-urlencoded" }

    /// Form body parameters; empty unless the body is form-encoded.
    var formParameters: FormParameters {
        guard hasFormBody else { return FormParameters(encoded: "") }
        return FormParameters(encoded: String(decoding: body, as: UTF8.self))
    }

    /// The value of cookie `name` from the `Cookie` header(s) (RFC 6265 §5.4).
    func cookie(_ name: String) -> String? {
        for field in headers where field.name == "cookie" {
            for pair in field.value.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }
}
