extension FlowFailure: CustomStringConvertible {
    /// One line saying what went wrong.
    public var description: String {
        switch self {
        case .transport(let error): error.description
        case .unexpectedStatus(let got, let expected): "unexpected status \(got) (expected \(expected))"
        case .missingLocation: "the redirect has no Location header"
        case .missingFlowID(let location): "no flowId in Location \(location)"
        case .pingOneError(let status, let error):
            "PingOne error \(status) \(error.code)" + (error.details.first?.code.map { "/\($0)" } ?? "")
                + (error.details.first?.message ?? error.message).map { ": \($0)" }.orEmpty
        case .oauthError(let error): "OAuth error \(error.error)" + (error.description.map { ": \($0)" } ?? "")
        case .stateMismatch(let sent, let received):
            "state mismatch: sent \(sent ?? "(none)"), received \(received ?? "(none)")"
        case .missingCode(let location): "no code in the redirect to \(location)"
        case .malformedResponse(let reason): "malformed response: \(reason)"
        case .signOnNeedsBrowser(let status, let links): SignOn.describe(status: status, links: links)
        case .missingCredentials: "the sign-on step needs a username and password"
        case .invalidRequest(let reason): reason
        case .tokenChecksFailed(let checks): "token checks failed: \(checks.joined(separator: ", "))"
        case .foreignOrigin(let url, let origin, let trusted, let credentials):
            "refused to send \(credentials.joined(separator: ", ")) to \(origin): the server named \(url), "
                + "which is not on \(trusted.isEmpty ? "an origin you configured" : trusted.joined(separator: " or "))"
                + " (--allow-origin \(origin) allows it)"
        case .redirectMismatch(let expected, let received):
            "the redirect goes to \(received), not to the redirect_uri \(expected): nothing was read from it"
        case .authorizeRefused(let sent, let error, let text):
            if let error, error.refusesRedirectURI {
                "redirect URI mismatch: PingOne refused the redirect_uri \(sent)"
                    + (error.details.first?.message ?? error.message).map { " (\($0))" }.orEmpty
            } else if let error {
                "authorize refused: \(error.code)" + (error.details.first?.code.map { "/\($0)" } ?? "")
                    + (error.details.first?.message ?? error.message).map { ": \($0)" }.orEmpty
            } else {
                "authorize refused: the sign-on page was sent error=\(text)"
            }
        case .subjectMismatch(let idToken, let userInfo):
            "UserInfo sub \(userInfo.map { "\"\($0)\"" } ?? "(none)") is not the ID token's sub \"\(idToken)\""
                + " (OIDC Core §5.3.2): its claims must not be used"
        }
    }

    /// The likely cause of a failure at a given step: a refused bearer token at UserInfo or
    /// introspection is about the token, not the session cookie.
    public func likelyCause(at step: FlowStep) -> String? {
        guard step == .userInfo else { return likelyCause }
        switch self {
        case .pingOneError(let status, _) where status == 401 || status == 403:
            return Self.refusedBearerToken
        case .oauthError(let error) where error.error == "invalid_token":
            return Self.refusedBearerToken
        default:
            return likelyCause
        }
    }

    static let refusedBearerToken =
        "The access token was refused: it expired, was revoked (or its refresh family was), or belongs to another environment."

    /// The likely cause of the common failures (reference §7.2), when one is known.
    public var likelyCause: String? {
        switch self {
        case .transport(.connectionRefused):
            "Nothing listens at that address: check the auth path or region, and that the server runs."
        case .transport(.timedOut):
            "The server did not answer in time: a slow or stuck server, a proxy, or a firewall dropping packets."
        case .transport(.hostNotFound):
            "The host name does not resolve: check the region (auth.pingone.com, .eu, .ca, .asia, .com.au, .sg) or the custom domain."
        case .transport(.incompleteBody):
            "The server sent the headers, then stalled or dripped the body: a stuck server or a buffering proxy. --timeout bounds the whole exchange."
        case .transport(.connectionClosedEarly):
            "The server or a proxy closed the connection in the middle of the body."
        case .transport(.proxyFailure):
            "Check the proxy URL (--proxy, HTTPS_PROXY/HTTP_PROXY/ALL_PROXY), its credentials, and NO_PROXY for hosts to reach directly."
        case .transport(.tlsFailure):
            "The certificate did not verify: a TLS-inspecting proxy or a private CA (trust its CA with --cacert FILE.pem or SSL_CERT_FILE), or a wrong host. --insecure skips every check (shown on screen)."
        case .pingOneError(let status, let error):
            Self.pingOneCause(status: status, error: error)
        case .oauthError(let error):
            Self.oauthCause(error)
        case .stateMismatch:
            "The callback carries another flow's state: a stale or replayed redirect, or two flows mixed. Never accept it."
        case .missingFlowID:
            "The authorize redirect did not go to a PingOne sign-on page: check client_id, redirect_uri and the app's sign-on policy."
        case .missingLocation:
            "A redirect must say where to go; a proxy or a misconfigured server stripped it."
        case .tokenChecksFailed(let checks) where checks.contains { $0.hasSuffix("signature") }:
            "The signature does not verify with the issuer's keys: a token from another issuer or environment, a rotated key, or tampering."
        case .tokenChecksFailed(let checks) where checks.contains { $0.hasSuffix("nonce") }:
            "The ID token's nonce is not the one sent: a replayed token, or two sign-ins mixed."
        case .tokenChecksFailed(let checks) where checks.contains { $0.hasSuffix(" exp") || $0.hasSuffix(" iat") }:
            "The token's times do not fit this machine's clock: compare the clock skew the inspector shows."
        case .foreignOrigin:
            "A server named a URL on another origin for a request that carries a credential: a hostile or misconfigured server, or a provider whose endpoints live on several hosts (allow that host with --allow-origin or the profile's allowOrigins)."
        case .redirectMismatch:
            "The server redirected somewhere other than the redirect_uri sent on authorize: a misconfigured app, or an attempt to make authflow take a code from elsewhere. The code, if any, was not redeemed."
        case .authorizeRefused(let sent, let error, _) where error?.refusesRedirectURI ?? false:
            "One of the app's registered redirect URIs must match \(sent) exactly (scheme, host, port, path, trailing slash); only loopback http may change the port. Check the app's Redirect URIs in PingOne (not its Signon URL)."
        case .authorizeRefused(_, let error, _) where error?.details.first?.target == "client_id":
            "No app with this client_id in the environment: check --client-id, --env and the region."
        case .authorizeRefused:
            "PingOne refused authorize before any sign-on, so it could not redirect the error to the app: check client_id, redirect_uri and the app's settings."
        case .subjectMismatch:
            "UserInfo answered for another user than the one the ID token names: a token substituted or mixed up between users, or a broken server."
        case .signOnNeedsBrowser(let status, _):
            SignOn.wayOn(status: status)
        default:
            nil
        }
    }

    private static func pingOneCause(status: Int, error: PingOneError) -> String? {
        let detail = error.details.first?.code
        switch (error.code, detail) {
        case (_, "INVALID_OTP"):
            return SignOn.otpCause(error)
        case (_, _) where error.details.first?.target == "newPassword":
            return SignOn.passwordPolicyCause(error)
        case (_, "INVALID_CREDENTIALS"):
            return "Wrong username or password. Repeated failures lock the account (PASSWORD_LOCKED_OUT)."
        case (_, "PASSWORD_LOCKED_OUT"):
            return "Too many wrong passwords: the account is locked for a while (see secondsUntilUnlock)."
        case ("ACCESS_FAILED", "INVALID_TOKEN"), ("ACCESS_FAILED", _):
            return
                "The ST session cookie from authorize was not sent: the Flow API and resume need the cookies authorize set."
        case ("REQUEST_LIMITED", _):
            return
                "PingOne's rate limit for this environment was exceeded: wait the Retry-After seconds the response names, then retry."
        case ("UNEXPECTED_ERROR", _):
            return
                "A fault inside PingOne, not in the request: retry; if it persists, give PingOne support this error's Correlation-Id."
        case ("NOT_FOUND", _):
            return "The flow does not exist or expired (15 minutes idle): start again from authorize."
        case (_, "LOGIN_REQUIRED"):
            return "No session exists for a silent (prompt=none or pi.flow) request: sign on interactively first."
        case ("INVALID_REQUEST", _) where status == 400 && (error.message ?? "").contains("cookie"):
            return
                "Resume needs the ST cookie that authorize set: it was cleared, or another client made the earlier calls."
        default:
            return nil
        }
    }

    private static func oauthCause(_ error: OAuthError) -> String? {
        let description = (error.description ?? "").lowercased()
        switch error.error {
        case "invalid_grant" where description.contains("pkce") || description.contains("verifier"):
            return "The code_verifier does not match the code_challenge sent on authorize."
        case "invalid_grant" where description.contains("redirect"):
            return "redirect_uri at the token endpoint must equal the one sent on authorize."
        case "invalid_grant":
            return "The code was already used, has expired, or belongs to another client or redirect_uri."
        case "invalid_client":
            return
                "Client authentication failed: check the secret and that the auth method matches the app's tokenEndpointAuthMethod."
        case "unauthorized_client":
            return "The app is not allowed this grant or response type: check its grant types in PingOne."
        case "invalid_scope":
            return "A scope is unknown or not granted to the app: check the app's resource grants."
        case "login_required":
            return "prompt=none was sent but the user has no session."
        case "access_denied":
            return "The user or a policy refused the request."
        case "unsupported_response_type":
            return "The app does not allow this response_type: check its response types."
        case "invalid_request" where description.contains("pkce") || description.contains("code_challenge"):
            return
                "The app enforces PKCE: send code_challenge (S256) on authorize and code_verifier at the token endpoint."
        case "invalid_request":
            return "A required parameter is missing or malformed: compare the request with the app's settings."
        default:
            return nil
        }
    }
}

extension Optional where Wrapped == String {
    var orEmpty: String { self ?? "" }
}
