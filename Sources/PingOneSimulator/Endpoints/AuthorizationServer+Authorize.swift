import Foundation

extension AuthorizationServer {
    static let responseModes: Set<String> = ["query", "fragment", "form_post", "pi.flow"]

    /// `GET|POST /as/authorize` (reference §1): validates the request, creates a flow and sends the browser to sign on.
    ///
    /// A bad `client_id` or `redirect_uri` is never redirected to the client (RFC 6749 §4.1.2.1): the browser goes
    /// to the sign-on page with `?error=` (as Ping's SDK tests model it), a `pi.flow` call gets PingOne error JSON.
    /// Every later error is redirected to the client.
    func authorize(request: SimulatorRequest) -> SimulatorResponse {
        var params: FormParameters
        if request.method.uppercased() == "POST" {
            guard request.hasFormBody else {
                return PingOneError.invalidRequest(
                    "The authorize POST body must be application/x-www-form-urlencoded.", target: "Content-Type"
                ).response()
            }
            params = request.formParameters
        } else {
            params = request.queryParameters
        }
        // Errors that cannot go to the client: JSON for pi.flow (an API call), else the sign-on page with `?error=`.
        let wantsJSON = params["response_mode"] == "pi.flow"
        func refuse(_ error: PingOneError) -> SimulatorResponse {
            wantsJSON ? error.response() : signOnPageError(error)
        }
        guard let clientID = params["client_id"] else {
            return refuse(.invalidRequest("client_id is required.", detailCode: "REQUIRED_VALUE", target: "client_id"))
        }
        guard let app = configuration.application(id: clientID) else {
            return refuse(.invalidRequest("The application \(clientID) was not found.", target: "client_id"))
        }

        // RFC 9126 §4: with a request_uri, the pushed parameters are the request.
        var usedPushedRequest = false
        if let requestURI = params["request_uri"] {
            switch redeemPushedRequest(requestURI, clientID: clientID) {
            case .success(let pushed):
                params = pushed
                usedPushedRequest = true
            case .failure(let error):
                return error.response()
            }
        }
        // OIDC Core §6.1: request-object claims replace the query parameters.
        if let requestObject = params["request"] {
            switch requestObjectParameters(requestObject, app: app, outer: params) {
            case .success(let merged): params = merged
            case .failure(let error): return error.response()
            }
        }

        let responseMode = params["response_mode"] ?? "query"
        let isPiFlow = responseMode == "pi.flow"
        let redirectURI = params["redirect_uri"]
        if let redirectURI {
            guard app.isRegistered(redirectURI: redirectURI), !faults.contains(.redirectURIMismatch) else {
                return refuse(
                    .invalidRequest(
                        "The redirect_uri \(redirectURI) is not registered for the application.",
                        target: "redirect_uri"))
            }
        } else if !isPiFlow {
            return refuse(
                .invalidRequest("redirect_uri is required.", detailCode: "REQUIRED_VALUE", target: "redirect_uri"))
        }

        let state = params["state"]
        let mode = Self.responseModes.contains(responseMode) ? responseMode : "query"
        func fail(_ error: String, _ description: String) -> SimulatorResponse {
            authorizationError(error, description, redirectURI: redirectURI, state: state, responseMode: mode)
        }
        guard Self.responseModes.contains(responseMode) else {
            return fail("invalid_request", "Unsupported response_mode \(responseMode).")
        }
        if let repeated = params.repeatedNames.first {
            return fail("invalid_request", "The parameter \(repeated) is repeated.")
        }
        if app.parRequirement == "REQUIRED" && !usedPushedRequest {
            return fail("invalid_request", "The application requires pushed authorization requests (PAR).")
        }
        guard let responseType = params["response_type"] else {
            return fail("invalid_request", "response_type is required.")
        }
        guard responseType == "code" else {
            return fail("unsupported_response_type", "The response_type \(responseType) is not supported.")
        }
        if let pkceError = validatePKCE(params: params, app: app) {
            return fail("invalid_request", pkceError)
        }

        // acr_values: sign-on policy names in order of preference (reference §1.1); the first the
        // application has is applied. UNCONFIRMED: PingOne's answer when it has none of them.
        let acrValues = (params["acr_values"] ?? "").split(separator: " ").map(String.init)
        let policy = acrValues.first { Self.signOnPolicies.contains($0) }
        if !acrValues.isEmpty, policy == nil {
            return fail(
                "invalid_request",
                "None of the acr_values (\(acrValues.joined(separator: " "))) is a sign-on policy of the application: "
                    + Self.signOnPolicies.joined(separator: ", ") + ".")
        }

        var authorization = AuthorizationRequest(
            clientID: clientID, redirectURI: redirectURI, responseType: responseType,
            scope: params["scope"] ?? "openid", state: state, nonce: params["nonce"],
            codeChallenge: params["code_challenge"],
            codeChallengeMethod: params["code_challenge"] == nil ? nil : (params["code_challenge_method"] ?? "plain"),
            responseMode: responseMode, prompt: params["prompt"], loginHint: params["login_hint"])
        authorization.policy = policy

        // PingOne's `ST` values are UUIDs (reference §2.2).
        let session = currentSession(request) ?? BrowserSession(token: Self.newID(), id: Self.newID())
        let prompts = Set((authorization.prompt ?? "").split(separator: " ").map(String.init))
        sessions[session.token] = session

        let createdAt = now
        var flow = Flow(
            id: Self.newID(), sessionToken: session.token, request: authorization, createdAt: createdAt,
            expiresAt: faults.contains(.expiredFlows) ? createdAt : createdAt.addingTimeInterval(15 * 60))

        // OIDC Core §3.1.2.1: max_age bounds how long ago the user authenticated; an older sign-on
        // does not count for single sign-on.
        let maxAge = params["max_age"].flatMap(Int.init)
        // OIDC Core §3.1.2.1: prompt=login forces a new sign-on even with a signed-on session.
        let signedOnUser = session.userID.flatMap { userID -> String? in
            if prompts.contains("login") { return nil }
            // A session without a second factor does not satisfy Multi_Factor: the user signs on again
            // (step-up). UNCONFIRMED: PingOne may ask for the second factor alone.
            if policy == Self.multiFactorPolicy, !session.methods.contains("mfa") { return nil }
            guard let maxAge, let authTime = session.authTime else { return userID }
            return now.timeIntervalSince(authTime) <= TimeInterval(maxAge) ? userID : nil
        }

        // OIDC Core §3.1.2.1: prompt=none succeeds only with a signed-on session.
        // Single sign-on: a live signed-on session completes the flow without credentials, and the
        // browser goes straight back to the client with the code.
        if prompts.contains("none") || signedOnUser != nil {
            guard let userID = signedOnUser else {
                return fail("login_required", "User authentication is required")
                    .adding("Set-Cookie", sessionCookie(session.token))
            }
            flow.status = .completed
            flow.userID = userID
            flows[flow.id] = flow
            let response = isPiFlow ? completePiFlow(flow.id) : authorizationSuccess(flowID: flow.id)
            return response.adding("Set-Cookie", sessionCookie(session.token))
        }

        if let userID = session.userID {
            // A signed-on session whose sign-on does not count (prompt=login, max_age passed): PingOne's
            // login action: "an existing session … prompts for a password only" (PASSWORD_REQUIRED).
            flow.status = .passwordRequired
            flow.userID = userID
        }
        flows[flow.id] = flow
        var response: SimulatorResponse
        if isPiFlow {
            response = .json(200, flowJSON(flow), contentType: Self.flowContentType)
        } else {
            response = .found(signOnURL(flow.id))
            if faults.contains(.missingLocation) { response.remove("Location") }
        }
        response.add("Set-Cookie", sessionCookie(session.token))
        return response
    }

    /// `302` to the sign-on page with the PingOne error JSON, URL-encoded, in `error` (reference §1.2;
    /// the exact payload PingOne sends is UNCONFIRMED).
    func signOnPageError(_ error: PingOneError) -> SimulatorResponse {
        let body = error.response()
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = String(decoding: body.body, as: UTF8.self).addingPercentEncoding(withAllowedCharacters: allowed)
        var response = SimulatorResponse.found("\(signOnEnvironmentURL)/signon/?error=\(encoded ?? "")")
        response.errorID = body.errorID
        return response
    }

    /// RFC 7636 §4.3 and the app's `pkceEnforcement`; returns the reason when the challenge is unacceptable.
    private func validatePKCE(params: FormParameters, app: SimulatedApplication) -> String? {
        let method = params["code_challenge_method"]
        guard let challenge = params["code_challenge"] else {
            if method != nil { return "code_challenge_method was sent without code_challenge." }
            if app.pkceEnforcement != "OPTIONAL" {
                return "code_challenge is required: the application's PKCE enforcement is \(app.pkceEnforcement)."
            }
            return nil
        }
        let effectiveMethod = method ?? "plain"
        guard effectiveMethod == "S256" || effectiveMethod == "plain" else {
            return "Unsupported code_challenge_method \(effectiveMethod); use S256 or plain."
        }
        if app.pkceEnforcement == "S256_REQUIRED" && effectiveMethod != "S256" {
            return "code_challenge_method must be S256: the application's PKCE enforcement is S256_REQUIRED."
        }
        guard PKCE.isWellFormed(challenge) else {
            return "code_challenge must be 43 to 128 characters of [A-Z a-z 0-9 - . _ ~] (RFC 7636 §4.2)."
        }
        return nil
    }

    /// The signed-on or signing-on session named by the request's `ST` cookie, if it is still live.
    func currentSession(_ request: SimulatorRequest) -> BrowserSession? {
        guard let token = request.cookie("ST"), let session = sessions[token], !session.ended else { return nil }
        return session
    }

    /// `ST` cookie attributes (reference §1.2: HttpOnly and Secure; Path and SameSite chosen here).
    func sessionCookie(_ token: String) -> String {
        "ST=\(token); Path=\(cookiePath); Secure; HttpOnly; SameSite=\(sessionCookieSameSite)"
    }

    /// `None`, as PingOne sends it, so the hosted page's cross-origin calls carry `ST` even from another
    /// site; `Lax` under the `sameSiteLax` fault, to show what a browser then leaves out.
    var sessionCookieSameSite: String { faults.contains(.sameSiteLax) ? "Lax" : "None" }

    /// An authorization error for the client: a redirect (RFC 6749 §4.1.2.1), or PingOne JSON in `pi.flow` mode.
    func authorizationError(
        _ error: String, _ description: String, redirectURI: String?, state: String?, responseMode: String
    ) -> SimulatorResponse {
        guard responseMode != "pi.flow", let redirectURI else {
            // reference §1.3: pi.flow errors carry the OAuth error as the detail code.
            return PingOneError(
                status: 400, code: "INVALID_REQUEST", message: "The request could not be completed. \(description)",
                details: [.init(code: error.uppercased(), target: nil, message: description)]
            ).response()
        }
        var parameters = [("error", error), ("error_description", description)]
        if let state { parameters.append(("state", state)) }
        return deliver(parameters, to: redirectURI, responseMode: responseMode)
    }

    /// Sends authorization response parameters to the client by `response_mode`.
    func deliver(_ parameters: [(String, String)], to redirectURI: String, responseMode: String) -> SimulatorResponse {
        switch responseMode {
        case "fragment":
            // OAuth 2.0 Multiple Response Types §2.1.
            return .found(redirectURI + "#" + FormParameters.encode(parameters))
        case "form_post":
            // OAuth 2.0 Form Post Response Mode §2.
            let inputs = parameters.map {
                "<input type=\"hidden\" name=\"\(HTML.escape($0.0))\" value=\"\(HTML.escape($0.1))\">"
            }
            return .html(
                200,
                """
                <!DOCTYPE html>
                <html><head><title>Submit this form</title></head>
                <body onload="document.forms[0].submit()">
                <form method="post" action="\(HTML.escape(redirectURI))">
                \(inputs.joined(separator: "\n"))
                <noscript><button type="submit">Continue</button></noscript>
                </form></body></html>
                """)
        default:
            let separator = redirectURI.contains("?") ? "&" : "?"
            return .found(redirectURI + separator + FormParameters.encode(parameters))
        }
    }
}
