import Testing

@testable import FlowEngine

/// Which kind `decode` takes a token for, with PingOne's real shapes (shared/reference/pingone-api.md
/// §6.1, §6.2): its access tokens carry `auth_time` and `sid` like an ID token.
@Suite struct TokenKindDecisionTests {
    static let header = JSONValue.object([JSONMember("kid", .string("f4697cc0")), JSONMember("alg", .string("RS256"))])

    /// The custom-resource access token of Ping's docs (§6.1): auth_time, sid and acr, but client_id,
    /// scope and a resource audience.
    static let pingOneAccessToken: JSONValue = .object([
        JSONMember("acr", .string("Agent-Consent-Login")),
        JSONMember("aud", .array([.string("agent")])),
        JSONMember("auth_time", .integer(1_774_039_361)),
        JSONMember("client_id", .string("adeeb901-6d2a-4c1b-9d5e-1f0a2b3c4d5e")),
        JSONMember("exp", .integer(1_774_043_333)),
        JSONMember("iat", .integer(1_774_039_733)),
        JSONMember("iss", .string("https://auth.pingone.com/4631af52-0b1c-4d2e-8f3a-4b5c6d7e8f90/as")),
        JSONMember("scope", .string("agent")),
        JSONMember("sid", .string("2dd6d4a4-1a2b-4c3d-8e9f-0a1b2c3d4e5f")),
        JSONMember("sub", .string("demouser")),
    ])

    /// `claims` with members changed (a `nil` value removes the member).
    static func changing(_ claims: JSONValue, _ changes: [String: JSONValue?]) -> JSONValue {
        var members = (claims.members ?? []).filter { changes[$0.key] == nil }
        for (key, value) in changes.sorted(by: { $0.key < $1.key }) {
            if let value { members.append(JSONMember(key, value)) }
        }
        return .object(members)
    }

    @Test func aPingOneAccessTokenWithAuthTimeIsAnAccessToken() {
        let decision = TokenKindDecision.detect(header: Self.header, claims: Self.pingOneAccessToken)
        #expect(decision.kind == .accessToken)
        #expect(decision.reason == "it has client_id, scope, and its aud (agent) is not that client")
    }

    @Test func thePlatformAPIAudienceWithAuthTimeIsAnAccessToken() {
        let claims = Self.changing(
            Self.pingOneAccessToken, ["aud": .array([.string("https://api.pingone.ca")]), "scope": JSONValue?.none])
        let decision = TokenKindDecision.detect(header: Self.header, claims: claims)
        #expect(decision.kind == .accessToken)
        #expect(decision.reason.contains("https://api.pingone.ca"))
    }

    @Test func aPingOneIDTokenIsAnIDToken() {
        // §6.2: aud is the client, auth_time and at_hash, no client_id or scope.
        let claims: JSONValue = .object([
            JSONMember("iss", .string("https://auth.pingone.ca/02fb4743/as")),
            JSONMember("sub", .string("6f00a1ba")), JSONMember("aud", .string("724ec718")),
            JSONMember("auth_time", .integer(1_719_859_270)), JSONMember("at_hash", .string("qD-IKcnDH8zVvUY2bJJMdg")),
            JSONMember("sid", .string("21693d89")),
        ])
        #expect(TokenKindDecision.detect(header: Self.header, claims: claims).kind == .idToken)
        // Without at_hash, auth_time still decides when nothing says access token.
        let bare = Self.changing(claims, ["at_hash": JSONValue?.none])
        #expect(
            TokenKindDecision.detect(header: Self.header, claims: bare)
                == TokenKindDecision(kind: .idToken, reason: "it has auth_time and no client_id or scope"))
    }

    @Test func aClientIDThatIsTheAudienceIsAnIDToken() {
        let claims: JSONValue = .object([
            JSONMember("aud", .array([.string("my-app")])), JSONMember("client_id", .string("my-app")),
            JSONMember("auth_time", .integer(1)),
        ])
        #expect(
            TokenKindDecision.detect(header: Self.header, claims: claims)
                == TokenKindDecision(kind: .idToken, reason: "its aud is its client_id"))
    }

    @Test func typAtJWTWinsOverIDTokenClaims() {
        let header = Self.changing(Self.header, ["typ": .string("at+jwt")])
        let claims = Self.changing(Self.pingOneAccessToken, ["nonce": .string("n")])
        #expect(TokenKindDecision.detect(header: header, claims: claims).kind == .accessToken)
    }

    @Test func scopeAloneIsAnAccessToken() {
        let claims: JSONValue = .object([JSONMember("scope", .string("openid")), JSONMember("auth_time", .integer(1))])
        #expect(
            TokenKindDecision.detect(header: Self.header, claims: claims)
                == TokenKindDecision(kind: .accessToken, reason: "it has scope"))
    }
}
