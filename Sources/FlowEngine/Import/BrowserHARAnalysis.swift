import Foundation

/// What each request of a HAR is to the sign-in: the roles of PingOne's endpoints by path, and a
/// generic OpenID Connect provider's by their parameters.
enum EntryRoles {
    static func role(_ entry: HARImport.Entry, _ role: String) -> SavedSession.EntryRole {
        SavedSession.EntryRole(
            index: entry.index, method: entry.request.method, url: entry.request.url, status: entry.response?.status,
            role: role)
    }

    /// The role a request's URL and body give it, before the redirect URI is known.
    static func classify(_ request: HTTPRequest) -> String? {
        guard let parts = URLParts(request.url) else { return nil }
        let path = parts.path.lowercased()
        let query = parts.queryParameters
        let form =
            request.header("Content-Type")?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true
            ? FormURLEncoding.decode(String(decoding: request.body, as: UTF8.self)) : []
        if request.method == "OPTIONS" { return nil }
        if path.hasSuffix("/.well-known/openid-configuration") { return "discovery" }
        if path.hasSuffix("/as/authorize") || path.hasSuffix("/authorize")
            || (query.value("response_type") != nil && query.value("client_id") != nil)
        {
            return "authorize"
        }
        if path.hasSuffix("/as/par") { return "par" }
        if path.hasSuffix("/as/resume") { return "resume" }
        if path.hasSuffix("/as/token") || form.value("grant_type") != nil { return "token" }
        if path.hasSuffix("/as/jwks") || path.hasSuffix("/jwks") || path.hasSuffix("/jwks.json") { return "jwks" }
        if path.hasSuffix("/as/userinfo") || path.hasSuffix("/userinfo") { return "userinfo" }
        if path.hasSuffix("/as/signoff") { return "signoff" }
        let segments = path.split(separator: "/")
        if segments.count >= 2, segments[segments.count - 2] == "flows" { return "flow" }
        if segments.contains("signon") { return "sign-on page" }
        return nil
    }
}

/// Finds the sign-in among a browser HAR's requests and turns it into authflow's steps.
struct BrowserHARAnalysis {
    var entries: [HARImport.Entry]
    var notes: [String]

    func session() -> SavedSession {
        var notes = self.notes
        var roles: [SavedSession.EntryRole] = []
        var exchanges: [SavedExchange] = []
        let authorizeEntries = entries.filter { EntryRoles.classify($0.request) == "authorize" }
        let authorizeParameters = authorizeEntries.last.map { Self.parameters(of: $0.request) } ?? []
        let redirectURI = authorizeParameters.value("redirect_uri")
        let origins = Set(authorizeEntries.compactMap { URLParts($0.request.url).map(Self.origin) })
        let flowAPIUsed = entries.contains { EntryRoles.classify($0.request) == "flow" }
        var flowCount = 0
        var attempts: [String: Int] = [:]
        func next(_ action: StepAction) -> Int {
            attempts[action.kind, default: 0] += 1
            return attempts[action.kind]!
        }
        var sawResume = false
        for entry in entries {
            var role = EntryRoles.classify(entry.request)
            if role == nil, let redirectURI,
                AuthorizationCodeFlow.isRedirect(entry.request.url, to: redirectURI),
                let parts = URLParts(entry.request.url),
                (parts.queryParameters + parts.fragmentParameters).contains(where: {
                    ["code", "error", "state"].contains($0.name)
                })
            {
                role = "callback"
            }
            // Only what happened on the sign-in's origins (and the callback, token, keys and
            // discovery wherever they are) belongs to it.
            if let known = role, !["callback", "token", "jwks", "discovery", "userinfo"].contains(known),
                let parts = URLParts(entry.request.url), !origins.contains(Self.origin(parts))
            {
                role = nil
            }
            guard let role, !authorizeEntries.isEmpty else {
                roles.append(EntryRoles.role(entry, "unrelated"))
                continue
            }
            roles.append(EntryRoles.role(entry, role))
            if entry.bodyMissing {
                notes.append(
                    "The HAR has no response body for the \(role) request (entry \(entry.index + 1)): "
                        + "the browser did not export it, so what it said is not shown.")
            }
            let sentAt = entry.startedAt ?? Date(timeIntervalSince1970: 0)
            func add(_ step: FlowStep, _ action: StepAction) {
                var exchange = SavedExchange(
                    step: step, action: action, attempt: next(action), request: entry.request, sentAt: sentAt,
                    response: entry.response, elapsed: entry.elapsed)
                exchange.bodyMissing = entry.bodyMissing
                if entry.response == nil {
                    exchange.transportError =
                        entry.error ?? "the HAR has no response (blocked or cancelled in the browser)"
                }
                exchanges.append(exchange)
            }
            switch role {
            case "authorize": add(.authorize, .authorize(sentBy: .browser))
            case "par": add(.par, .pushedAuthorization)
            case "flow":
                flowCount += 1
                add(.signOn, Self.flowAction(entry.request))
            case "resume":
                sawResume = true
                add(.resume, .resume)
            case "callback":
                // After resume (or a redirect the engine read), the callback is the browser following
                // it; without Flow API steps, it is how the sign-on ends.
                if !flowAPIUsed, !sawResume {
                    exchanges.append(
                        SavedExchange(
                            step: .signOn, action: .callbackFromBrowser, attempt: next(.callbackFromBrowser),
                            request: HTTPRequest(method: "GET", url: entry.request.url), sentAt: sentAt, response: nil))
                }
            case "token":
                let grant = FormURLEncoding.decode(String(decoding: entry.request.body, as: UTF8.self)).value(
                    "grant_type")
                add(grant == "refresh_token" ? .refresh : .token, grant == "refresh_token" ? .refresh : .redeemCode)
            case "jwks": add(.inspect, .fetchKeys)
            case "userinfo": add(.userInfo, .userInfo)
            case "signoff": add(.signOff, .signOff)
            default: break
            }
        }
        if authorizeEntries.isEmpty {
            notes.append(
                "No authorize request in the HAR (\(entries.count) entries): record the HAR from before the sign-in "
                    + "starts, with \"Preserve log\" on, so the redirects are kept.")
        }
        if authorizeEntries.count > 1 {
            notes.append(
                "The HAR holds \(authorizeEntries.count) sign-in attempts (authorize requests): all are shown, in order."
            )
        }
        let used = entries.filter { entry in roles.contains { $0.index == entry.index && $0.role != "unrelated" } }
        // A cookie is to be expected only once the sign-in got past authorize (PingOne sets ST when
        // the password is checked); a HAR of a refused authorize has none to strip.
        let signOnProgressed =
            flowCount > 0 || sawResume || exchanges.contains { $0.action == .callbackFromBrowser || $0.step == .token }
        if signOnProgressed, !used.isEmpty, !used.contains(where: \.hadCookieFields),
            !used.contains(where: { $0.request.header("Cookie") != nil || $0.response?.header("Set-Cookie") != nil })
        {
            notes.append(
                "The HAR has no cookies: the browser stripped them on export (Chrome's default sanitized export, "
                    + "Firefox and Safari). Whether ST was set and sent cannot be told; export with cookies "
                    + "(docs/sessions.md) to see it.")
        }
        if !authorizeEntries.isEmpty, !exchanges.contains(where: { $0.step == .token }) {
            notes.append(
                "No token request in the HAR: the application redeems the code from its server (or the HAR "
                    + "ends before it), so the tokens are not in it.")
        }
        if exchanges.contains(where: { $0.step == .token }), !exchanges.contains(where: { $0.step == .inspect }) {
            notes.append("No JWKS response in the HAR: token signatures are checked only with --jwks FILE|URL.")
        }
        if flowCount == 0, !authorizeEntries.isEmpty, roles.contains(where: { $0.role == "sign-on page" }) {
            notes.append(
                "The sign-on page's own requests are listed, but no Flow API call (/{env}/flows/{id}) is in the HAR: "
                    + "the sign-on steps cannot be shown one by one.")
        }
        var configuration = ConfigurationInference.infer(from: exchanges, notes: &notes)
        let clientAuthenticationShown = exchanges.contains { $0.step == .token }
        if let discovery = entries.first(where: { EntryRoles.classify($0.request) == "discovery" }),
            let issuer = discovery.response?.jsonBody?["issuer"]?.stringValue,
            var endpoints = configuration.discoveredEndpoints
        {
            endpoints.issuer = issuer
            configuration.discoveredEndpoints = endpoints
        }
        // A sign-on that only the callback shows happened in the browser; authorize then is not
        // expected to open a Flow API flow.
        if exchanges.contains(where: { $0.action == .callbackFromBrowser }) { configuration.signOnInBrowser = true }
        var session = SavedSession(
            source: .browserHAR, configuration: configuration, exchanges: exchanges, notes: notes, entries: roles)
        session.clientAuthenticationShown = clientAuthenticationShown
        return session
    }

    static func origin(_ parts: URLParts) -> String {
        "\(parts.scheme.lowercased())://\(parts.host.lowercased()):\(parts.port)"
    }

    /// The authorize parameters: the query of a GET, the form of a POST.
    static func parameters(of request: HTTPRequest) -> [FormParameter] {
        var parameters = URLParts(request.url)?.queryParameters ?? []
        if request.method == "POST" {
            parameters += FormURLEncoding.decode(String(decoding: request.body, as: UTF8.self))
        }
        return parameters
    }

    /// A Flow API request's action, by its media type (reference §2.2).
    static func flowAction(_ request: HTTPRequest) -> StepAction {
        guard request.method == "POST" else { return .readFlow }
        let type = (request.header("Content-Type") ?? "").lowercased()
        if type.contains("device.select") { return .selectDevice }
        if type.contains("otp.check") { return .checkOTP }
        if type.contains("password.reset") { return .changePassword }
        if type.contains("password.forgot") { return .forgotPassword }
        if type.contains("password.recover") { return .recoverPassword }
        return .checkCredentials
    }
}

/// The configuration a saved session ran with, as its requests show it.
enum ConfigurationInference {
    static func infer(from exchanges: [SavedExchange], notes: inout [String]) -> FlowConfiguration {
        let authorize = exchanges.last { $0.step == .authorize || $0.step == .par }
        let parameters = authorize.map { BrowserHARAnalysis.parameters(of: $0.request) } ?? []
        let authorizeURL = exchanges.last { $0.step == .authorize }?.request.url ?? authorize?.request.url ?? ""
        let parts = URLParts(authorizeURL)
        let base = parts.map { parts in
            let defaultPort = parts.scheme.lowercased() == "https" ? 443 : 80
            return "\(parts.scheme)://\(parts.host)" + (parts.port == defaultPort ? "" : ":\(parts.port)")
        }
        var configuration = FlowConfiguration(
            authBaseURL: base ?? "http://invalid", environmentID: nil,
            clientID: parameters.value("client_id") ?? "", redirectURI: parameters.value("redirect_uri") ?? "",
            scopes: (parameters.value("scope") ?? "").split(separator: " ").map(String.init),
            pkceMethod: parameters.value("code_challenge_method").flatMap(PKCE.Method.init(rawValue:)),
            responseMode: parameters.value("response_mode"))
        if authorize == nil { notes.append("No authorize request: the client, redirect URI and scope are unknown.") }
        let segments = (parts?.path ?? "").split(separator: "/").map(String.init)
        if segments.count >= 2, segments.suffix(2) == ["as", "authorize"] {
            // PingOne: {authPath}/{envID}/as/authorize, or {customDomain}/as/authorize.
            configuration.environmentID = segments.count >= 3 ? segments[segments.count - 3] : nil
            if segments.count > 3 {
                configuration.authBaseURL = (base ?? "") + "/" + segments.dropLast(3).joined(separator: "/")
            }
        } else if let parts {
            // Another provider: its endpoints as the session used them, the issuer taken from the
            // authorize URL's directory unless discovery says otherwise.
            let directory = authorizeURL.split(separator: "?").first.map {
                $0.hasSuffix("/authorize") ? String($0.dropLast("/authorize".count)) : String($0)
            }
            let issuer = directory ?? "\(parts.scheme)://\(parts.host)"
            configuration.discoveredEndpoints = FlowEndpoints(
                issuer: issuer, authorization: authorizeURL,
                token: exchanges.last { $0.step == .token }?.request.url ?? issuer + "/token",
                jwks: exchanges.last { $0.step == .inspect }?.request.url,
                userInfo: exchanges.last { $0.step == .userInfo }?.request.url)
            configuration.signOnInBrowser = true
        }
        if let token = exchanges.last(where: { $0.step == .token })?.request {
            let form = FormURLEncoding.decode(String(decoding: token.body, as: UTF8.self))
            if token.header("Authorization")?.lowercased().hasPrefix("basic") == true {
                configuration.clientAuthentication = .clientSecretBasic
            } else if form.value("client_secret") != nil {
                configuration.clientAuthentication = .clientSecretPost
            } else if form.value("client_assertion") != nil {
                configuration.clientAuthentication = .privateKeyJWT
            } else {
                configuration.clientAuthentication = .none
            }
        }
        return configuration
    }
}
