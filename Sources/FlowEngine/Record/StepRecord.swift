import Foundation

/// One request of the flow as sent, the response as received, and what was decoded from it.
///
/// The TUI, `authflow run` and the exports all read these records; nothing is re-derived.
public struct StepRecord: Equatable, Sendable {
    public var step: FlowStep
    /// What this request does within its step (worded by ``StepAction/title``).
    public var action: StepAction
    /// Which try of this step's action this request is, from 1: a wrong password, a retry or an
    /// edited parameter each send a new request, and every one is kept.
    public var attempt = 1
    /// What the user changed before this request (since the request before it), in order.
    public var changes: [AttemptChange] = []
    public var request: HTTPRequest
    public var sentAt: Date
    public var response: HTTPResponse?
    public var elapsed: Duration?
    public var transportError: TransportError?
    public var decoded: StepDecoding
    public var failure: FlowFailure?

    public init(step: FlowStep, action: StepAction, request: HTTPRequest, sentAt: Date) {
        self.step = step
        self.action = action
        self.request = request
        self.sentAt = sentAt
        self.decoded = StepDecoding()
    }
}

/// What authflow read out of one response.
public struct StepDecoding: Equatable, Sendable {
    public var location: String?
    public var flowID: String?
    public var flowStatus: String?
    /// The names of the `_links` the flow offers, in order.
    public var flowLinks: [String] = []
    public var resumeURL: String?
    /// Cookies the response set (and the jar accepted).
    public var cookiesSet: [Cookie] = []
    /// Cookies the response tried to set and the jar refused (RFC 6265 §5.3), with the reason.
    public var cookiesRejected: [RejectedCookie] = []
    /// URLs in the request or response outside the origins the user configured (never sent a credential).
    public var foreignURLs: [ForeignURL] = []
    /// Names of the cookies the request carried.
    public var cookiesSent: [String] = []
    public var code: String?
    public var state: StateCheck?
    /// Fields of a `form_post` response's auto-submit form.
    public var formFields: [FormParameter] = []
    public var pingOneError: PingOneError?
    public var oauthError: OAuthError?
    public var correlationID: String?
    /// The server's `Date` header, for the clock-skew check.
    public var serverDate: Date?
    public var tokens: TokenSet?
    /// PAR's `request_uri`.
    public var requestURI: String?
    /// The JWKS fetched at the inspect step.
    public var keySet: JSONValue?
    /// What UserInfo or introspection returned, members in order.
    public var claims: JSONValue?
    /// The outcome of a follow-up step, such as ``StepResult/refreshed(rotated:)``.
    public var result: StepResult?
    /// Each token checked at the inspect step: signature against the JWKS, then the OIDC checks.
    public var inspections: [AuthorizationCodeFlow.InspectedToken] = []

    public init() {}
}

/// The `state` sent on authorize against the one that came back (RFC 6749 §10.12).
public struct StateCheck: Equatable, Sendable {
    public var sent: String?
    public var received: String?

    public init(sent: String?, received: String?) {
        self.sent = sent
        self.received = received
    }

    /// Whether the callback is the one this flow asked for.
    public var matches: Bool { sent == received }
}

/// PingOne's platform error body (reference §7.1).
public struct PingOneError: Equatable, Sendable {
    public struct Detail: Equatable, Sendable {
        public var code: String?
        public var target: String?
        public var message: String?
        /// `innerError` as compact JSON, such as `{"secondsUntilUnlock":900}`.
        public var innerError: String?

        public init(code: String?, target: String?, message: String?, innerError: String?) {
            self.code = code
            self.target = target
            self.message = message
            self.innerError = innerError
        }
    }

    public var id: String?
    public var code: String
    public var message: String?
    public var details: [Detail]

    public init(id: String?, code: String, message: String?, details: [Detail]) {
        self.id = id
        self.code = code
        self.message = message
        self.details = details
    }

    /// Whether the error names the `redirect_uri` as what was refused.
    public var refusesRedirectURI: Bool {
        details.contains { $0.target == "redirect_uri" }
            || (message ?? "").lowercased().contains("redirect")
            || details.contains { ($0.message ?? "").lowercased().contains("redirect_uri") }
    }

    /// Reads a PingOne error from a JSON body; `nil` when the body is not of that shape.
    public init?(json: JSONValue) {
        guard let code = json["code"]?.stringValue, json["error"] == nil else { return nil }
        self.id = json["id"]?.stringValue
        self.code = code
        self.message = json["message"]?.stringValue
        self.details = (json["details"]?.elements ?? []).map { detail in
            Detail(
                code: detail["code"]?.stringValue, target: detail["target"]?.stringValue,
                message: detail["message"]?.stringValue, innerError: detail["innerError"]?.compactText)
        }
    }
}

/// An OAuth 2.0 error, from a redirect (RFC 6749 §4.1.2.1) or the token endpoint (§5.2).
public struct OAuthError: Equatable, Sendable {
    public var error: String
    public var description: String?
    public var uri: String?

    public init(error: String, description: String? = nil, uri: String? = nil) {
        self.error = error
        self.description = description
        self.uri = uri
    }
}

/// The token endpoint's response (RFC 6749 §5.1), with each JWT decoded.
public struct TokenSet: Equatable, Sendable {
    public var accessToken: String?
    public var tokenType: String?
    public var expiresIn: Int64?
    public var refreshToken: String?
    public var scope: String?
    public var idToken: String?
    /// The body as received, members in order.
    public var json: JSONValue
    /// Each token that was a JWT, or why it could not be decoded.
    public var decoded: [DecodedToken]

    public init(json: JSONValue) {
        self.json = json
        accessToken = json["access_token"]?.stringValue
        tokenType = json["token_type"]?.stringValue
        expiresIn = json["expires_in"]?.int64Value
        refreshToken = json["refresh_token"]?.stringValue
        scope = json["scope"]?.stringValue
        idToken = json["id_token"]?.stringValue
        var decoded: [DecodedToken] = []
        for (name, value) in [("id_token", idToken), ("access_token", accessToken), ("refresh_token", refreshToken)] {
            guard let value else { continue }
            // Opaque tokens are fine; only what looks like a JWT is decoded.
            if name == "id_token" || JSONWebToken.looksLikeJWT(value) {
                decoded.append(DecodedToken(name: name, compact: value))
            }
        }
        self.decoded = decoded
    }

    /// Every token string, for masking.
    public var secrets: [String] { [accessToken, refreshToken, idToken].compactMap { $0 } }
}

/// One token decoded as a JWT, or the reason it could not be.
public struct DecodedToken: Equatable, Sendable {
    public var name: String
    public var jwt: JSONWebToken?
    public var parseError: JWTParseError?

    public init(name: String, compact: String) {
        self.name = name
        do {
            jwt = try JSONWebToken.parse(compact)
        } catch {
            parseError = error
        }
    }
}
