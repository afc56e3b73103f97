import Foundation

extension AuthorizationServer {
    static let jwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    /// Authenticates the client by the one method its application is configured for (reference §4.2).
    ///
    /// `endpointURL` is the URL being called; a client assertion's `aud` may name it, the token endpoint or the issuer.
    func authenticateClient(_ request: SimulatorRequest, endpointURL: String) -> Result<
        SimulatedApplication, OAuthError
    > {
        let form = request.formParameters
        let authorization = request.header("authorization")
        let basic = authorization.flatMap(Self.basicCredentials)
        let basicAttempted = authorization?.lowercased().hasPrefix("basic ") == true
        if basicAttempted && basic == nil {
            return .failure(
                .invalidClient("The Authorization header is not valid HTTP Basic credentials.", basicAttempted: true))
        }

        // RFC 6749 §2.3: a client must use only one authentication method per request.
        let methodsPresented = [basicAttempted, form["client_assertion"] != nil, form["client_secret"] != nil]
        guard methodsPresented.filter({ $0 }).count <= 1 else {
            return .failure(OAuthError.invalidRequest("The request uses more than one client authentication method."))
        }
        let presented: String
        let clientID: String?
        if let basic {
            presented = "CLIENT_SECRET_BASIC"
            clientID = basic.id
        } else if let assertion = form["client_assertion"] {
            guard form["client_assertion_type"] == Self.jwtBearerAssertionType else {
                return .failure(.invalidClient("client_assertion_type must be \(Self.jwtBearerAssertionType)."))
            }
            let jwt: JWT
            do {
                jwt = try JWT(compact: assertion)
            } catch {
                return .failure(.invalidClient("The client_assertion is not a valid JWT: \(error)."))
            }
            presented = jwt.isHMAC ? "CLIENT_SECRET_JWT" : "PRIVATE_KEY_JWT"
            clientID = jwt.claims["iss"]?.stringValue ?? form["client_id"]
        } else if form["client_secret"] != nil {
            presented = "CLIENT_SECRET_POST"
            clientID = form["client_id"]
        } else {
            presented = "NONE"
            clientID = form["client_id"]
        }
        guard let clientID else {
            return .failure(.invalidClient("The client could not be identified: send client_id or client credentials."))
        }
        if let bodyClientID = form["client_id"], bodyClientID != clientID {
            return .failure(
                .invalidClient(
                    "client_id in the body does not match the authenticated client.", basicAttempted: basic != nil))
        }
        guard let app = configuration.application(id: clientID) else {
            return .failure(.invalidClient("The client \(clientID) was not found.", basicAttempted: basic != nil))
        }
        guard presented == app.tokenEndpointAuthMethod else {
            return .failure(
                .invalidClient(
                    "The client authenticated with \(presented), but the application's tokenEndpointAuthMethod is \(app.tokenEndpointAuthMethod).",
                    basicAttempted: basic != nil))
        }
        switch presented {
        case "CLIENT_SECRET_BASIC":
            guard let secret = app.secret, let basic, Self.constantTimeEqual(basic.secret, secret) else {
                return .failure(.invalidClient("The client credentials are invalid.", basicAttempted: true))
            }
        case "CLIENT_SECRET_POST":
            guard let secret = app.secret, let sent = form["client_secret"], Self.constantTimeEqual(sent, secret) else {
                return .failure(.invalidClient("The client credentials are invalid."))
            }
        case "CLIENT_SECRET_JWT", "PRIVATE_KEY_JWT":
            if let error = verifyClientAssertion(form["client_assertion"] ?? "", app: app, endpointURL: endpointURL) {
                return .failure(error)
            }
        default:
            break
        }
        return .success(app)
    }

    /// RFC 7523 §3 checks on a client assertion: signature, `iss` = `sub` = client, `aud`, `exp` ≤ 1 h ahead, `nbf`, unused `jti`.
    private func verifyClientAssertion(_ assertion: String, app: SimulatedApplication, endpointURL: String)
        -> OAuthError?
    {
        let jwt: JWT
        do {
            jwt = try JWT(compact: assertion)
            if app.tokenEndpointAuthMethod == "CLIENT_SECRET_JWT" {
                try jwt.verifyHMAC(secret: app.secret ?? "")
            } else {
                try JWKSet(json: app.jwks ?? "").verify(jwt)
            }
        } catch {
            return .invalidClient("The client_assertion was rejected: \(error).")
        }
        let claims = jwt.claims
        guard claims["iss"]?.stringValue == app.id, claims["sub"]?.stringValue == app.id else {
            return .invalidClient("The client_assertion iss and sub must both be the client_id.")
        }
        let acceptedAudiences = [tokenEndpoint, issuer, endpointURL]
        guard jwt.audiences.contains(where: acceptedAudiences.contains) else {
            return .invalidClient("The client_assertion aud must be the token endpoint URL or the issuer.")
        }
        let nowSeconds = Int(now.timeIntervalSince1970)
        guard let exp = claims["exp"]?.intValue else {
            return .invalidClient("The client_assertion has no exp claim.")
        }
        guard exp > nowSeconds else { return .invalidClient("The client_assertion has expired.") }
        guard exp <= nowSeconds + 3600 + 60 else {
            return .invalidClient("The client_assertion exp is more than 1 hour in the future.")
        }
        if let nbf = claims["nbf"]?.intValue, nbf > nowSeconds + 60 {
            return .invalidClient("The client_assertion nbf is in the future.")
        }
        guard let jti = claims["jti"]?.stringValue, !jti.isEmpty else {
            return .invalidClient("The client_assertion has no jti claim.")
        }
        guard usedAssertionIDs.insert("\(app.id) \(jti)").inserted else {
            return .invalidClient("The client_assertion jti has already been used.")
        }
        return nil
    }

    /// RFC 6749 §2.3.1: Basic credentials are the form-urlencoded client id and secret.
    static func basicCredentials(_ header: String) -> (id: String, secret: String)? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
            let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
            let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":"),
            let id = FormParameters.decode(decoded[..<colon]),
            let secret = FormParameters.decode(decoded[decoded.index(after: colon)...]), !id.isEmpty
        else { return nil }
        return (id, secret)
    }

    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
