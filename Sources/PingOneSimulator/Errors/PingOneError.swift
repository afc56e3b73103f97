import Foundation

/// A PingOne platform error (reference §7.1): `{"id","code","message","details":[…]}`.
struct PingOneError: Error, Sendable, Equatable {
    struct Detail: Sendable, Equatable {
        var code: String
        var target: String?
        var message: String
        var innerError: [JSONMember]?
    }

    var status: Int
    var code: String
    var message: String
    var details: [Detail]
    /// Extra response headers, such as `WWW-Authenticate` on UserInfo.
    var headers: [SimulatorResponse.HeaderField] = []

    func response(id: String = UUID().uuidString.lowercased()) -> SimulatorResponse {
        var members = [
            JSONMember("id", .string(id)), JSONMember("code", .string(code)), JSONMember("message", .string(message)),
        ]
        if !details.isEmpty {
            members.append(
                JSONMember(
                    "details",
                    .array(
                        details.map { detail in
                            var fields = [JSONMember("code", .string(detail.code))]
                            if let target = detail.target { fields.append(JSONMember("target", .string(target))) }
                            fields.append(JSONMember("message", .string(detail.message)))
                            if let inner = detail.innerError { fields.append(JSONMember("innerError", .object(inner))) }
                            return .object(fields)
                        })))
        }
        var response = SimulatorResponse.json(status, .object(members))
        response.headers += headers
        response.errorID = id
        return response
    }
}

extension PingOneError {
    /// 400 `INVALID_REQUEST` with one detail.
    static func invalidRequest(_ message: String, detailCode: String = "INVALID_VALUE", target: String? = nil)
        -> PingOneError
    {
        PingOneError(
            status: 400, code: "INVALID_REQUEST", message: "The request could not be completed. \(message)",
            details: [Detail(code: detailCode, target: target, message: message)])
    }

    /// 404 `NOT_FOUND`.
    static func notFound(_ message: String) -> PingOneError {
        PingOneError(
            status: 404, code: "NOT_FOUND", message: "The requested resource was not found.",
            details: [Detail(code: "NOT_FOUND", target: nil, message: message)])
    }

    /// 401 `ACCESS_FAILED` / `INVALID_TOKEN`: the Flow API was called without the session cookie (reference §2.4).
    static let missingSessionToken = PingOneError(
        status: 401, code: "ACCESS_FAILED", message: "You do not have access to this resource.",
        details: [
            Detail(
                code: "INVALID_TOKEN", target: "Authentication Credentials",
                message: "The authorization token is either missing or invalid, or it has expired.")
        ])

    /// 413 for bodies over the 1 MB cap (reference §5.5).
    static let bodyTooLarge = PingOneError(
        status: 413, code: "INVALID_REQUEST",
        message: "The request could not be completed. The request body is too large.",
        details: [Detail(code: "SIZE_LIMIT_EXCEEDED", target: "body", message: "Request bodies are limited to 1 MB.")])

    /// 500, the `tokenServerError` and `unexpectedError` faults.
    static let unexpected = PingOneError(
        status: 500, code: "UNEXPECTED_ERROR", message: "An unexpected error occurred.", details: [])

    /// 429 `REQUEST_LIMITED` with `Retry-After`, the `requestLimited` fault (reference §7.1: details
    /// `LIMIT_EXCEEDED`, a `Retry-After` header).
    static func requestLimited(retryAfterSeconds: Int) -> PingOneError {
        PingOneError(
            status: 429, code: "REQUEST_LIMITED",
            message: "The request could not be completed. You have exceeded the request limit.",
            details: [
                Detail(
                    code: "LIMIT_EXCEEDED", target: nil,
                    message: "Too many requests. Retry after \(retryAfterSeconds) seconds.")
            ],
            headers: [.init(name: "Retry-After", value: String(retryAfterSeconds))])
    }
}
