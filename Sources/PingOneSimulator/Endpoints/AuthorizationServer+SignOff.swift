import Foundation

extension AuthorizationServer {
    /// `GET|POST /as/signoff` (reference §5.4, OIDC RP-Initiated Logout): ends the `ST` session.
    func signOff(request: SimulatorRequest) -> SimulatorResponse {
        let params = request.method.uppercased() == "POST" ? request.formParameters : request.queryParameters
        guard let token = request.cookie("ST"), var session = sessions[token], !session.ended else {
            return PingOneError.invalidRequest(
                "The session cookie (ST) is missing or the session has already ended.", target: "ST"
            ).response()
        }
        var app: SimulatedApplication?
        if let hint = params["id_token_hint"] {
            // reference §5.4: the hint must be ours, for a registered app, and for the session's user.
            guard let jwt = try? JWT(compact: hint), signingKey.verifies(jwt) || (rogueKey?.verifies(jwt) ?? false),
                jwt.claims["iss"]?.stringValue == issuer
            else {
                return PingOneError.invalidRequest(
                    "The id_token_hint is not an ID token issued by this environment.", target: "id_token_hint"
                )
                .response()
            }
            guard let audience = jwt.audiences.first, let found = configuration.application(id: audience) else {
                return PingOneError.invalidRequest(
                    "The id_token_hint audience is not a registered application.", target: "id_token_hint"
                )
                .response()
            }
            guard session.userID == nil || jwt.claims["sub"]?.stringValue == session.userID else {
                return PingOneError.invalidRequest(
                    "The id_token_hint user is not the session's user.", target: "id_token_hint"
                )
                .response()
            }
            app = found
        } else if let clientID = params["client_id"] {
            app = configuration.application(id: clientID)
        }
        var redirect: String?
        if let postLogout = params["post_logout_redirect_uri"] {
            guard let app, app.isRegistered(redirectURI: postLogout) else {
                return PingOneError.invalidRequest(
                    "The post_logout_redirect_uri is not registered for the application named by id_token_hint or client_id.",
                    target: "post_logout_redirect_uri"
                ).response()
            }
            redirect = postLogout
        }

        session.ended = true
        sessions[token] = session
        for (key, record) in tokens where record.grant.sessionToken == token {
            tokens[key]?.revoked = true
        }
        for (key, flow) in flows where flow.sessionToken == token {
            flows[key] = nil
        }

        var response: SimulatorResponse
        if let redirect {
            var parameters: [(String, String)] = []
            if let state = params["state"] { parameters.append(("state", state)) }
            let separator = redirect.contains("?") ? "&" : "?"
            response = .found(parameters.isEmpty ? redirect : redirect + separator + FormParameters.encode(parameters))
        } else {
            response = .html(
                200,
                """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>Signed Off</title></head>
                <body><h1>You have been signed off.</h1></body></html>
                """)
        }
        response.add("Set-Cookie", "ST=; Path=\(cookiePath); Max-Age=0; Secure; HttpOnly; SameSite=None")
        return response
    }
}
