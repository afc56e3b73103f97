extension HTTPRequest {
    /// The query parameters of the URL, in order.
    public var queryParameters: [FormParameter] {
        let parts = url.split(separator: "?", maxSplits: 1)
        guard parts.count == 2 else { return [] }
        let query = parts[1].split(separator: "#", maxSplits: 1).first.map(String.init) ?? ""
        return FormURLEncoding.decode(query)
    }

    /// Whether the body is an HTML form (`application/x-www-form-urlencoded`).
    public var hasFormBody: Bool {
        !body.isEmpty && (header("Content-Type")?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false)
    }

    /// The form body's parameters, in order (none when the body is not a form).
    public var formParameters: [FormParameter] {
        hasFormBody ? FormURLEncoding.decode(String(decoding: body, as: UTF8.self)) : []
    }

    /// Every parameter the request carries, query first, then the form body.
    public var parameters: [FormParameter] { queryParameters + formParameters }

    /// The JWTs a request carries as parameters: a client assertion (RFC 7523 §2.2) and a
    /// request object (RFC 9101 §5), by parameter name.
    public var carriedJWTs: [FormParameter] {
        parameters.filter { ["client_assertion", "request"].contains($0.name) && !$0.value.isEmpty }
    }
}
