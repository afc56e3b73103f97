import Foundation

extension AuthorizationServer {
    /// `GET|POST /as/userinfo` with a Bearer access token (OIDC Core §5.3, reference §5.3).
    func userInfo(request: SimulatorRequest) -> SimulatorResponse {
        let token: String?
        if let authorization = request.header("authorization"), authorization.lowercased().hasPrefix("bearer ") {
            token = String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        } else if request.method.uppercased() == "POST" {
            // RFC 6750 §2.2: the form-encoded body parameter.
            token = request.formParameters["access_token"]
        } else {
            token = nil
        }
        guard let token, !token.isEmpty else {
            return userInfoError(detailCode: "INVALID_TOKEN", message: "The access token is missing.", oauthError: nil)
        }
        guard let record = tokens[token], record.kind == .access, !record.revoked else {
            return userInfoError(
                detailCode: "INVALID_TOKEN", message: "The access token is invalid or has been revoked.",
                oauthError: "invalid_token")
        }
        guard record.expiresAt > now else {
            // reference §5.3: an expired token is INVALID_VALUE "Access token expired".
            return userInfoError(
                detailCode: "INVALID_VALUE", message: "Access token expired", oauthError: "invalid_token")
        }
        guard let user = configuration.user(id: record.grant.userID) else {
            return userInfoError(
                detailCode: "INVALID_TOKEN", message: "The token's user no longer exists.", oauthError: "invalid_token")
        }
        let scopes = Set(record.grant.scope.split(separator: " ").map(String.init))
        var claims = [JSONMember("sub", .string(user.id))]
        claims += profileClaims(user, scopes: scopes)
        claims += [
            JSONMember("env", .string(configuration.environmentID)),
            JSONMember("org", .string(configuration.organizationID)),
            JSONMember("p1.region", .string(configuration.region)),
        ]
        return .json(200, .object(claims))
    }

    /// 401 PingOne error with the RFC 6750 §3 challenge.
    private func userInfoError(detailCode: String, message: String, oauthError: String?) -> SimulatorResponse {
        let challenge = oauthError.map { "Bearer error=\"\($0)\", error_description=\"\(message)\"" } ?? "Bearer"
        return PingOneError(
            status: 401, code: "ACCESS_FAILED", message: "The request could not be completed. \(message)",
            details: [.init(code: detailCode, target: "Authorization", message: message)],
            headers: [.init(name: "WWW-Authenticate", value: challenge)]
        ).response()
    }
}
