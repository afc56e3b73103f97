import Foundation

// MARK: - Building requests

extension AuthorizationCodeFlow {
    /// What a step's request does, for the record.
    func action(for step: FlowStep) -> StepAction {
        switch step {
        case .par: .pushedAuthorization
        case .authorize:
            if signsOnInBrowser {
                .authorize(sentBy: .browser)
            } else if configuration.usesPushedAuthorization {
                .authorize(sentBy: .authflowWithRequestURI)
            } else {
                .authorize(sentBy: .authflow(configuration.authorizeMethod))
            }
        case .signOn:
            switch signOnAction {
            case .readFlow: .readFlow
            case .checkCredentials: .checkCredentials
            case .selectDevice: .selectDevice
            case .checkOTP: .checkOTP
            case .changePassword: .changePassword
            case .confirmPush: .pollPush
            case .cancelPush: .cancelPush
            case .forgotPassword: .forgotPassword
            case .recoverPassword: .recoverPassword
            }
        case .resume: .resume
        case .token: .redeemCode
        case .inspect: .fetchKeys
        case .userInfo: .userInfo
        case .introspect: .introspect
        case .refresh: .refresh
        case .revoke: .revoke(tokens?.refreshToken != nil ? .refreshToken : .accessToken)
        case .signOff: .signOff
        }
    }

    /// The authorize parameters (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, RFC 7636 §4.3).
    func authorizeParameters() -> [FormParameter] {
        var parameters = [
            FormParameter("response_type", "code"),
            FormParameter("client_id", configuration.clientID),
            FormParameter("redirect_uri", configuration.redirectURI),
            FormParameter("scope", configuration.scopes.joined(separator: " ")),
            FormParameter("state", state),
        ]
        if let nonce { parameters.append(FormParameter("nonce", nonce)) }
        if let pkce {
            parameters.append(FormParameter("code_challenge", pkce.challenge))
            parameters.append(FormParameter("code_challenge_method", pkce.method.rawValue))
        }
        if let responseMode = configuration.responseMode {
            parameters.append(FormParameter("response_mode", responseMode))
        }
        for extra in configuration.extraAuthorizeParameters {
            if let index = parameters.firstIndex(where: { $0.name == extra.name }) {
                parameters[index].value = extra.value
            } else {
                parameters.append(extra)
            }
        }
        return parameters
    }

    /// The editable parameters of a step's request.
    func parameters(for step: FlowStep) -> [FormParameter] {
        switch step {
        case .par:
            return authorizeParameters()
        case .authorize:
            if let requestURI {
                return [FormParameter("client_id", configuration.clientID), FormParameter("request_uri", requestURI)]
            }
            return authorizeParameters()
        case .signOn:
            switch signOnAction {
            case .readFlow: return [FormParameter("flowId", flowID ?? "")]
            case .checkCredentials:
                return [
                    FormParameter("username", configuration.username ?? ""),
                    FormParameter("password", configuration.password ?? ""),
                ]
            case .selectDevice:
                return [FormParameter("device.id", signOn?.selectedDeviceID ?? signOn?.devices.first?.id ?? "")]
            case .checkOTP:
                return [FormParameter("otp", configuration.otp ?? "")]
            case .changePassword:
                return [
                    FormParameter("currentPassword", configuration.password ?? ""),
                    FormParameter("newPassword", configuration.newPassword ?? ""),
                ]
            case .confirmPush:
                return [FormParameter("flowId", flowID ?? "")]
            case .cancelPush:
                return [FormParameter("reason", "CHANGE_DEVICE")]
            case .forgotPassword:
                return [FormParameter("username", configuration.username ?? "")]
            case .recoverPassword:
                return [
                    FormParameter("recoveryCode", configuration.recoveryCode ?? ""),
                    FormParameter("newPassword", configuration.newPassword ?? ""),
                ]
            }
        case .resume:
            return [FormParameter("flowId", flowID ?? "")]
        case .token:
            var parameters = [
                FormParameter("grant_type", "authorization_code"),
                FormParameter("code", code ?? ""),
                FormParameter("redirect_uri", configuration.redirectURI),
            ]
            if let pkce { parameters.append(FormParameter("code_verifier", pkce.verifier)) }
            return parameters
        case .inspect:
            return []
        case .userInfo:
            return [FormParameter("access_token", tokens?.accessToken ?? "")]
        case .introspect:
            return [
                FormParameter("token", tokens?.accessToken ?? ""), FormParameter("token_type_hint", "access_token"),
            ]
        case .refresh:
            return [
                FormParameter("grant_type", "refresh_token"),
                FormParameter("refresh_token", tokens?.refreshToken ?? ""),
            ]
        case .revoke:
            if let refresh = tokens?.refreshToken {
                return [FormParameter("token", refresh), FormParameter("token_type_hint", "refresh_token")]
            }
            return [
                FormParameter("token", tokens?.accessToken ?? ""), FormParameter("token_type_hint", "access_token"),
            ]
        case .signOff:
            var parameters = [FormParameter("id_token_hint", tokens?.idToken ?? "")]
            if let redirect = configuration.postLogoutRedirectURI {
                parameters.append(FormParameter("post_logout_redirect_uri", redirect))
                parameters.append(FormParameter("state", state))
            }
            return parameters
        }
    }

    /// Builds the request of a step from its draft parameters, the configuration and the cookie jar.
    func buildRequest(for step: FlowStep, at now: Date) throws(FlowFailure) -> HTTPRequest {
        let endpoints = configuration.endpoints
        var method = "GET"
        var url: String
        var form: [FormParameter]?
        var json: JSONValue?
        var contentType: String?
        var authorization: String?
        var accept = "application/json"
        var sendsCookies = true
        switch step {
        case .par:
            guard let endpoint = endpoints.pushedAuthorization else {
                throw .invalidRequest("the server offers no PAR endpoint")
            }
            method = "POST"
            url = endpoint
            form = try authorizeForm(at: now)
            try addClientAuthentication(to: &form, authorization: &authorization, audience: endpoint, at: now)
            sendsCookies = false
        case .authorize:
            url = endpoints.authorization
            accept = "text/html,application/json"
            let parameters = requestURI == nil ? try authorizeForm(at: now) : draft
            if configuration.authorizeMethod == .post, requestURI == nil, !signsOnInBrowser {
                method = "POST"
                form = parameters
            } else {
                url += (url.contains("?") ? "&" : "?") + FormURLEncoding.encode(parameters)
            }
        case .signOn:
            switch signOnAction {
            case .readFlow:
                url = configuration.flowEndpoint(draft.value("flowId") ?? "")
            case .checkCredentials(let credentialsURL):
                method = "POST"
                url = credentialsURL ?? configuration.flowEndpoint(flowID ?? "")
                contentType = Self.usernamePasswordCheck
                json = .object([
                    JSONMember("username", .string(draft.value("username") ?? "")),
                    JSONMember("password", .string(draft.value("password") ?? "")),
                ])
            case .selectDevice(let link):
                // UNCONFIRMED body shape (reference §2.2): `{"device": {"id": …}}`, as Ping's sample sends.
                method = "POST"
                url = link ?? configuration.flowEndpoint(flowID ?? "")
                contentType = Self.deviceSelect
                json = .object([
                    JSONMember("device", .object([JSONMember("id", .string(draft.value("device.id") ?? ""))]))
                ])
            case .checkOTP(let link):
                method = "POST"
                url = link ?? configuration.flowEndpoint(flowID ?? "")
                contentType = Self.otpCheck
                json = .object([JSONMember("otp", .string(draft.value("otp") ?? ""))])
            case .changePassword(let link):
                method = "POST"
                url = link ?? configuration.flowEndpoint(flowID ?? "")
                contentType = Self.passwordReset
                json = .object([
                    JSONMember("currentPassword", .string(draft.value("currentPassword") ?? "")),
                    JSONMember("newPassword", .string(draft.value("newPassword") ?? "")),
                ])
            case .confirmPush(let link, _):
                // UNCONFIRMED: that a client polls a waiting push by reading the flow (reference §2.3).
                let draftedFlowID = draft.value("flowId") ?? ""
                url = (link != nil && draftedFlowID == flowID) ? link ?? "" : configuration.flowEndpoint(draftedFlowID)
            case .cancelPush(let link):
                method = "POST"
                url = link ?? configuration.flowEndpoint(flowID ?? "")
                contentType = Self.cancelPushAuthentication
                json = .object([JSONMember("reason", .string(draft.value("reason") ?? ""))])
            case .forgotPassword(let link):
                method = "POST"
                url = link ?? configuration.flowEndpoint(flowID ?? "")
                contentType = Self.passwordForgot
                json = .object([JSONMember("username", .string(draft.value("username") ?? ""))])
            case .recoverPassword(let link):
                method = "POST"
                url = link ?? configuration.flowEndpoint(flowID ?? "")
                contentType = Self.passwordRecover
                json = .object([
                    JSONMember("recoveryCode", .string(draft.value("recoveryCode") ?? "")),
                    JSONMember("newPassword", .string(draft.value("newPassword") ?? "")),
                ])
            }
        case .resume:
            let draftedFlowID = draft.value("flowId") ?? ""
            url =
                (resumeURL != nil && draftedFlowID == flowID)
                ? resumeURL ?? "" : configuration.resumeEndpoint(draftedFlowID)
            accept = "text/html,application/json"
        case .token, .refresh:
            method = "POST"
            url = endpoints.token
            form = draft
            try addClientAuthentication(to: &form, authorization: &authorization, audience: endpoints.token, at: now)
            sendsCookies = false
        case .inspect:
            guard let jwks = endpoints.jwks else { throw .invalidRequest("the server publishes no jwks_uri") }
            url = jwks
            sendsCookies = false
        case .userInfo:
            guard let endpoint = endpoints.userInfo else {
                throw .invalidRequest("the server offers no UserInfo endpoint")
            }
            url = endpoint
            authorization = "Bearer \(draft.value("access_token") ?? "")"
            sendsCookies = false
        case .introspect, .revoke:
            guard let endpoint = step == .introspect ? endpoints.introspection : endpoints.revocation else {
                throw .invalidRequest(
                    "the server offers no \(step == .introspect ? "introspection" : "revocation") endpoint")
            }
            method = "POST"
            url = endpoint
            form = draft
            try addClientAuthentication(to: &form, authorization: &authorization, audience: endpoint, at: now)
            sendsCookies = false
        case .signOff:
            guard let endpoint = endpoints.endSession else {
                throw .invalidRequest("the server offers no sign-off endpoint")
            }
            url = endpoint + "?" + FormURLEncoding.encode(draft)
            accept = "text/html,application/json"
        }
        var body: [UInt8] = []
        if let form {
            contentType = "application/x-www-form-urlencoded"
            body = Array(FormURLEncoding.encode(form).utf8)
        } else if let json {
            body = Array(json.compactText.utf8)
        }
        let parts = URLParts(url)
        guard let parts else { throw .invalidRequest("not an http(s) URL: \(url)") }
        var headers = [HTTPHeader("Host", parts.origin.replacingOccurrences(of: "\(parts.scheme)://", with: ""))]
        headers.append(HTTPHeader("User-Agent", Self.userAgent))
        headers.append(HTTPHeader("Accept", accept))
        if let contentType { headers.append(HTTPHeader("Content-Type", contentType)) }
        if let authorization { headers.append(HTTPHeader("Authorization", authorization)) }
        // The jar stands for the browser; back-channel requests carry no browser cookies.
        if sendsCookies, let cookie = cookieJar.cookieHeader(for: parts, at: now) {
            headers.append(HTTPHeader("Cookie", cookie))
        }
        if method == "POST" { headers.append(HTTPHeader("Content-Length", String(body.count))) }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: body)
        // No credential goes to an origin the user did not configure or allow, whatever the server said.
        let policy = configuration.originPolicy
        if let origin = policy.foreignOrigin(of: url) {
            let carried = Self.credentials(in: request)
            if !carried.isEmpty {
                throw .foreignOrigin(url: url, origin: origin, trusted: policy.trusted, credentials: carried)
            }
        }
        return request
    }

    /// The credentials a request carries, named for the user: what the origin policy guards.
    static func credentials(in request: HTTPRequest) -> [String] {
        var carried: [String] = []
        func add(_ name: String) { if !carried.contains(name) { carried.append(name) } }
        if let authorization = request.header("Authorization") {
            let scheme = authorization.split(separator: " ").first?.lowercased()
            add(scheme == "basic" ? "the client secret" : scheme == "bearer" ? "a token" : "the Authorization header")
        }
        if let cookie = request.header("Cookie") { add("cookies (\(cookieNames(cookie).joined(separator: ", ")))") }
        var parameters = URLParts(request.url)?.queryParameters ?? []
        if request.header("Content-Type")?.hasPrefix("application/x-www-form-urlencoded") == true {
            parameters += FormURLEncoding.decode(String(decoding: request.body, as: UTF8.self))
        }
        // A Flow API body: the password, and what the MFA and password stages send (the OTP, the
        // current and new password, the recovery code).
        if request.header("Content-Type")?.contains("json") == true, let json = try? JSONValue.parse(request.body) {
            for (name, label) in [
                ("password", "the password"), ("otp", "the one-time password"),
                ("currentPassword", "the password"), ("newPassword", "the new password"),
                ("recoveryCode", "the recovery code"),
            ] where json[name] != nil {
                add(label)
            }
        }
        for parameter in parameters where !parameter.value.isEmpty {
            switch parameter.name {
            case "password": add("the password")
            case "client_secret": add("the client secret")
            case "client_assertion": add("the client assertion")
            case "code": add("the authorization code")
            case "code_verifier": add("the PKCE verifier")
            case "token", "access_token", "refresh_token", "id_token_hint": add("a token")
            default: continue
            }
        }
        return carried
    }

    /// The authorize parameters as sent: the draft, or a signed request object carrying it (RFC 9101 §5).
    private func authorizeForm(at now: Date) throws(FlowFailure) -> [FormParameter] {
        guard let signing = configuration.requestObject else { return draft }
        var claims = [
            JSONMember("iss", .string(configuration.clientID)), JSONMember("aud", .string(configuration.issuer)),
        ]
        claims += draft.map { JSONMember($0.name, .string($0.value)) }
        claims.append(JSONMember("iat", .integer(Int64(now.timeIntervalSince1970))))
        claims.append(JSONMember("exp", .integer(Int64(now.timeIntervalSince1970) + 300)))
        let jwt: String
        switch signing {
        case .clientSecret:
            guard let secret = configuration.clientSecret else {
                throw .invalidRequest("an HS256 request object needs the client secret")
            }
            jwt = ClientAssertion.signedWithSecret(.object(claims), secret: secret)
        case .privateKey:
            guard let key = configuration.clientKey else {
                throw .invalidRequest("a signed request object needs --key")
            }
            do {
                jwt = try ClientAssertion.signed(.object(claims), key: key)
            } catch {
                throw .invalidRequest("cannot sign the request object: \(error)")
            }
        }
        // OAuth 2.0 still requires these outside the object (RFC 9101 §5; OIDC Core §6.1).
        var form = [FormParameter("client_id", configuration.clientID)]
        for name in ["response_type", "scope", "redirect_uri"] {
            if let value = draft.value(name) { form.append(FormParameter(name, value)) }
        }
        form.append(FormParameter("request", jwt))
        return form
    }

    /// Adds the client's authentication to a back-channel request (RFC 6749 §2.3, RFC 7523, OIDC Core §9).
    private func addClientAuthentication(
        to form: inout [FormParameter]?, authorization: inout String?,
        audience: String, at now: Date
    ) throws(FlowFailure) {
        var parameters = form ?? []
        // PAR's body already names the client; a repeated parameter is an error (RFC 6749 §3.2).
        func addClientID() {
            if parameters.value("client_id") == nil {
                parameters.append(FormParameter("client_id", configuration.clientID))
            }
        }
        switch configuration.clientAuthentication {
        case .none:
            addClientID()
        case .clientSecretBasic:
            authorization = basicCredentials.map { "Basic \($0)" }
        case .clientSecretPost:
            addClientID()
            parameters.append(FormParameter("client_secret", configuration.clientSecret ?? ""))
        case .clientSecretJWT, .privateKeyJWT:
            let claims = ClientAssertion.claims(
                clientID: configuration.clientID, audience: audience, issuedAt: now,
                jwtID: ClientAssertion.jwtID(seed: state, audience: audience, at: now))
            let assertion: String
            if configuration.clientAuthentication == .clientSecretJWT {
                guard let secret = configuration.clientSecret else {
                    throw .invalidRequest("CLIENT_SECRET_JWT needs the client secret")
                }
                assertion = ClientAssertion.signedWithSecret(claims, secret: secret)
            } else {
                guard let key = configuration.clientKey else {
                    throw .invalidRequest("PRIVATE_KEY_JWT needs the client's private key (--key)")
                }
                do {
                    assertion = try ClientAssertion.signed(claims, key: key)
                } catch {
                    throw .invalidRequest("cannot sign the client assertion: \(error)")
                }
            }
            addClientID()
            parameters.append(FormParameter("client_assertion_type", ClientAssertion.type))
            parameters.append(FormParameter("client_assertion", assertion))
        }
        form = parameters
    }
}
