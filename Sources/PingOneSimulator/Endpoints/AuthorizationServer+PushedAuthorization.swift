import Foundation

extension AuthorizationServer {
    static let pushedRequestLifetime: TimeInterval = 60
    static let requestURIPrefix = "urn:ietf:params:oauth:request_uri:"
    /// Client-authentication parameters, which are not part of the pushed authorization request.
    static let clientAuthenticationParameters: Set<String> = [
        "client_secret", "client_assertion", "client_assertion_type",
    ]

    /// `POST /as/par` (RFC 9126, reference §5.5): stores the request and answers 201 with a single-use `request_uri`.
    func pushAuthorizationRequest(request: SimulatorRequest) -> SimulatorResponse {
        guard request.hasFormBody else {
            return OAuthError.invalidRequest("The PAR request must be application/x-www-form-urlencoded.").response
        }
        let app: SimulatedApplication
        switch authenticateClient(request, endpointURL: "\(issuer)/par") {
        case .success(let authenticated): app = authenticated
        case .failure(let error): return error.response
        }
        var params = request.formParameters
        params.pairs.removeAll { Self.clientAuthenticationParameters.contains($0.name) }
        if !params.pairs.contains(where: { $0.name == "client_id" }) {
            params.pairs.append((name: "client_id", value: app.id))
        }
        // RFC 9126 §2.1: request_uri must not be pushed.
        guard params["request_uri"] == nil else {
            return OAuthError.invalidRequest("request_uri must not be sent to the PAR endpoint.").response
        }
        if let repeated = params.repeatedNames.first {
            return OAuthError.invalidRequest("The parameter \(repeated) is repeated.").response
        }
        if let requestObject = params["request"] {
            switch requestObjectParameters(requestObject, app: app, outer: params) {
            case .success(let merged): params = merged
            case .failure(let error):
                return OAuthError(
                    error: "invalid_request_object", description: error.details.first?.message ?? error.message
                ).response
            }
        }
        if let redirectURI = params["redirect_uri"], !app.isRegistered(redirectURI: redirectURI) {
            return OAuthError.invalidRequest("The redirect_uri \(redirectURI) is not registered for the application.")
                .response
        }
        let requestURI = Self.requestURIPrefix + Self.randomToken(byteCount: 24)
        pushedRequests[requestURI] = PushedRequest(
            clientID: app.id, parameters: params, expiresAt: now.addingTimeInterval(Self.pushedRequestLifetime))
        let body = JSONValue.object([
            JSONMember("request_uri", .string(requestURI)),
            JSONMember("expires_in", .int(Int(Self.pushedRequestLifetime))),
        ])
        return .json(201, body).adding("Cache-Control", "no-store")
    }

    /// Redeems a `request_uri` once (RFC 9126 §4); the pushed parameters become the authorization request.
    func redeemPushedRequest(_ requestURI: String, clientID: String) -> Result<FormParameters, PingOneError> {
        guard var pushed = pushedRequests[requestURI], !pushed.used, pushed.expiresAt > now else {
            return .failure(
                .invalidRequest("The request_uri is unknown, expired or already used.", target: "request_uri"))
        }
        guard pushed.clientID == clientID else {
            return .failure(.invalidRequest("The request_uri was pushed by another client.", target: "request_uri"))
        }
        pushed.used = true
        pushedRequests[requestURI] = pushed
        return .success(pushed.parameters)
    }

    /// Verifies a `request` object (OIDC Core §6.1, reference §1.1) and merges its claims over `outer`.
    ///
    /// It must be signed: HS256/384/512 with the client secret, or RS256/384/512/ES256 with the app's `jwks`.
    func requestObjectParameters(_ compact: String, app: SimulatedApplication, outer: FormParameters)
        -> Result<FormParameters, PingOneError>
    {
        func reject(_ reason: String) -> Result<FormParameters, PingOneError> {
            .failure(.invalidRequest("The request object was rejected: \(reason)", target: "request"))
        }
        let jwt: JWT
        do {
            jwt = try JWT(compact: compact)
            if jwt.isHMAC {
                guard let secret = app.secret else { return reject("the application has no secret for HMAC.") }
                try jwt.verifyHMAC(secret: secret)
            } else if let jwks = app.jwks {
                try JWKSet(json: jwks).verify(jwt)
            } else {
                return reject(
                    "\(jwt.algorithm ?? "none") needs the application's jwks; unsigned objects are not accepted.")
            }
        } catch {
            return reject("\(error).")
        }
        let claims = jwt.claims
        if let iss = claims["iss"]?.stringValue, iss != app.id { return reject("iss must be the client_id.") }
        if let clientID = claims["client_id"]?.stringValue, clientID != app.id {
            return reject("client_id does not match the request's client_id.")
        }
        if claims["aud"] != nil, !jwt.audiences.contains(issuer) { return reject("aud must be the issuer \(issuer).") }
        if let exp = claims["exp"]?.intValue, exp <= Int(now.timeIntervalSince1970) { return reject("it has expired.") }

        var merged = outer
        merged.pairs.removeAll { $0.name == "request" }
        for member in claims.objectMembers ?? [] where !["iss", "aud", "exp", "iat", "nbf", "jti"].contains(member.key)
        {
            let value: String
            switch member.value {
            case .string(let text): value = text
            case .int(let number): value = String(number)
            default: continue
            }
            merged.pairs.removeAll { $0.name == member.key }
            merged.pairs.append((name: member.key, value: value))
        }
        return .success(merged)
    }
}
