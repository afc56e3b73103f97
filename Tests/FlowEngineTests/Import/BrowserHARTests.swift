import Foundation
import Testing

@testable import FlowEngine

/// A customer's HAR: HARs Chromium recorded against the simulator (Fixtures/BrowserHAR, see its
/// README) opened as authflow's steps, with the causes and what the HAR lacks.
@Suite struct BrowserHARTests {
    static func open(_ name: String) throws -> (SavedSession, AuthorizationCodeFlow) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/BrowserHAR/\(name).har")
        let session = try SavedSession.read(Array(try Data(contentsOf: url)))
        return (session, AuthorizationCodeFlow.reopening(session))
    }

    @Test func aGoodFlowIsFoundAndEveryStepIsReadAndChecked() throws {
        let (session, flow) = try Self.open("good-flow")
        #expect(session.source == .browserHAR)
        #expect(session.creator?.hasPrefix("Playwright") == true)
        #expect(
            flow.record.map(\.action.kind) == [
                "authorize.browser", "flow.read", "flow.check_credentials", "resume", "token.authorization_code",
                "jwks", "userinfo",
            ])
        let authorize = try #require(flow.record.first)
        let flowID = try #require(authorize.decoded.flowID)
        #expect(flow.record.filter { $0.step == .signOn }.allSatisfy { $0.decoded.flowID == flowID })
        // The state sent on authorize is the one resume sent back, and the code was read.
        let resume = try #require(flow.record.first { $0.step == .resume })
        #expect(resume.decoded.state?.matches == true)
        #expect(resume.decoded.state?.sent?.isEmpty == false)
        #expect(resume.decoded.code?.isEmpty == false)
        // ST: set by the sign-on and sent on resume (this HAR kept cookies).
        #expect(flow.record.contains { $0.decoded.cookiesSet.contains { $0.name == "ST" } })
        #expect(resume.decoded.cookiesSent.contains("ST"))
        // Tokens decoded and checked against the HAR's own JWKS, as of when they came.
        let inspect = try #require(flow.record.first { $0.step == .inspect })
        #expect(!inspect.decoded.inspections.isEmpty)
        #expect(inspect.decoded.inspections.allSatisfy { $0.inspection.failures.isEmpty })
        #expect(inspect.failure == nil)
        #expect(flow.phase == .completed)
        #expect(!session.notes.contains { $0.contains("no cookies") })
        #expect(session.clientAuthenticationShown)
        // The page, the callback page and discovery are named; the app's page is not the sign-in.
        #expect(session.entries.contains { $0.role == "sign-on page" })
        #expect(session.entries.contains { $0.role == "callback" })
        #expect(session.entries.contains { $0.role == "unrelated" && $0.url.contains(":9472/?mode=") })
    }

    @Test func aWrongPasswordIsAFailedAttemptWithItsCauseThenTheRightOne() throws {
        let (_, flow) = try Self.open("wrong-password")
        let checks = flow.record.filter { $0.action == .checkCredentials }
        #expect(checks.map(\.attempt) == [1, 2])
        let wrong = try #require(checks.first)
        #expect(wrong.response?.status == 400)
        #expect(wrong.decoded.pingOneError?.details.contains { $0.code == "INVALID_CREDENTIALS" } == true)
        guard case .pingOneError = wrong.failure else {
            Issue.record("the wrong password is not a PingOne error: \(String(describing: wrong.failure))")
            return
        }
        let cause = wrong.failure?.likelyCause(
            CauseFacts(
                configuration: flow.configuration, record: flow.record,
                index: flow.record.firstIndex { $0.failure != nil } ?? 0))
        #expect(cause?.isEmpty == false)
        #expect(checks.last?.failure == nil)
        #expect(flow.phase == .completed)
    }

    @Test func aRedirectURIMismatchIsTheAuthorizeRefusalWithPingOnesError() throws {
        let (session, flow) = try Self.open("redirect-mismatch")
        #expect(flow.record.map(\.step) == [.authorize])
        guard case .failed(.authorize, .authorizeRefused(let sent, let error, _)) = flow.phase else {
            Issue.record("not an authorize refusal: \(flow.phase)")
            return
        }
        #expect(sent.hasSuffix("/signin-callback"))
        #expect(error?.refusesRedirectURI == true)
        #expect(session.notes.contains { $0.contains("No token request") })
        // Refused at authorize: no cookie was ever due, so none is said to be stripped, and the
        // client's authentication method is not in the file.
        #expect(!session.notes.contains { $0.contains("no cookies") })
        #expect(!session.clientAuthenticationShown)
    }

    @Test func aTokenFailureIsTheTokenStepsOAuthError() throws {
        let (session, flow) = try Self.open("token-failure")
        let token = try #require(flow.record.last)
        #expect(token.step == .token)
        #expect(token.decoded.oauthError?.error == "invalid_grant")
        guard case .failed(.token, .oauthError) = flow.phase else {
            Issue.record("the token step did not fail with the OAuth error: \(flow.phase)")
            return
        }
        // The sign-on's COMPLETED answer may be missing from this recording: said, not guessed.
        if session.entries.contains(where: { $0.role == "flow" && $0.method == "POST" }),
            flow.record.contains(where: { $0.action == .checkCredentials && $0.response?.body.isEmpty == true })
        {
            #expect(session.notes.contains { $0.contains("no response body for the flow request") })
        }
    }

    @Test func aSanitizedExportSaysItsCookiesAreGoneAndStillReadsTheFlow() throws {
        let (session, flow) = try Self.open("good-flow-sanitized")
        #expect(session.notes.contains { $0.contains("no cookies") })
        #expect(!flow.record.contains { !$0.decoded.cookiesSent.isEmpty || !$0.decoded.cookiesSet.isEmpty })
        #expect(flow.record.first { $0.step == .resume }?.decoded.state?.matches == true)
        #expect(flow.phase == .completed)
    }

    @Test func theSignInIsFoundAmongHundredsOfUnrelatedEntries() throws {
        let (session, flow) = try Self.open("good-flow-among-noise")
        let (_, clean) = try Self.open("good-flow")
        #expect(session.entries.filter { $0.role == "unrelated" }.count >= 200)
        #expect(flow.record.map(\.action.kind) == clean.record.map(\.action.kind))
        #expect(flow.phase == .completed)
    }

    // MARK: - HAR quirks, in HARs written here

    /// A minimal HAR around `entries`, as a browser other than Chromium might write it.
    static func har(_ entries: [String]) -> [UInt8] {
        Array(
            """
            {"log": {"version": "1.2", "creator": {"name": "Firefox", "version": "140.0"}, "_custom": 1,
             "entries": [\(entries.joined(separator: ","))]}}
            """.utf8)
    }

    static func entry(
        _ time: String, _ method: String, _ url: String, status: Int, headers: String = "[]", redirect: String = "",
        content: String = "{\"size\": 0, \"mimeType\": \"x-unknown\"}", postData: String? = nil
    ) -> String {
        """
        {"startedDateTime": "\(time)", "time": -1, "_securityState": "secure",
         "request": {"method": "\(method)", "url": "\(url)", "headers": [], "cookies": []\(postData.map { ", \"postData\": \($0)" } ?? "")},
         "response": {"status": \(status), "statusText": "", "headers": \(headers), "content": \(content),
          "redirectURL": "\(redirect)"},
         "timings": {"send": 0, "wait": -1, "receive": 0}}
        """
    }

    @Test func aGenericProviderReadsAuthorizeCallbackAndTokenFromQuirkyEntries() throws {
        let authorize =
            "https://idp.example.org/oauth2/authorize?response_type=code&client_id=app&scope=openid&scope=ignored"
            + "&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&state=s-123&nonce=n-1"
        let tokenBody = Data(#"{"access_token":"opaque-at","token_type":"Bearer","expires_in":300}"#.utf8)
            .base64EncodedString()
        let bytes = Self.har([
            // Out of order: the token first in the file, the unrelated font last.
            Self.entry(
                "2026-11-30T10:00:03.000Z", "POST", "https://idp.example.org/oauth2/token", status: 200,
                headers: #"[{"name": "Content-Type", "value": "application/json"}]"#,
                content:
                    #"{"size": 70, "mimeType": "application/json", "encoding": "base64", "text": "\#(tokenBody)"}"#,
                postData:
                    #"{"mimeType": "application/x-www-form-urlencoded", "params": [{"name": "grant_type", "value": "authorization_code"}, {"name": "code", "value": "c-9"}, {"name": "client_id", "value": "app"}]}"#
            ),
            Self.entry(
                "2026-11-30T10:00:00.000Z", "GET", authorize, status: 302, redirect: "https://idp.example.org/login"),
            Self.entry(
                "2026-11-30T10:00:02.000Z", "GET", "https://app.example.com/cb?code=c-9&state=s-123", status: 200),
            Self.entry("2026-11-30T10:00:01.000Z", "GET", "https://idp.example.org/login", status: 200),
            Self.entry("2026-11-30T10:00:04.000Z", "GET", "https://fonts.example.net/a.woff2", status: 200),
        ])
        let session = try SavedSession.read(bytes)
        let flow = AuthorizationCodeFlow.reopening(session)
        #expect(session.configuration.redirectURI == "https://app.example.com/cb")
        #expect(session.configuration.clientID == "app")
        #expect(flow.record.map(\.action.kind) == ["authorize.browser", "callback", "token.authorization_code"])
        let callback = flow.record[1]
        #expect(callback.decoded.state == StateCheck(sent: "s-123", received: "s-123"))
        #expect(callback.decoded.code == "c-9")
        #expect(flow.record[2].request.body == Array("grant_type=authorization_code&code=c-9&client_id=app".utf8))
        #expect(flow.tokens?.accessToken == "opaque-at")
        #expect(flow.record[0].decoded.location == "https://idp.example.org/login")
        #expect(session.notes.contains { $0.contains("no cookies") })
        #expect(session.notes.contains { $0.contains("Exported by Firefox") })
        #expect(session.entries.first { $0.url.contains("fonts.") }?.role == "unrelated")
    }

    @Test func aStateThatDoesNotComeBackIsTheMismatch() throws {
        let authorize =
            "https://idp.example.org/authorize?response_type=code&client_id=app&redirect_uri=https://app.example.com/cb&state=sent"
        let bytes = Self.har([
            Self.entry(
                "2026-11-30T10:00:00Z", "GET", authorize, status: 302, redirect: "https://idp.example.org/login"),
            Self.entry("2026-11-30T10:00:02Z", "GET", "https://app.example.com/cb?code=c&state=other", status: 200),
        ])
        let flow = AuthorizationCodeFlow.reopening(try SavedSession.read(bytes))
        guard case .failed(.signOn, .stateMismatch(let sent, let received)) = flow.phase else {
            Issue.record("no state mismatch: \(flow.phase)")
            return
        }
        #expect(sent == "sent")
        #expect(received == "other")
    }

    @Test func aHARWithoutTheSignInSaysWhatIsMissing() throws {
        let session = try SavedSession.read(
            Self.har([Self.entry("2026-11-30T10:00:00Z", "GET", "https://shop.example.com/", status: 200)]))
        #expect(session.exchanges.isEmpty)
        #expect(session.notes.contains { $0.contains("No authorize request") })
    }
}
