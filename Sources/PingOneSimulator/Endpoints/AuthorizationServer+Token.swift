import Foundation

extension AuthorizationServer {
    /// `POST /as/token` (reference §4): the `authorization_code` and `refresh_token` grants.
    func token(request: SimulatorRequest) async -> SimulatorResponse {
        if faults.contains(.hangToken) {
            await waitUntilReleased()
            return PingOneError(
                status: 503, code: "REQUEST_FAILED", message: "The simulator is shutting down.", details: []
            ).response()
        }
        if faults.contains(.slowToken) {
            try? await Task.sleep(for: .seconds(3))
        }
        if faults.contains(.tokenServerError) {
            return PingOneError.unexpected.response().adding("Cache-Control", "no-store")
        }
        guard request.hasFormBody else {
            return OAuthError.invalidRequest("The token request must be application/x-www-form-urlencoded.").response
        }
        let form = request.formParameters
        if let repeated = form.repeatedNames.first {
            return OAuthError.invalidRequest("The parameter \(repeated) is repeated.").response
        }
        let app: SimulatedApplication
        switch authenticateClient(request, endpointURL: tokenEndpoint) {
        case .success(let authenticated): app = authenticated
        case .failure(let error): return error.response
        }
        let result: Result<JSONValue, OAuthError>
        switch form["grant_type"] {
        case nil:
            result = .failure(.invalidRequest("grant_type is required."))
        case "authorization_code":
            result = exchangeCode(form: form, app: app)
        case "refresh_token":
            result = refresh(form: form, app: app)
        case let other?:
            result = .failure(
                OAuthError(error: "unsupported_grant_type", description: "The grant_type \(other) is not supported."))
        }
        switch result {
        case .success(let body):
            var response = SimulatorResponse.json(200, body)
            response.add("Cache-Control", "no-store")
            response.add("Pragma", "no-cache")
            return response
        case .failure(let error):
            return error.response
        }
    }

    /// RFC 6749 §4.1.3 with RFC 7636 §4.6.
    private func exchangeCode(form: FormParameters, app: SimulatedApplication) -> Result<JSONValue, OAuthError> {
        guard let value = form["code"] else { return .failure(.invalidRequest("code is required.")) }
        guard var code = codes[value] else {
            return .failure(.invalidGrant("The authorization code is invalid."))
        }
        guard !code.used else {
            // RFC 6749 §4.1.2: a reused code revokes the tokens issued from it.
            revokeGrant(code.value)
            return .failure(
                .invalidGrant("The authorization code has already been used; tokens issued from it are revoked."))
        }
        guard code.expiresAt > now, !faults.contains(.expiredCode) else {
            codes[value] = nil
            return .failure(.invalidGrant("The authorization code has expired."))
        }
        guard code.grant.clientID == app.id else {
            return .failure(.invalidGrant("The authorization code was issued to another client."))
        }
        if let expected = code.redirectURI {
            guard let sent = form["redirect_uri"] else {
                return .failure(.invalidGrant("redirect_uri is required: it was sent on the authorization request."))
            }
            guard sent == expected else {
                return .failure(
                    .invalidGrant("The redirect_uri does not match the one sent on the authorization request."))
            }
        }
        if let challenge = code.codeChallenge {
            guard let verifier = form["code_verifier"] else {
                return .failure(.invalidGrant("PKCE verification failed: code_verifier is required."))
            }
            guard PKCE.verifier(verifier, matches: challenge, method: code.codeChallengeMethod ?? "plain"),
                !faults.contains(.pkceMismatch)
            else {
                return .failure(
                    .invalidGrant("PKCE verification failed: the code_verifier does not match the code_challenge."))
            }
        } else if form["code_verifier"] != nil {
            return .failure(
                .invalidGrant("PKCE verification failed: no code_challenge was sent on the authorization request."))
        }
        guard let session = sessions[code.grant.sessionToken], !session.ended else {
            return .failure(.invalidGrant("The session for this authorization code has ended."))
        }
        code.used = true
        codes[value] = code
        // The code's grant is this client's (checked above) and this live session's.
        return issueTokens(code.grant, app: app)
    }

    /// RFC 6749 §6, with rotation and replay detection (reference §4.4).
    private func refresh(form: FormParameters, app: SimulatedApplication) -> Result<JSONValue, OAuthError> {
        guard let value = form["refresh_token"] else { return .failure(.invalidRequest("refresh_token is required.")) }
        guard var record = tokens[value], record.kind == .refresh else {
            return .failure(.invalidGrant("The refresh token is invalid."))
        }
        guard record.grant.clientID == app.id else {
            return .failure(.invalidGrant("The refresh token was issued to another client."))
        }
        guard !record.rotated else {
            // Replay protection: reuse of a rotated token revokes the whole family.
            revokeGrant(record.grant.grantID)
            return .failure(.invalidGrant("The refresh token has already been used; its token family is revoked."))
        }
        guard !record.revoked else { return .failure(.invalidGrant("The refresh token has been revoked.")) }
        guard record.expiresAt > now else { return .failure(.invalidGrant("The refresh token has expired.")) }
        guard let session = sessions[record.grant.sessionToken], !session.ended else {
            return .failure(.invalidGrant("The session for this refresh token has ended."))
        }
        var scope = record.grant.scope
        if let requested = form["scope"] {
            let granted = Set(record.grant.scope.split(separator: " "))
            guard Set(requested.split(separator: " ")).isSubset(of: granted) else {
                return .failure(
                    OAuthError(
                        error: "invalid_scope", description: "The requested scope exceeds the scope originally granted."
                    ))
            }
            scope = requested
        }
        record.rotated = true
        tokens[value] = record
        var grant = record.grant
        grant.scope = scope
        grant.nonce = nil
        return issueTokens(grant, app: app)
    }

    /// Revokes every token issued under a code or refresh family.
    func revokeGrant(_ grantID: String) {
        for (key, record) in tokens where record.grant.grantID == grantID {
            tokens[key]?.revoked = true
        }
    }
}
