import Foundation
import Testing

@testable import FlowEngine

/// Each likely cause is computed from what the run knows, so two servers' wordings of the same
/// failure give the same cause.
struct CauseFactsTests {
    static let generic = FlowEndpoints(
        issuer: "https://idp.example.org", authorization: "https://idp.example.org/authorize",
        token: "https://idp.example.org/token")

    /// A record of authorize, the callback with a code, and the token requests that redeemed it.
    static func record(
        challenge: Bool = true, codeAfter seconds: Double = 3, tokenRedirect: String = Fixture.redirect,
        redeemTwice: Bool = false, failure: FlowFailure
    ) -> [StepRecord] {
        var query = "response_type=code&client_id=c&redirect_uri=\(FormURLEncoding.escape(Fixture.redirect))"
        if challenge { query += "&code_challenge=abc&code_challenge_method=S256" }
        let authorize = StepRecord(
            step: .authorize, action: .authorize(sentBy: .browser),
            request: HTTPRequest(method: "GET", url: "https://idp.example.org/authorize?\(query)"), sentAt: Fixture.now)
        var callback = StepRecord(
            step: .signOn, action: .callbackFromBrowser,
            request: HTTPRequest(method: "GET", url: Fixture.redirect + "?code=c0de"),
            sentAt: Fixture.now)
        callback.decoded.code = "c0de"
        func token(at offset: Double, failure: FlowFailure?) -> StepRecord {
            var body = "grant_type=authorization_code&code=c0de&redirect_uri=\(FormURLEncoding.escape(tokenRedirect))"
            if challenge { body += "&code_verifier=v" }
            var entry = StepRecord(
                step: .token, action: .redeemCode,
                request: HTTPRequest(
                    method: "POST", url: "https://idp.example.org/token",
                    headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded")], body: Array(body.utf8)),
                sentAt: Fixture.now.addingTimeInterval(offset))
            entry.failure = failure
            return entry
        }
        var record = [authorize, callback]
        if redeemTwice { record.append(token(at: 1, failure: nil)) }
        record.append(token(at: seconds, failure: failure))
        return record
    }

    static func cause(_ record: [StepRecord], pingOne: Bool = false) -> String? {
        let configuration = Fixture.configuration {
            if !pingOne { $0.discoveredEndpoints = generic }
        }
        return record.last?.failure?.likelyCause(
            CauseFacts(configuration: configuration, record: record, index: record.count - 1))
    }

    static let wordings = [
        OAuthError(error: "invalid_grant", description: "The authorization code is invalid or has expired."),
        OAuthError(error: "invalid_code"),
        OAuthError(error: "invalid_grant", description: "PKCE verification failed"),
    ]

    @Test(arguments: wordings) func aCodeUsedTwiceIsNamedWhateverTheWording(_ error: OAuthError) {
        let cause = Self.cause(Self.record(redeemTwice: true, failure: .oauthError(error)))
        #expect(cause?.contains("already sent to the token endpoint earlier in this run") == true)
    }

    @Test(arguments: wordings) func anOldCodeIsNamedWithItsAge(_ error: OAuthError) {
        let cause = Self.cause(Self.record(codeAfter: 900, failure: .oauthError(error)))
        #expect(cause?.contains("The code was 15 minutes old") == true)
        #expect(cause?.contains("at most 10 minutes") == true)
        // On PingOne codes live one minute.
        let pingOne = Self.cause(Self.record(codeAfter: 90, failure: .oauthError(error)), pingOne: true)
        #expect(pingOne?.contains("The code was 90 seconds old") == true)
    }

    @Test(arguments: wordings) func aRedirectURIChangedAtTheTokenEndpointIsNamed(_ error: OAuthError) {
        let cause = Self.cause(
            Self.record(tokenRedirect: "https://app.example.com/other", failure: .oauthError(error)))
        #expect(cause?.contains("(https://app.example.com/other) is not the one sent on authorize") == true)
    }

    @Test(arguments: wordings) func aFreshUnusedCodeWithPKCEPointsAtTheVerifier(_ error: OAuthError) {
        let cause = Self.cause(Self.record(failure: .oauthError(error)))
        #expect(cause?.contains("code_verifier that does not match the code_challenge") == true)
    }

    @Test func noChallengeSentIsSaidAtAuthorizeWithOrWithoutADescription() {
        for error in [
            OAuthError(error: "invalid_request"),
            OAuthError(error: "invalid_request", description: "code_challenge required"),
        ] {
            let authorize = StepRecord(
                step: .authorize, action: .authorize(sentBy: .browser),
                request: HTTPRequest(method: "GET", url: "https://idp.example.org/authorize?response_type=code"),
                sentAt: Fixture.now)
            var callback = StepRecord(
                step: .signOn, action: .callbackFromBrowser,
                request: HTTPRequest(method: "GET", url: Fixture.redirect + "?error=invalid_request"),
                sentAt: Fixture.now)
            callback.failure = .oauthError(error)
            let cause = Self.cause([authorize, callback])
            #expect(cause?.contains("authflow sent no code_challenge") == true)
        }
    }

    @Test func aRefusedSecretIsAboutTheSecretAndPingOneIsNamedOnlyOnPingOne() {
        let wordings = [
            OAuthError(error: "unauthorized_client", description: "Client authentication failed"),
            OAuthError(error: "unauthorized_client"),
        ]
        for error in wordings {
            var facts = CauseFacts(step: .token, isPingOne: false)
            facts.authMethod = .clientSecretBasic
            facts.hasClientSecret = true
            let cause = FlowFailure.oauthError(error).likelyCause(facts)
            #expect(cause?.contains("wrong client secret") == true)
            #expect(cause?.contains("PingOne") == false)
            facts.isPingOne = true
            #expect(FlowFailure.oauthError(error).likelyCause(facts)?.contains("in PingOne") == true)
        }
    }

    @Test func anAuthMethodDiscoveryDoesNotListIsNamed() {
        var facts = CauseFacts(step: .token, isPingOne: false)
        facts.authMethod = .clientSecretBasic
        facts.supportedAuthMethods = ["client_secret_post", "private_key_jwt"]
        let cause = FlowFailure.oauthError(OAuthError(error: "invalid_client")).likelyCause(facts)
        #expect(cause?.contains("client_secret_basic") == true)
        #expect(cause?.contains("client_secret_post, private_key_jwt") == true)
    }

    @Test func notFoundAtAuthorizeIsTheEnvironmentNotAnExpiredFlow() {
        let error = PingOneError(
            id: nil, code: "NOT_FOUND", message: "The request could not be completed.", details: [])
        let atAuthorize = FlowFailure.pingOneError(status: 404, error).likelyCause(CauseFacts(step: .authorize))
        #expect(atAuthorize?.contains("no environment with this ID") == true)
        let atSignOn = FlowFailure.pingOneError(status: 404, error).likelyCause(CauseFacts(step: .signOn))
        #expect(atSignOn?.contains("expired") == true)
    }

    @Test func lockoutAndRemainingTriesAreSaidInWords() {
        func failure(_ code: String, _ inner: String) -> FlowFailure {
            .pingOneError(
                status: 400,
                PingOneError(
                    id: nil, code: "INVALID_DATA", message: nil,
                    details: [.init(code: code, target: "password", message: "x", innerError: inner)]))
        }
        let locked = failure("PASSWORD_LOCKED_OUT", #"{"secondsUntilUnlock":900}"#)
        #expect(locked.likelyCause(CauseFacts(step: .signOn))?.contains("locked for 15 minutes") == true)
        let wrong = failure("INVALID_CREDENTIALS", #"{"failuresRemaining":2}"#)
        #expect(wrong.likelyCause(CauseFacts(step: .signOn))?.contains("2 more tries") == true)
    }

    @Test func clockSkewSaysWhichClockIsOffAndByHowMuch() {
        var facts = CauseFacts(step: .inspect)
        facts.clockSkew = .seconds(-300)
        let failure = FlowFailure.tokenChecksFailed(["id_token iat"])
        #expect(failure.likelyCause(facts)?.contains("This machine's clock is 5 minutes ahead of the server's") == true)
        facts.clockSkew = .seconds(1)
        #expect(failure.likelyCause(facts)?.contains("agrees with the server's Date header") == true)
    }

    @Test func userInfoAfterRevokeNamesTheRevoke() {
        var facts = CauseFacts(step: .userInfo)
        facts.endedBy = .revoke
        let failure = FlowFailure.oauthError(OAuthError(error: "invalid_token"))
        #expect(failure.likelyCause(facts)?.contains("9 Revoke revoked a token earlier in this run") == true)
        #expect(failure.likelyCause(CauseFacts(step: .userInfo)) == FlowFailure.refusedBearerToken)
    }

    @Test func aMissingSTCookieIsReadFromTheCookiesSent() {
        let error = PingOneError(id: nil, code: "ACCESS_FAILED", message: "Access failed", details: [])
        var facts = CauseFacts(step: .signOn, isPingOne: true)
        facts.cookiesSent = ["other"]
        #expect(
            FlowFailure.pingOneError(status: 401, error).likelyCause(facts)?.contains("(cookies sent: other)") == true)
        facts.cookiesSent = ["ST"]
        #expect(FlowFailure.pingOneError(status: 401, error).likelyCause(facts)?.contains("ST cookie was sent") == true)
    }
}
