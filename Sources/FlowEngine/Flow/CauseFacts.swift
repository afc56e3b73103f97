import Foundation

/// What a run knows about a failed step, for naming its likely cause from facts rather than from
/// one server's wording (docs/troubleshooting.md lists each cause with the facts it is built from).
///
/// Every member is optional or defaults to "not known": a cause built without facts falls back to
/// the error code alone.
public struct CauseFacts: Equatable, Sendable {
    /// The step that failed.
    public var step: FlowStep
    /// Whether the server is PingOne (its layout and Flow API); `nil` when not known. PingOne's
    /// wording (its admin console, its codes) is used only when this is `true`.
    public var isPingOne: Bool?
    /// Whether the authorize (or PAR) request carried a `code_challenge`; `nil` when not known.
    public var sentCodeChallenge: Bool?
    /// Whether the token request carried a `code_verifier`.
    public var sentCodeVerifier: Bool?
    /// How old the code was when the token request went out.
    public var codeAge: Duration?
    /// How long codes live on this server (PingOne: 60 s), when known.
    public var codeLifetime: Duration?
    /// Whether this code was already sent to the token endpoint earlier in the run.
    public var codeAlreadyRedeemed = false
    /// `redirect_uri` as sent on authorize and at the token endpoint.
    public var authorizeRedirectURI: String?
    public var tokenRedirectURI: String?
    /// The client authentication method used, and discovery's `token_endpoint_auth_methods_supported`.
    public var authMethod: ClientAuthenticationMethod?
    public var supportedAuthMethods: [String]?
    /// Whether a client secret was configured.
    public var hasClientSecret = false
    /// Names of the cookies the failed request carried; `nil` when not known.
    public var cookiesSent: [String]?
    /// An earlier step that ended the tokens or the session (revoke, sign-off).
    public var endedBy: FlowStep?
    /// The server's clock minus this machine's, from the `Date` header of the response.
    public var clockSkew: Duration?
    /// The issuer authflow expects, and the `iss` the ID token carries.
    public var expectedIssuer: String?
    public var tokenIssuer: String?
    /// The client ID authflow signs on as, and the `aud` the ID token carries.
    public var clientID: String?
    public var tokenAudiences: [String]?
    /// The response's `Retry-After` in seconds (RFC 9110 §10.2.3), when it gave a number.
    public var retryAfterSeconds: Int?
    /// The failed response's `Correlation-Id` (PingOne's error `id`), to quote to support.
    public var correlationID: String?

    public init(step: FlowStep, isPingOne: Bool? = nil) {
        self.step = step
        self.isPingOne = isPingOne
    }

    /// PingOne's authorization code lifetime (reference §2.4: one minute).
    public static let pingOneCodeLifetime: Duration = .seconds(60)
    /// The longest lifetime RFC 6749 §4.1.2 recommends for a code.
    public static let recommendedCodeLifetime: Duration = .seconds(600)
}

extension CauseFacts {
    /// The facts the record holds about the step at `index`.
    public init(configuration: FlowConfiguration, record: [StepRecord], index: Int) {
        let entry = record[index]
        self.init(step: entry.step, isPingOne: configuration.endpoints.flowAPIBase != nil)
        let before = record[..<index]
        let authorize = before.last {
            ($0.step == .par || $0.step == .authorize) && $0.action != .callbackFromBrowser
        }
        if let authorize {
            let parameters = authorize.request.parameters
            let wrapped = parameters.contains { $0.name == "request" || $0.name == "request_uri" }
            // Inside a request object or a pushed request, the parameters are the configured ones.
            sentCodeChallenge =
                parameters.contains { $0.name == "code_challenge" } || (wrapped && configuration.pkceMethod != nil)
            authorizeRedirectURI =
                parameters.first { $0.name == "redirect_uri" }?.value ?? (wrapped ? configuration.redirectURI : nil)
        }
        cookiesSent = entry.decoded.cookiesSent
        correlationID = entry.decoded.correlationID ?? entry.decoded.pingOneError?.id
        retryAfterSeconds = entry.response?.header("Retry-After").flatMap {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        authMethod = configuration.clientAuthentication
        supportedAuthMethods = configuration.endpoints.tokenEndpointAuthMethods
        hasClientSecret = configuration.clientSecret != nil
        codeLifetime = isPingOne == true ? Self.pingOneCodeLifetime : nil
        expectedIssuer = configuration.issuer
        if let serverDate = entry.decoded.serverDate {
            let seconds = serverDate.timeIntervalSince(entry.sentAt)
            clockSkew = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        let idClaims = (entry.decoded.tokens ?? before.last { $0.decoded.tokens != nil }?.decoded.tokens)?.decoded
            .first { $0.name == "id_token" }?.jwt?.claims
        tokenIssuer = idClaims?["iss"]?.stringValue
        tokenAudiences = idClaims?["aud"]?.stringList
        clientID = configuration.clientID
        endedBy =
            before.last { earlier in
                switch earlier.decoded.result {
                case .revoked, .signedOff, .signOffNeedsConfirmation: true
                default: false
                }
            }?.step
        if entry.step == .token {
            let form = entry.request.formParameters
            let code = form.first { $0.name == "code" }?.value
            sentCodeVerifier = form.contains { $0.name == "code_verifier" }
            tokenRedirectURI = form.first { $0.name == "redirect_uri" }?.value
            if let code {
                if let received = before.last(where: { $0.decoded.code == code }) {
                    let at = received.sentAt.addingTimeInterval(received.elapsed.map(\.secondsValue) ?? 0)
                    let age = entry.sentAt.timeIntervalSince(at)
                    codeAge = .milliseconds(Int64((age * 1000).rounded()))
                }
                codeAlreadyRedeemed = before.contains {
                    $0.step == .token && $0.request.formParameters.contains { $0.name == "code" && $0.value == code }
                }
            }
        }
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var secondsValue: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

extension ClientAuthenticationMethod {
    /// The method's name in discovery's `token_endpoint_auth_methods_supported` (OIDC Discovery §3).
    public var discoveryName: String { rawValue.lowercased() }
}

extension AuthorizationCodeFlow {
    /// The likely cause of the failure recorded at `index`, from the run's facts.
    public func likelyCause(ofRecordAt index: Int) -> String? {
        guard record.indices.contains(index), let failure = record[index].failure else { return nil }
        return failure.likelyCause(CauseFacts(configuration: configuration, record: record, index: index))
    }

    /// The likely cause of `failure` at `step`: from the facts of the last record of that step, or
    /// from the failure alone when no request of that step was recorded.
    public func likelyCause(of failure: FlowFailure, at step: FlowStep) -> String? {
        guard let index = record.lastIndex(where: { $0.step == step }) else {
            var facts = CauseFacts(step: step, isPingOne: configuration.endpoints.flowAPIBase != nil)
            facts.authMethod = configuration.clientAuthentication
            return failure.likelyCause(facts)
        }
        return failure.likelyCause(CauseFacts(configuration: configuration, record: record, index: index))
    }
}
