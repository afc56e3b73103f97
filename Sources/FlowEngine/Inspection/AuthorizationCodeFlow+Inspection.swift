import Foundation

extension AuthorizationCodeFlow {
    /// One token this run received, inspected against what the run sent.
    public struct InspectedToken: Equatable, Sendable {
        /// `id_token`, `access_token` or `refresh_token`.
        public var name: String
        public var inspection: Inspection
    }

    /// Inspects the tokens of the last token response: the ID token always, the access and refresh
    /// tokens when they are JWTs. Keys come from the JWKS fetched at the inspect step; HS tokens use
    /// the client secret.
    public func inspectTokens(now: Date, allowedSkew: TimeInterval = 60) -> [InspectedToken] {
        guard let tokens else { return [] }
        let keys = keySet.flatMap { try? JSONWebKeySet(json: $0) }
        let inspector = TokenInspector(keys: keys, clientSecret: configuration.clientSecret)
        var inspected: [InspectedToken] = []
        let candidates: [(String, String?, TokenKind)] = [
            ("id_token", tokens.idToken, .idToken),
            ("access_token", tokens.accessToken, .accessToken),
            ("refresh_token", tokens.refreshToken, .other),
        ]
        // Tokens from a refresh: an ID token there may leave out the nonce (OIDC Core §12.2); if it
        // carries one, it must still match.
        let fromRefresh = record.last(where: { $0.decoded.tokens != nil && $0.failure == nil })?.step == .refresh
        for (name, value, kind) in candidates {
            guard let value, name == "id_token" || JSONWebToken.looksLikeJWT(value) else { continue }
            var expectations = tokenExpectations(kind: kind, now: now, allowedSkew: allowedSkew)
            if fromRefresh, kind == .idToken, (try? JSONWebToken.parse(value))?.claims?["nonce"] == nil {
                expectations.nonce = nil
            }
            inspected.append(InspectedToken(name: name, inspection: inspector.inspect(value, expecting: expectations)))
        }
        return inspected
    }

    /// What this run's tokens must match (OIDC Core §3.1.3.7): the issuer and client it used, the
    /// `nonce`, `max_age` and `acr_values` it sent, the code and access token it got, and the
    /// server's clock from the token response's `Date` header.
    public func tokenExpectations(kind: TokenKind?, now: Date, allowedSkew: TimeInterval = 60) -> TokenExpectations {
        let sent = sentAuthorizationParameters
        let value = { (name: String) in sent.last { $0.name == name }?.value }
        return TokenExpectations(
            kind: kind,
            issuer: configuration.issuer,
            // A refresh token's audience is the server's business, not this client's.
            clientID: kind == .other ? nil : configuration.clientID,
            nonce: value("nonce") ?? nonce,
            accessToken: kind == .idToken ? tokens?.accessToken : nil,
            code: kind == .idToken ? code : nil,
            maxAge: value("max_age").flatMap { Int($0) },
            acrValues: TokenExpectations.acrValues(parsing: value("acr_values")),
            allowedSkew: allowedSkew,
            now: now,
            serverClock: tokenResponseClock
        )
    }

    /// The parameters of the last authorization request sent (PAR body, or authorize query or form),
    /// with those of a request object (RFC 9101) read from its claims.
    var sentAuthorizationParameters: [FormParameter] {
        guard
            let request = record.last(where: {
                ($0.step == .par || $0.step == .authorize) && $0.action != .callbackFromBrowser
            })?.request
        else { return [] }
        var parameters = URLParts(request.url)?.queryParameters ?? []
        if request.header("Content-Type")?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            parameters += FormURLEncoding.decode(String(decoding: request.body, as: UTF8.self))
        }
        if let object = parameters.last(where: { $0.name == "request" })?.value,
            let claims = try? JSONWebToken.parse(object).claims
        {
            for member in claims.members ?? [] {
                if let string = member.value.stringValue {
                    parameters.append(FormParameter(member.key, string))
                } else if case .number(let literal) = member.value {
                    parameters.append(FormParameter(member.key, literal))
                }
            }
        }
        return parameters
    }

    /// The server's clock as its token response's `Date` header gave it, against the local arrival time.
    var tokenResponseClock: ClockSkew? {
        guard let step = record.last(where: { $0.step == .token && $0.decoded.serverDate != nil }),
            let serverDate = step.decoded.serverDate
        else { return nil }
        let elapsed = step.elapsed.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 } ?? 0
        return ClockSkew(serverDate: serverDate, localDate: step.sentAt.addingTimeInterval(elapsed))
    }
}
