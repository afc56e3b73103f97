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
        case .pushNotApproved(let device, let polls, let waited, _):
            SignOn.describePush(device: device, polls: polls, waitedSeconds: waited)
        case .recoveryNotOffered(let links):
            "the flow offers no password.forgot at USERNAME_PASSWORD_REQUIRED ("
                + (links.isEmpty ? "no links" : "offering " + links.joined(separator: ", "))
                + "): the password cannot be recovered through the Flow API"
        case .subjectMismatch(let idToken, let userInfo):
            "UserInfo sub \(userInfo.map { "\"\($0)\"" } ?? "(none)") is not the ID token's sub \"\(idToken)\""
                + " (OIDC Core §5.3.2): its claims must not be used"
        }
    }

    /// The likely cause of a failure at a given step, without the run's facts (the server unknown).
    public func likelyCause(at step: FlowStep) -> String? {
        likelyCause(CauseFacts(step: step))
    }

    /// The likely cause of a failure, computed from what the run knows (``CauseFacts``) first and
    /// from the error code second; a server's wording is the last resort. PingOne's words (its
    /// console, its settings) only when the facts say the server is PingOne.
    public func likelyCause(_ facts: CauseFacts) -> String? {
        factualCause(facts) ?? codeCause(pingOne: facts.isPingOne)
    }

    static let refusedBearerToken =
        "The access token was refused: it expired, was revoked (or its refresh family was), or belongs to another environment."

    /// Whether the failure is a refused bearer token (RFC 6750 §3.1).
    var refusesBearerToken: Bool {
        switch self {
        case .pingOneError(let status, _): status == 401 || status == 403
        case .oauthError(let error): error.error == "invalid_token"
        case .unexpectedStatus(let got, _): got == 401
        default: false
        }
    }

    private func factualCause(_ facts: CauseFacts) -> String? {
        let pingOne = facts.isPingOne == true
        if facts.step == .userInfo || facts.step == .introspect, refusesBearerToken {
            guard let ended = facts.endedBy else { return Self.refusedBearerToken }
            return ended == .revoke
                ? "Step \(ended.number) \(ended.title) revoked a token earlier in this run: a revoked token (or one of its refresh family) is refused from then on. Refresh or sign on again."
                : "Step \(ended.number) \(ended.title) ended the session earlier in this run: tokens tied to it may be refused from then on. Sign on again."
        }
        switch self {
        case .pingOneError(_, let error):
            return Self.pingOneFactualCause(error, facts)
        case .unexpectedStatus(let got, _) where got == 429:
            let wait =
                facts.retryAfterSeconds.map { "wait \(Self.words(seconds: $0)) (its Retry-After)" } ?? "wait a while"
            return "The server is limiting requests (429 Too Many Requests): \(wait), then retry."
        case .unexpectedStatus(let got, _) where (500...599).contains(got):
            return
                "A fault inside the server (\(got)), not in the request: retry; if it persists, the provider's operators need to look"
                + (facts.correlationID.map { " (quote Correlation-Id \($0))" } ?? "") + "."
        case .oauthError(let error) where facts.step == .token:
            return Self.tokenCause(error, facts, pingOne: pingOne)
        case .oauthError(let error) where [.par, .authorize, .signOn].contains(facts.step):
            return Self.authorizeCause(error, facts, pingOne: pingOne)
        case .tokenChecksFailed(let checks) where checks.contains { $0.hasSuffix(" exp") || $0.hasSuffix(" iat") }:
            guard let skew = facts.clockSkew else { return nil }
            let seconds = Int(skew.secondsValue.rounded())
            if abs(seconds) <= 5 {
                return
                    "This machine's clock agrees with the server's Date header (within 5 s): the token's own times are off, or it was kept past its exp."
            }
            let which = seconds > 0 ? "behind" : "ahead of"
            return
                "This machine's clock is \(Self.words(seconds: abs(seconds))) \(which) the server's (its Date header): set this clock right (NTP), then retry."
        case .tokenChecksFailed(let checks) where checks.contains { $0.hasSuffix(" iss") }:
            guard let expected = facts.expectedIssuer, let got = facts.tokenIssuer, expected != got else { return nil }
            return pingOne
                ? "The ID token's iss is \(got), not \(expected): a custom domain issues tokens with its own host, the regional host (auth.pingone.<tld>/{envID}/as) with that one. Sign on through the host the tokens name (--auth-path or --issuer)."
                : "The ID token's iss is \(got), not \(expected): use the issuer exactly as the provider's discovery document names it (--issuer)."
        case .tokenChecksFailed(let checks) where checks.contains("id_token aud"):
            guard let client = facts.clientID, let audiences = facts.tokenAudiences, !audiences.contains(client) else {
                return nil
            }
            let listed = audiences.isEmpty ? "empty" : audiences.joined(separator: ", ")
            return pingOne
                ? "The ID token's aud is \(listed), not this client_id \(client): it was issued to another app. An app's client_id is its own in each environment: check --client-id and --env, and that the tokens came from this sign-on."
                : "The ID token's aud is \(listed), not this client_id \(client): it was issued to another client. Check --client-id, and that the tokens came from this sign-on."
        default:
            return nil
        }
    }

    private static func authorizeCause(_ error: OAuthError, _ facts: CauseFacts, pingOne: Bool) -> String? {
        if facts.sentCodeChallenge == false, error.error == "invalid_request" || error.error == "invalid_code" {
            return
                "authflow sent no code_challenge on authorize (PKCE off): this provider likely requires PKCE. Run again with --pkce S256."
        }
        guard error.error == "unauthorized_client" else { return nil }
        return pingOne
            ? "The app is not allowed this grant or response type: check its grant types and response types in PingOne."
            : "The client is not allowed the authorization code flow (response_type=code): check the client's registered grant and response types."
    }

    private static func pingOneFactualCause(_ error: PingOneError, _ facts: CauseFacts) -> String? {
        let detail = error.details.first
        let inner = detail?.innerError.flatMap { try? JSONValue.parse(Array($0.utf8)) }
        switch (error.code, detail?.code) {
        case ("REQUEST_LIMITED", _):
            guard let seconds = facts.retryAfterSeconds else { return nil }
            return
                "PingOne's rate limit for this environment was exceeded: wait \(words(seconds: seconds)) (Retry-After: \(seconds)), then retry."
        case ("UNEXPECTED_ERROR", _):
            guard let id = facts.correlationID else { return nil }
            return
                "A fault inside PingOne, not in the request: retry; if it persists, give PingOne support this Correlation-Id: \(id)."
        case ("NOT_FOUND", _) where facts.step == .authorize || facts.step == .par:
            return
                "PingOne found nothing at authorize: no environment with this ID at this host. Check --env and the region's host (auth.pingone.com, .eu, .ca, .asia, .com.au, .sg) or the custom domain; no flow had begun that could expire."
        case (_, "INVALID_CREDENTIALS"):
            guard let remaining = inner?["failuresRemaining"]?.int64Value else { return nil }
            return remaining <= 0
                ? "Wrong username or password, and no tries are left: the next failure locks the account (PASSWORD_LOCKED_OUT)."
                : "Wrong username or password: \(remaining) more \(remaining == 1 ? "try" : "tries") before the account locks (PASSWORD_LOCKED_OUT)."
        case (_, "PASSWORD_LOCKED_OUT"):
            guard let seconds = inner?["secondsUntilUnlock"]?.int64Value else { return nil }
            return
                "Too many wrong passwords: the account stays locked for \(words(seconds: Int(clamping: seconds))) (secondsUntilUnlock \(seconds))."
        case ("ACCESS_FAILED", _),
            ("INVALID_REQUEST", _) where facts.step == .resume:
            guard let sent = facts.cookiesSent else { return nil }
            guard sent.contains("ST") else {
                let names = sent.isEmpty ? "none" : sent.joined(separator: ", ")
                return
                    "This request carried no ST session cookie (cookies sent: \(names)): the Flow API and resume need the cookies authorize set. Were they cleared, or did another client make the earlier calls? Start again from authorize (r)."
            }
            return
                "The ST cookie was sent and PingOne did not accept it: the session expired, was signed off, or belongs to another flow. Start again from authorize (r)."
        default:
            return nil
        }
    }

    private static func tokenCause(_ error: OAuthError, _ facts: CauseFacts, pingOne: Bool) -> String? {
        switch error.error {
        case "invalid_client", "unauthorized_client":
            return clientCause(error, facts, pingOne: pingOne)
        case "invalid_scope", "unsupported_grant_type", "temporarily_unavailable", "server_error":
            return nil
        default:
            break
        }
        // invalid_grant, invalid_code, invalid_request or a provider's own code: about the code.
        if facts.codeAlreadyRedeemed {
            return
                "This code was already sent to the token endpoint earlier in this run: a code is good once (RFC 6749 §4.1.2). Start again from authorize (r)."
        }
        if let sent = facts.authorizeRedirectURI, let token = facts.tokenRedirectURI, sent != token {
            return
                "redirect_uri at the token endpoint (\(token)) is not the one sent on authorize (\(sent)): they must be equal (RFC 6749 §4.1.3)."
        }
        if let age = facts.codeAge {
            let lifetime = facts.codeLifetime ?? CauseFacts.recommendedCodeLifetime
            if age > lifetime {
                let old = words(seconds: Int(age.secondsValue.rounded()))
                let limit = words(seconds: Int(lifetime.secondsValue.rounded()))
                let rule = facts.codeLifetime == nil ? "at most \(limit) (RFC 6749 §4.1.2)" : "\(limit) here"
                return
                    "The code was \(old) old when redeemed; codes live \(rule). Start again from authorize (r) and redeem it sooner."
            }
        }
        if facts.sentCodeChallenge == false, facts.sentCodeVerifier == false, error.error == "invalid_request" {
            return
                "authflow sent no code_challenge on authorize and no code_verifier here (PKCE off): this provider likely requires PKCE. Run again with --pkce S256."
        }
        if facts.sentCodeChallenge == true, facts.sentCodeVerifier == true, let age = facts.codeAge {
            return
                "The code was fresh (\(words(seconds: Int(age.secondsValue.rounded()))) old), not used before, and redirect_uri matched authorize: the likely cause is a code_verifier that does not match the code_challenge sent on authorize, or a code issued to another client."
        }
        return nil
    }

    private static func clientCause(_ error: OAuthError, _ facts: CauseFacts, pingOne: Bool) -> String? {
        guard let method = facts.authMethod else { return nil }
        if let supported = facts.supportedAuthMethods, !supported.contains(method.discoveryName) {
            let listed = supported.isEmpty ? "none" : supported.joined(separator: ", ")
            return
                "authflow authenticated with \(method.discoveryName), which discovery's token_endpoint_auth_methods_supported does not list (\(listed)): choose one of those with --auth-method."
        }
        let registered =
            pingOne ? "the app's tokenEndpointAuthMethod in PingOne" : "the method registered for the client"
        switch method {
        case .none:
            return
                "authflow sent no client credentials (auth method NONE): a confidential client needs its secret (--client-secret or AUTHFLOW_CLIENT_SECRET) and the method it is registered with."
        case .clientSecretBasic, .clientSecretPost, .clientSecretJWT:
            let grants = pingOne ? "its grant types in PingOne" : "the client's registered grant types"
            return error.error == "unauthorized_client"
                ? "The server refused this client at the token endpoint. With \(method.rawValue) a wrong client secret is the usual cause (some providers answer unauthorized_client for it); otherwise the client is not allowed the authorization_code grant (check \(grants))."
                : "Client authentication failed: check the client secret, and that \(method.rawValue) is \(registered)."
        case .privateKeyJWT:
            return
                "Client authentication failed: the server did not accept the signed client assertion. Check that it has the client's public key (JWKS) and that PRIVATE_KEY_JWT is \(registered)."
        }
    }

    /// A number of seconds in words: "45 seconds", "15 minutes", "1 hour 30 minutes".
    static func words(seconds: Int) -> String {
        func unit(_ count: Int, _ name: String) -> String { "\(count) \(name)\(count == 1 ? "" : "s")" }
        switch seconds {
        case ..<120: return unit(seconds, "second")
        case ..<7200:
            let rest = seconds % 60
            return unit(seconds / 60, "minute") + (rest == 0 ? "" : " " + unit(rest, "second"))
        default:
            let rest = seconds % 3600 / 60
            return unit(seconds / 3600, "hour") + (rest == 0 ? "" : " " + unit(rest, "minute"))
        }
    }

    /// The likely cause of the common failures (reference §7.2), when one is known, from the error
    /// code alone (PingOne's words where the failure itself is PingOne's).
    public var likelyCause: String? { codeCause(pingOne: nil) }

    private func codeCause(pingOne: Bool?) -> String? {
        switch self {
        case .transport(.connectionRefused):
            "Nothing listens at that address: check the auth path or region, and that the server runs."
        case .transport(.timedOut):
            "The server did not answer in time: a slow or stuck server, a proxy, or a firewall dropping packets."
        case .transport(.hostNotFound):
            pingOne == false
                ? "The host name does not resolve: check the issuer's host name and this machine's DNS."
                : "The host name does not resolve: check the region (auth.pingone.com, .eu, .ca, .asia, .com.au, .sg) or the custom domain."
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
            Self.oauthCause(error, pingOne: pingOne == true)
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
        case .recoveryNotOffered:
            "The sign-on policy offers no password recovery (PingOne links password.forgot only when the policy's login action allows it): recover the password elsewhere, or sign on with the password."
        case .subjectMismatch:
            "UserInfo answered for another user than the one the ID token names: a token substituted or mixed up between users, or a broken server."
        case .signOnNeedsBrowser(let status, _):
            SignOn.wayOn(status: status)
        case .pushNotApproved(_, _, let waited, let canChooseDevice):
            SignOn.pushCause(timedOutByServer: waited == nil, canChooseDevice: canChooseDevice)
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
        case (_, _) where error.details.first?.target == "recoveryCode":
            return SignOn.recoveryCodeCause(error)
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

    private static func oauthCause(_ error: OAuthError, pingOne: Bool) -> String? {
        let description = (error.description ?? "").lowercased()
        switch error.error {
        case "invalid_grant" where description.contains("pkce") || description.contains("verifier"):
            return "The code_verifier does not match the code_challenge sent on authorize."
        case "invalid_grant" where description.contains("redirect"):
            return "redirect_uri at the token endpoint must equal the one sent on authorize."
        case "invalid_grant":
            return "The code was already used, has expired, or belongs to another client or redirect_uri."
        case "invalid_client":
            return pingOne
                ? "Client authentication failed: check the secret and that the auth method matches the app's tokenEndpointAuthMethod."
                : "Client authentication failed: check the secret and that the auth method is the one registered for the client."
        case "unauthorized_client":
            return pingOne
                ? "The app is not allowed this grant or response type: check its grant types in PingOne."
                : "The client is not allowed this grant or response type, or its credentials were refused: check the client's registration and secret."
        case "invalid_scope":
            return pingOne
                ? "A scope is unknown or not granted to the app: check the app's resource grants."
                : "A scope is unknown or not granted to the client: check the scopes the provider allows it."
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
