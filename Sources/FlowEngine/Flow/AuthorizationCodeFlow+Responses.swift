import Foundation

// MARK: - Reading responses

extension AuthorizationCodeFlow {
    /// Decodes what every response may carry: cookies, `Correlation-Id`, `Date`, `Location`, errors.
    mutating func decodeCommon(_ response: HTTPResponse, at now: Date) {
        let index = record.count - 1
        let url = URLParts(record[index].request.url) ?? Self.fallbackURL
        let cookies = cookieJar.receive(
            setCookieHeaders: response.headers(named: "Set-Cookie"), from: url, at: now,
            publicSuffixes: configuration.publicSuffixes)
        record[index].decoded.cookiesSet = cookies.accepted
        record[index].decoded.cookiesRejected = cookies.rejected
        record[index].decoded.correlationID = response.header("Correlation-Id")
        record[index].decoded.serverDate = response.header("Date").flatMap(HTTPDate.parse)
        record[index].decoded.location = response.header("Location")
        // A relative Location stays on the request's origin; an absolute one may leave it.
        // The way back to redirect_uri and PingOne's own sign-on page are where a Location should go.
        if let location = response.header("Location"), !configuration.originPolicy.isPingOneSignOnPage(location),
            !Self.isRedirect(location, to: configuration.redirectURI)
        {
            noteForeignURL(location, field: "Location")
        }
        if let json = response.jsonBody {
            record[index].decoded.pingOneError = PingOneError(json: json)
            if let error = json["error"]?.stringValue {
                record[index].decoded.oauthError = OAuthError(
                    error: error, description: json["error_description"]?.stringValue,
                    uri: json["error_uri"]?.stringValue)
            }
        }
    }

    private static let fallbackURL = URLParts("http://invalid/")!

    /// Records a URL the server handed over when it points outside the trusted origins.
    mutating func noteForeignURL(_ url: String, field: String) {
        guard !record.isEmpty, let origin = configuration.originPolicy.foreignOrigin(of: url) else { return }
        let foreign = ForeignURL(field: field, url: url, origin: origin)
        if !record[record.count - 1].decoded.foreignURLs.contains(foreign) {
            record[record.count - 1].decoded.foreignURLs.append(foreign)
        }
    }

    private var lastIndex: Int { record.count - 1 }

    private func isRedirect(_ response: HTTPResponse) -> Bool {
        [301, 302, 303, 307, 308].contains(response.status)
    }

    /// Whether `location` goes back to this client's `redirect_uri` rather than to a sign-on page.
    private func isCallback(_ location: String) -> Bool {
        let base = location.split(separator: "?", maxSplits: 1).first.map(String.init) ?? location
        let bare = base.split(separator: "#", maxSplits: 1).first.map(String.init) ?? base
        return bare == configuration.redirectURI
    }

    /// A failure for a response that is neither what the step wanted nor a known error shape.
    private func errorOutcome(_ response: HTTPResponse, expected: String) -> FlowFailure {
        if let error = record[lastIndex].decoded.pingOneError { return .pingOneError(status: response.status, error) }
        if let error = record[lastIndex].decoded.oauthError { return .oauthError(error) }
        return .unexpectedStatus(got: response.status, expected: expected)
    }

    mutating func handleAuthorize(_ response: HTTPResponse) -> Result<FlowPhase, FlowFailure> {
        if configuration.responseMode == "pi.flow", response.status == 200 {
            return readFlowObject(response)
        }
        if configuration.responseMode == "form_post", response.status == 200,
            let fields = FormPostParser.fields(in: response.body)
        {
            // Authorize answered the client at once (an error it may redirect, or an existing session): the
            // form_post page is authorize's own result, read at this step.
            return readFormPost(response, fields: fields)
        }
        guard isRedirect(response) else { return .failure(errorOutcome(response, expected: "302 to the sign-on page")) }
        guard let location = response.header("Location"), !location.isEmpty else { return .failure(.missingLocation) }
        if isCallback(location) {
            // An existing session (or an error) sends the browser straight back with the result.
            return readCallback(location)
        }
        let parts = URLParts(location) ?? URLParts(resolving: location, against: record[lastIndex].request.url)
        if let parts, parts.queryParameters.value("flowId") == nil, let text = parts.queryParameters.value("error") {
            // PingOne sends errors it cannot redirect to the client to the sign-on page, `error` holding the
            // URL-encoded PingOne error JSON (Ping's SDK tests and custom sign-on sample).
            let error = (try? JSONValue.parse(text)).flatMap(PingOneError.init(json:))
            if let error { record[lastIndex].decoded.pingOneError = error }
            return .failure(.authorizeRefused(sentRedirectURI: configuration.redirectURI, error: error, text: text))
        }
        guard let parts, let flowID = parts.queryParameters.value("flowId"), !flowID.isEmpty else {
            return .failure(.missingFlowID(location: location))
        }
        // A new flow: nothing of an earlier sign-on carries over.
        signOn = SignOn(flowID: flowID)
        record[lastIndex].decoded.flowID = flowID
        return .success(.ready(.signOn))
    }

    mutating func handleSignOn(_ response: HTTPResponse) -> Result<FlowPhase, FlowFailure> {
        guard response.status == 200 else { return .failure(errorOutcome(response, expected: "200 with the flow")) }
        return readFlowObject(response)
    }

    /// Reads a Flow API object (reference §2): status, links, resume URL, and a pi.flow result.
    private mutating func readFlowObject(_ response: HTTPResponse) -> Result<FlowPhase, FlowFailure> {
        guard let json = response.jsonBody, json.members != nil else {
            return .failure(.malformedResponse("the flow is not a JSON object"))
        }
        let status = json["status"]?.stringValue ?? "(none)"
        // pi.flow (reference §3.2) opens the flow with this object rather than with a redirect.
        var signOn = self.signOn ?? SignOn(flowID: nil)
        defer { self.signOn = signOn }
        if let id = json["id"]?.stringValue { signOn.flowID = id }
        if record[lastIndex].action == .pollPush { signOn.pushPolls += 1 }
        if record[lastIndex].action == .recoverPassword, let recovered = configuration.newPassword {
            // The recovered password is the user's password now: a later sign-on (PASSWORD_REQUIRED) uses it.
            configuration.password = recovered
        }
        record[lastIndex].decoded.flowID = signOn.flowID
        record[lastIndex].decoded.flowStatus = status
        record[lastIndex].decoded.flowLinks = json["_links"]?.members?.map(\.key) ?? []
        if let resume = json["resumeUrl"]?.stringValue {
            signOn.resumeURL = resume
            record[lastIndex].decoded.resumeURL = resume
            noteForeignURL(resume, field: "resumeUrl")
        }
        for link in json["_links"]?.members ?? [] {
            // The hosted sign-on page is PingOne's own other origin (apps.* beside auth.*): not foreign.
            if let href = link.value["href"]?.stringValue, !configuration.originPolicy.isPingOneSignOnPage(href) {
                noteForeignURL(href, field: "_links.\(link.key)")
            }
        }
        switch status {
        case "COMPLETED":
            if let authorizeResponse = json["authorizeResponse"] {
                // pi.flow: the code comes back in the flow itself (reference §3.2).
                return readResult(
                    code: authorizeResponse["code"]?.stringValue, state: authorizeResponse["state"]?.stringValue,
                    error: nil, where: "authorizeResponse")
            }
            return .success(.ready(.resume))
        case "PASSWORD_REQUIRED" where json["_links"]?["usernamePassword.check"] != nil:
            // A live session asks for the password only (PingOne's login action: "an existing session …
            // prompts for a password only"); the check is the same usernamePassword.check.
            if configuration.username == nil, let username = json["_embedded"]?["user"]?["username"]?.stringValue {
                configuration.username = username
            }
            fallthrough
        case "USERNAME_PASSWORD_REQUIRED":
            let firstAsked = signOn.stage == .readFlow
            signOn.forgotPasswordURL = json["_links"]?["password.forgot"]?["href"]?.stringValue
            if firstAsked, configuration.recoversPassword, configuration.username != nil {
                // `run --forgot-password`: ask for a recovery code instead of checking a password.
                guard json["_links"]?["password.forgot"] != nil else {
                    return .failure(
                        .recoveryNotOffered(links: json["_links"]?.members?.map(\.key).filter { $0 != "self" } ?? []))
                }
                signOn.stage = .forgotPassword(URL: signOn.forgotPasswordURL)
                return .success(.ready(.signOn))
            }
            signOn.checkCredentials(at: json["_links"]?["usernamePassword.check"]?["href"]?.stringValue)
            // Configured credentials answer the flow's first ask; asked again, the user answers.
            let configured = configuration.username != nil && configuration.password != nil
            return .success(firstAsked && configured ? .ready(.signOn) : .needsCredentials)
        case "DEVICE_SELECTION_REQUIRED":
            signOn.devices = MFADevice.list(in: json)
            signOn.stage = .selectDevice(URL: json["_links"]?["device.select"]?["href"]?.stringValue)
            return .success(.needsCredentials)
        case "OTP_REQUIRED":
            let devices = MFADevice.list(in: json)
            if !devices.isEmpty { signOn.devices = devices }
            if let selected = json["selectedDevice"]?["id"]?.stringValue { signOn.selectedDeviceID = selected }
            signOn.stage = .checkOTP(URL: json["_links"]?["otp.check"]?["href"]?.stringValue)
            return .success(.needsCredentials)
        case "PUSH_CONFIRMATION_REQUIRED":
            let devices = MFADevice.list(in: json)
            if !devices.isEmpty { signOn.devices = devices }
            if let selected = json["selectedDevice"]?["id"]?.stringValue { signOn.selectedDeviceID = selected }
            signOn.stage = .confirmPush(
                URL: json["_links"]?["self"]?["href"]?.stringValue,
                cancelURL: json["_links"]?["cancel.push.authentication"]?["href"]?.stringValue)
            // The runner (or the TUI's clock) reads the flow again after the poll interval.
            return .success(.ready(.signOn))
        case "PUSH_CONFIRMATION_TIMED_OUT":
            let devices = MFADevice.list(in: json)
            if !devices.isEmpty { signOn.devices = devices }
            let polls = signOn.pushPolls
            // A retry chooses the device again (`device.select`), which sends a new push.
            signOn.stage = .selectDevice(URL: json["_links"]?["device.select"]?["href"]?.stringValue)
            return .failure(
                .pushNotApproved(
                    device: signOn.selectedDevice?.summary, polls: polls, waitedSeconds: nil,
                    canChooseDevice: json["_links"]?["device.select"] != nil))
        case "RECOVERY_CODE_REQUIRED":
            // password.forgot sent the user a code; password.recover sets a new password with it.
            signOn.passwordRules = SignOn.passwordRules(in: json["_embedded"]?["passwordPolicy"])
            signOn.stage = .recoverPassword(URL: json["_links"]?["password.recover"]?["href"]?.stringValue)
            return .success(.needsCredentials)
        case "ASSERTION_REQUIRED":
            // FIDO2: a WebAuthn assertion needs a browser and an authenticator. The hosted sign-on page
            // (its `signOnPage` link, on PingOne's own sign-on origin) continues this flow there; the
            // browser then resumes and comes back to redirect_uri with the code.
            let devices = MFADevice.list(in: json)
            if !devices.isEmpty { signOn.devices = devices }
            if let selected = json["selectedDevice"]?["id"]?.stringValue { signOn.selectedDeviceID = selected }
            guard let page = json["_links"]?["signOnPage"]?["href"]?.stringValue,
                configuration.originPolicy.isPingOneSignOnPage(page) || configuration.originPolicy.trusts(page)
            else {
                return .failure(
                    .signOnNeedsBrowser(
                        status: status, links: json["_links"]?.members?.map(\.key).filter { $0 != "self" } ?? []))
            }
            signOn.handOffURL = page
            return .success(.needsBrowserCallback(authorizeURL: page))
        case "MUST_CHANGE_PASSWORD", "PASSWORD_EXPIRED":
            signOn.passwordRules = SignOn.passwordRules(in: json["_embedded"]?["passwordPolicy"])
            signOn.stage = .changePassword(URL: json["_links"]?["password.reset"]?["href"]?.stringValue)
            return .success(.needsCredentials)
        default:
            // A status authflow does not answer itself: named, with its links and a way on.
            let davinci = json["interactionId"] != nil
            return .failure(
                .signOnNeedsBrowser(
                    status: davinci ? "DaVinci interaction" : status,
                    links: json["_links"]?.members?.map(\.key).filter { $0 != "self" } ?? []))
        }
    }

    mutating func handleResume(_ response: HTTPResponse) -> Result<FlowPhase, FlowFailure> {
        if isRedirect(response) {
            guard let location = response.header("Location"), !location.isEmpty else {
                return .failure(.missingLocation)
            }
            return readCallback(location)
        }
        if response.status == 200, let json = response.jsonBody, json.members != nil {
            // response_mode=pi.flow: resume answers JSON whose `authorizeResponse` holds the code and
            // state (reference §3.2), checked as a redirect's would be.
            guard let authorizeResponse = json["authorizeResponse"], authorizeResponse.members != nil else {
                return .failure(errorOutcome(response, expected: "302 back to redirect_uri, or authorizeResponse"))
            }
            record[lastIndex].decoded.flowStatus = json["status"]?.stringValue
            return readResult(
                code: authorizeResponse["code"]?.stringValue, state: authorizeResponse["state"]?.stringValue,
                error: nil, where: "the resume answer's authorizeResponse")
        }
        if response.status == 200, let fields = FormPostParser.fields(in: response.body) {
            return readFormPost(response, fields: fields)
        }
        return .failure(errorOutcome(response, expected: "302 back to redirect_uri"))
    }

    /// response_mode=form_post: an auto-submitting HTML form (OAuth 2.0 Form Post Response Mode §2).
    /// The form must post back to redirect_uri, like a redirect; else nothing is read from it.
    private mutating func readFormPost(_ response: HTTPResponse, fields: [FormParameter])
        -> Result<FlowPhase, FlowFailure>
    {
        if let action = Self.formAction(in: response.body), !Self.isRedirect(action, to: configuration.redirectURI) {
            return .failure(.redirectMismatch(expected: configuration.redirectURI, received: action))
        }
        record[lastIndex].decoded.formFields = fields
        return readResult(
            code: fields.value("code"), state: fields.value("state"),
            error: fields.value("error").map {
                OAuthError(
                    error: $0, description: fields.value("error_description"), uri: fields.value("error_uri"))
            },
            where: "the form_post form")
    }

    /// Reads `code`, `state` or `error` from a redirect to the client (RFC 6749 §4.1.2).
    mutating func readCallback(_ location: String) -> Result<FlowPhase, FlowFailure> {
        // Nothing is read from a redirect that does not go back to this client (RFC 9700 §4.1).
        guard Self.isRedirect(location, to: configuration.redirectURI) else {
            return .failure(.redirectMismatch(expected: configuration.redirectURI, received: location))
        }
        guard let parts = URLParts(location) else { return .failure(.missingCode(location: location)) }
        let parameters = parts.queryParameters + parts.fragmentParameters
        let error = parameters.value("error").map {
            OAuthError(
                error: $0, description: parameters.value("error_description"), uri: parameters.value("error_uri"))
        }
        return readResult(
            code: parameters.value("code"), state: parameters.value("state"), error: error, where: location)
    }

    /// Whether `location` goes to `redirectURI`: same scheme, host, port and path (query and fragment aside).
    ///
    /// A loopback redirect URI's port is chosen when listening (RFC 8252 §7.3) and the callback
    /// listener reports the URL it caught without one, so for `http` on a loopback host a URL
    /// with no port is taken as the listener's; an explicit port must still match.
    static func isRedirect(_ location: String, to redirectURI: String) -> Bool {
        guard let got = URIReference(location), let want = URIReference(redirectURI),
            case let gotScheme = got.scheme.lowercased(), gotScheme == want.scheme.lowercased(),
            (got.decodedHost ?? "").lowercased() == (want.decodedHost ?? "").lowercased()
        else { return false }
        let defaultPort = ["http": 80, "https": 443][gotScheme]
        let listenerURL = gotScheme == "http" && got.port == nil && (URLParts(redirectURI)?.isLoopback ?? false)
        if !listenerURL, (got.port ?? defaultPort) != (want.port ?? defaultPort) { return false }
        let gotPath = got.path.isEmpty ? "/" : got.path
        let wantPath = want.path.isEmpty ? "/" : want.path
        return gotPath == wantPath
    }

    /// The `action` of a form_post page's `<form>`, when it names one.
    static func formAction(in body: [UInt8]) -> String? {
        let html = String(decoding: body.prefix(1_048_576), as: UTF8.self)
        guard let form = html.range(of: "<form", options: .caseInsensitive),
            let end = html[form.upperBound...].firstIndex(of: ">")
        else { return nil }
        let tag = html[form.upperBound..<end]
        for quote in ["\"", "'"] {
            if let start = tag.range(of: "action=\(quote)", options: .caseInsensitive),
                let close = tag[start.upperBound...].firstIndex(of: Character(quote))
            {
                return String(tag[start.upperBound..<close]).replacingOccurrences(of: "&amp;", with: "&")
            }
        }
        return nil
    }

    private mutating func readResult(code: String?, state received: String?, error: OAuthError?, where place: String)
        -> Result<FlowPhase, FlowFailure>
    {
        let check = StateCheck(sent: state, received: received)
        record[lastIndex].decoded.state = check
        if let error {
            record[lastIndex].decoded.oauthError = error
            return .failure(.oauthError(error))
        }
        guard check.matches else { return .failure(.stateMismatch(sent: check.sent, received: check.received)) }
        guard let code, !code.isEmpty else { return .failure(.missingCode(location: place)) }
        self.code = code
        record[lastIndex].decoded.code = code
        return .success(.ready(.token))
    }

    mutating func handleToken(_ response: HTTPResponse) -> Result<FlowPhase, FlowFailure> {
        guard response.status == 200 else { return .failure(errorOutcome(response, expected: "200 with tokens")) }
        let json: JSONValue
        do {
            json = try JSONValue.parse(response.body)
        } catch {
            return .failure(.malformedResponse("the token response is not JSON: \(error)"))
        }
        guard json.members != nil else {
            return .failure(.malformedResponse("the token response is not a JSON object"))
        }
        let tokens = TokenSet(json: json)
        record[lastIndex].decoded.tokens = tokens
        guard tokens.accessToken != nil else {
            return .failure(.malformedResponse("the token response has no access_token"))
        }
        self.tokens = tokens
        return .success(configuration.endpoints.jwks == nil ? .completed : .ready(.inspect))
    }

    /// Whether a sign-off answer is an HTML page with a form to submit (a confirmation to give).
    static func asksToConfirm(_ response: HTTPResponse) -> Bool {
        guard (response.header("Content-Type") ?? "").lowercased().contains("html") else { return false }
        return TerminalSafe.decode(response.body).lowercased().contains("<form")
    }

    /// The `sub` of the ID token received, if one was.
    var idTokenSubject: String? {
        tokens?.decoded.first { $0.name == "id_token" }?.jwt?.claims?["sub"]?.stringValue
    }

    /// PAR's response (RFC 9126 §2.2): `request_uri` and `expires_in`.
    mutating func handlePushedAuthorization(_ response: HTTPResponse) -> Result<FlowPhase, FlowFailure> {
        guard response.status == 201 || response.status == 200 else {
            return .failure(errorOutcome(response, expected: "201 with request_uri"))
        }
        guard let uri = response.jsonBody?["request_uri"]?.stringValue, !uri.isEmpty else {
            return .failure(.malformedResponse("the PAR response has no request_uri"))
        }
        requestURI = uri
        record[lastIndex].decoded.requestURI = uri
        noteForeignURL(uri, field: "request_uri")
        return .success(.ready(.authorize))
    }

    /// The signing keys (RFC 7517 §5), kept for verifying the tokens.
    mutating func handleKeySet(_ response: HTTPResponse, at now: Date) -> Result<FlowPhase, FlowFailure> {
        guard response.status == 200 else { return .failure(errorOutcome(response, expected: "200 with the JWKS")) }
        guard let json = response.jsonBody, json["keys"]?.elements != nil else {
            return .failure(.malformedResponse("the JWKS is not a JSON object with a keys array"))
        }
        keySet = json
        record[lastIndex].decoded.keySet = json
        let inspected = inspectTokens(now: now)
        record[lastIndex].decoded.inspections = inspected
        let failed = inspected.flatMap { token in
            token.inspection.isParsed
                ? token.inspection.failures.map { "\(token.name) \($0.name)" } : ["\(token.name) parse"]
        }
        return failed.isEmpty ? .success(.completed) : .failure(.tokenChecksFailed(failed))
    }

    /// UserInfo, introspection, refresh, revocation and sign-off: each returns to the completed flow.
    mutating func handleFollowUp(_ step: FlowStep, _ response: HTTPResponse) -> Result<FlowPhase, FlowFailure> {
        switch step {
        case .userInfo, .introspect:
            guard response.status == 200, let json = response.jsonBody, json.members != nil else {
                return .failure(errorOutcome(response, expected: "200 with JSON"))
            }
            record[lastIndex].decoded.claims = json
            // OIDC Core §5.3.2: the UserInfo sub must be the ID token's, else its claims are not used.
            if step == .userInfo, let expected = idTokenSubject, json["sub"]?.stringValue != expected {
                let got = json["sub"].map { $0.stringValue ?? $0.compactText }
                record[lastIndex].decoded.result = .userInfoSubjectMismatch
                return .failure(.subjectMismatch(idToken: expected, userInfo: got))
            }
            if step == .introspect {
                record[lastIndex].decoded.result = .introspected(active: json["active"]?.boolValue == true)
            }
        case .refresh:
            let previous = tokens
            let outcome = handleToken(response)
            guard case .success = outcome else { return outcome }
            if let previous, let refreshed = tokens {
                let rotated = refreshed.refreshToken != nil && refreshed.refreshToken != previous.refreshToken
                if refreshed.refreshToken == nil { tokens?.refreshToken = previous.refreshToken }
                // OIDC Core §12.2: a refresh response may omit the ID token; the one received before
                // stays the session's (sign-off's id_token_hint, the UserInfo sub check).
                if refreshed.idToken == nil, let idToken = previous.idToken {
                    tokens?.idToken = idToken
                    tokens?.decoded.insert(contentsOf: previous.decoded.filter { $0.name == "id_token" }, at: 0)
                }
                record[lastIndex].decoded.result = .refreshed(rotated: rotated)
            }
        case .revoke:
            // RFC 7009 §2.2: 200 whether or not the token was valid.
            guard response.status == 200 else { return .failure(errorOutcome(response, expected: "200")) }
            if case .revoke(let token) = record[lastIndex].action {
                record[lastIndex].decoded.result = .revoked(token)
            }
        case .signOff:
            guard response.status == 200 || isRedirect(response) else {
                return .failure(errorOutcome(response, expected: "302 or 200"))
            }
            let ended = record[lastIndex].decoded.cookiesSet.contains {
                $0.expires.map { $0 <= record[lastIndex].sentAt } ?? false
            }
            let sentCookies = !record[lastIndex].decoded.cookiesSent.isEmpty
            if ended || (sentCookies && cookieJar.cookies.isEmpty) {
                record[lastIndex].decoded.result = .signedOff(sessionCleared: true)
            } else if response.status == 200, Self.asksToConfirm(response) {
                // OIDC RP-Initiated Logout §2: the provider may ask the user first; that is a browser
                // step, and until someone confirms, the session stays.
                record[lastIndex].decoded.result = .signOffNeedsConfirmation
            } else {
                record[lastIndex].decoded.result = .signedOff(sessionCleared: false)
            }
        default:
            return .failure(.invalidRequest("not a follow-up step: \(step.title)"))
        }
        return .success(.completed)
    }
}

extension URLParts {
    /// Resolves a relative `Location` against the request URL (RFC 9110 §10.2.2).
    init?(resolving reference: String, against base: String) {
        guard let baseURL = URL(string: base), let resolved = URL(string: reference, relativeTo: baseURL) else {
            return nil
        }
        self.init(resolved.absoluteString)
    }
}
