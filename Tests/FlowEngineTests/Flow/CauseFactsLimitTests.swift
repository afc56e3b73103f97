import Foundation
import Testing

@testable import FlowEngine

/// Rate limits and server faults: the cause quotes the response's own Retry-After and
/// Correlation-Id, PingOne's wording only for PingOne's errors.
struct CauseFactsLimitTests {
    /// A record of one failed Flow API read, answered `status` with `headers` and `body`.
    static func record(status: Int, headers: [HTTPHeader], body: String, failure: FlowFailure) -> [StepRecord] {
        var entry = StepRecord(
            step: .signOn, action: .readFlow,
            request: HTTPRequest(method: "GET", url: "https://auth.pingone.com/e/flows/f1"), sentAt: Fixture.now)
        entry.response = HTTPResponse(status: status, reason: "", headers: headers, body: Array(body.utf8))
        entry.decoded.correlationID = headers.first { $0.name == "Correlation-Id" }?.value
        if case .pingOneError(_, let error) = failure { entry.decoded.pingOneError = error }
        entry.failure = failure
        return [entry]
    }

    static func cause(_ record: [StepRecord], pingOne: Bool = true) -> String? {
        let configuration = Fixture.configuration {
            if !pingOne { $0.discoveredEndpoints = CauseFactsTests.generic }
        }
        return record.last?.failure?.likelyCause(
            CauseFacts(configuration: configuration, record: record, index: record.count - 1))
    }

    @Test func requestLimitedSaysHowLongToWaitFromRetryAfter() {
        let error = PingOneError(id: "c1", code: "REQUEST_LIMITED", message: "Too many requests", details: [])
        let record = Self.record(
            status: 429, headers: [HTTPHeader("Retry-After", "90")], body: "{}",
            failure: .pingOneError(status: 429, error))
        #expect(
            Self.cause(record)
                == "PingOne's rate limit for this environment was exceeded: wait 90 seconds (Retry-After: 90), then retry."
        )
        // Without the header, the general words.
        let bare = Self.record(status: 429, headers: [], body: "{}", failure: .pingOneError(status: 429, error))
        #expect(Self.cause(bare)?.contains("wait the Retry-After seconds") == true)
    }

    @Test func unexpectedErrorNamesItsCorrelationID() {
        let error = PingOneError(id: "5a3e", code: "UNEXPECTED_ERROR", message: "Unexpected", details: [])
        let record = Self.record(
            status: 500, headers: [HTTPHeader("Correlation-Id", "5a3e-77")], body: "{}",
            failure: .pingOneError(status: 500, error))
        #expect(Self.cause(record)?.hasSuffix("give PingOne support this Correlation-Id: 5a3e-77.") == true)
        // The error's id stands in when the header is missing (they are equal on PingOne).
        let idOnly = Self.record(status: 500, headers: [], body: "{}", failure: .pingOneError(status: 500, error))
        #expect(Self.cause(idOnly)?.hasSuffix("this Correlation-Id: 5a3e.") == true)
    }

    @Test func anotherProvidersLimitAndFaultAreWordedWithoutPingOne() {
        let limited = Self.record(
            status: 429, headers: [HTTPHeader("Retry-After", "300")], body: "slow down",
            failure: .unexpectedStatus(got: 429, expected: "200 with tokens"))
        let limit = Self.cause(limited, pingOne: false)
        #expect(
            limit
                == "The server is limiting requests (429 Too Many Requests): wait 5 minutes (its Retry-After), then retry."
        )
        let fault = Self.record(
            status: 502, headers: [], body: "bad gateway", failure: .unexpectedStatus(got: 502, expected: "200"))
        let faultCause = Self.cause(fault, pingOne: false)
        #expect(faultCause?.contains("A fault inside the server (502)") == true)
        #expect(faultCause?.contains("PingOne") == false)
        #expect(limit?.contains("PingOne") == false)
    }
}

/// `iss` and `aud` failures of the ID token: named from the token's claims against what the run
/// configured, PingOne's words only on PingOne.
struct CauseFactsIssuerTests {
    @Test func anIssuerFromAnotherHostNamesTheCustomDomainOnPingOneOnly() {
        var facts = CauseFacts(step: .inspect, isPingOne: true)
        facts.expectedIssuer = "https://auth.pingone.com/env/as"
        facts.tokenIssuer = "https://login.example.com/as"
        let failure = FlowFailure.tokenChecksFailed(["id_token iss"])
        let pingOne = failure.likelyCause(facts)
        #expect(
            pingOne?.hasPrefix(
                "The ID token's iss is https://login.example.com/as, not https://auth.pingone.com/env/as") == true)
        #expect(pingOne?.contains("custom domain") == true)
        facts.isPingOne = false
        let neutral = failure.likelyCause(facts)
        #expect(neutral?.contains("discovery document") == true)
        #expect(neutral?.contains("custom domain") == false)
        facts.tokenIssuer = facts.expectedIssuer
        #expect(failure.likelyCause(facts) == nil, "the same issuer is not the cause")
    }

    @Test func anAudienceOfAnotherClientIsNamed() {
        var facts = CauseFacts(step: .inspect, isPingOne: true)
        facts.clientID = "my-app"
        facts.tokenAudiences = ["other-app"]
        let failure = FlowFailure.tokenChecksFailed(["id_token aud"])
        let pingOne = failure.likelyCause(facts)
        #expect(pingOne?.hasPrefix("The ID token's aud is other-app, not this client_id my-app") == true)
        #expect(pingOne?.contains("--env") == true)
        facts.isPingOne = false
        #expect(failure.likelyCause(facts)?.contains("--env") == false)
        facts.tokenAudiences = ["other-app", "my-app"]
        #expect(failure.likelyCause(facts) == nil, "an aud that contains the client is not this cause")
    }
}

/// UserInfo refused after this run signed off: the sign-off is named, not a generic refusal.
struct CauseFactsSignOffTests {
    @Test(arguments: [
        FlowFailure.oauthError(OAuthError(error: "invalid_token")),
        FlowFailure.unexpectedStatus(got: 401, expected: "200"),
    ])
    func userInfoAfterSignOffNamesTheSignOff(_ failure: FlowFailure) {
        var facts = CauseFacts(step: .userInfo)
        facts.endedBy = .signOff
        #expect(failure.likelyCause(facts)?.hasPrefix("Step 10 Sign off ended the session earlier in this run") == true)
    }
}
