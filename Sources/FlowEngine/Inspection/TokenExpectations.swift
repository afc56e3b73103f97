import Foundation

/// What a token is checked against: the values this run sent or the user gave, and the clock.
public struct TokenExpectations: Equatable, Sendable {
    /// The rules to apply; `nil` to decide from the token (`TokenKindDecision.detect`).
    public var kind: TokenKind?
    /// The issuer identifier expected in `iss` (OIDC Core §3.1.3.7 step 2).
    public var issuer: String?
    /// The client ID: expected in an ID token's `aud` and `azp`, and an access token's `client_id`.
    public var clientID: String?
    /// The audience expected in `aud`; for an ID token, the client ID when not given.
    public var audience: String?
    /// The `nonce` sent in the authorization request (OIDC Core §3.1.3.7 step 11).
    public var nonce: String?
    /// The access token from the same response, for `at_hash` (OIDC Core §3.1.3.8).
    public var accessToken: String?
    /// The authorization code, for `c_hash` (OIDC Core §3.3.2.11).
    public var code: String?
    /// The `max_age` sent, in seconds (OIDC Core §3.1.3.7 step 13).
    public var maxAge: Int?
    /// The `acr_values` sent, in order of preference (OIDC Core §3.1.3.7 step 12).
    public var acrValues: [String]
    /// The clock skew allowed on every time check, in seconds.
    public var allowedSkew: TimeInterval
    /// The local time to check against.
    public var now: Date
    /// The server's clock, read from the token response's `Date` header, when known.
    public var serverClock: ClockSkew?

    /// Expectations; everything but `now` is optional, and what is absent is not checked.
    public init(
        kind: TokenKind? = nil,
        issuer: String? = nil,
        clientID: String? = nil,
        audience: String? = nil,
        nonce: String? = nil,
        accessToken: String? = nil,
        code: String? = nil,
        maxAge: Int? = nil,
        acrValues: [String] = [],
        allowedSkew: TimeInterval = 60,
        now: Date,
        serverClock: ClockSkew? = nil
    ) {
        self.kind = kind
        self.issuer = issuer
        self.clientID = clientID
        self.audience = audience
        self.nonce = nonce
        self.accessToken = accessToken
        self.code = code
        self.maxAge = maxAge
        self.acrValues = acrValues
        self.allowedSkew = allowedSkew
        self.now = now
        self.serverClock = serverClock
    }

    /// `acr_values` as sent: space-separated, in order of preference (OIDC Core §3.1.2.1).
    public static func acrValues(parsing value: String?) -> [String] {
        (value ?? "").split(separator: " ").map(String.init)
    }
}
