import Foundation

extension AuthorizationServer {
    /// `POST /as/introspect` (RFC 7662), with client authentication as at the token endpoint.
    func introspect(request: SimulatorRequest) -> SimulatorResponse {
        answeringTokenRequest(request, endpoint: "introspect", name: "introspection") { app, token in
            // RFC 7662 §2.2: anything not active, or not this client's, is just {"active":false}.
            guard let record = tokens[token], !record.revoked, !record.rotated, record.expiresAt > now,
                record.grant.clientID == app.id, sessions[record.grant.sessionToken]?.ended == false
            else {
                return .json(200, .object([JSONMember("active", false)])).adding("Cache-Control", "no-store")
            }
            let skew = faults.contains(.clockSkew) ? 600 : 0
            var members = [
                JSONMember("active", true),
                JSONMember("client_id", .string(record.grant.clientID)),
                JSONMember("token_type", .string(record.kind == .access ? "Bearer" : "refresh_token")),
                JSONMember("iss", .string(issuer)),
                JSONMember("iat", .int(Int(record.issuedAt.timeIntervalSince1970) + skew)),
                JSONMember("exp", .int(Int(record.expiresAt.timeIntervalSince1970) + skew)),
            ]
            if record.kind == .access {
                members.append(JSONMember("aud", .array([.string(platformAudience)])))
            }
            members += [
                JSONMember("scope", .string(record.grant.scope)),
                JSONMember("sub", .string(record.grant.userID)),
                JSONMember("sid", .string(record.grant.sessionID)),
                JSONMember("auth_time", .int(Int(record.grant.authTime.timeIntervalSince1970) + skew)),
                JSONMember("jti", .string(record.jti)),
                JSONMember("env", .string(configuration.environmentID)),
                JSONMember("org", .string(configuration.organizationID)),
            ]
            return .json(200, .object(members)).adding("Cache-Control", "no-store")
        }
    }

    /// `POST /as/revoke` (RFC 7009): 200 with an empty body, whether or not the token was known (§2.2).
    func revoke(request: SimulatorRequest) -> SimulatorResponse {
        answeringTokenRequest(request, endpoint: "revoke", name: "revocation") { app, token in
            if let record = tokens[token], record.grant.clientID == app.id {
                if record.kind == .refresh {
                    // RFC 7009 §2.1: revoking a refresh token also revokes the access tokens of its grant.
                    revokeGrant(record.grant.grantID)
                } else {
                    tokens[token]?.revoked = true
                }
            }
            return SimulatorResponse(status: 200).adding("Cache-Control", "no-store")
        }
    }

    /// Checks an introspection or revocation request (a form, with client authentication as at the
    /// token endpoint, naming a `token`) and answers it with `answer`, or with the error response.
    private func answeringTokenRequest(
        _ request: SimulatorRequest, endpoint: String, name: String,
        _ answer: (SimulatedApplication, String) -> SimulatorResponse
    ) -> SimulatorResponse {
        guard request.hasFormBody else {
            return OAuthError.invalidRequest("The \(name) request must be application/x-www-form-urlencoded.")
                .response
        }
        switch authenticateClient(request, endpointURL: "\(issuer)/\(endpoint)") {
        case .failure(let error): return error.response
        case .success(let app):
            guard let token = request.formParameters["token"] else {
                return OAuthError.invalidRequest("token is required.").response
            }
            return answer(app, token)
        }
    }
}
