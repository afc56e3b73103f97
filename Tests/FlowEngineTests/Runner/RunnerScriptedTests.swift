import FlowEngine
import Foundation
import TestSupport
import Testing

/// The runner against a scripted transport that expects requests in order.
@Suite struct RunnerScriptedTests {
    let env = "\(Fixture.base)/\(Fixture.environment)"

    @Test func runsTheFlowAgainstTheScriptInOrder() async throws {
        // The state is only known once the flow exists, so the resume reply is built from it.
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: .fixed(seed: 9))
        let transport = ScriptedTransport([
            .init(
                expectMethod: "GET", expectURLPrefix: "\(env)/as/authorize?response_type=code",
                reply: .success(
                    .redirect(
                        "https://apps.pingone.com/\(Fixture.environment)/signon/?flowId=f1",
                        headers: [HTTPHeader("Set-Cookie", "ST=st; Path=/; Secure")]))),
            .init(
                expectMethod: "GET", expectURLPrefix: "\(env)/flows/f1",
                reply: .success(.json(200, "OK", #"{"id":"f1","status":"USERNAME_PASSWORD_REQUIRED"}"#))),
            .init(
                expectMethod: "POST", expectURLPrefix: "\(env)/flows/f1",
                reply: .success(.json(200, "OK", #"{"id":"f1","status":"COMPLETED"}"#))),
            .init(
                expectMethod: "GET", expectURLPrefix: "\(env)/as/resume?flowId=f1",
                reply: .success(.redirect("\(Fixture.redirect)?code=c1&state=\(flow.state)"))),
            .init(
                expectMethod: "POST", expectURLPrefix: "\(env)/as/token",
                reply: .success(.json(200, "OK", #"{"access_token":"a","token_type":"Bearer","expires_in":3600}"#))),
            .init(
                expectMethod: "GET", expectURLPrefix: "\(env)/as/jwks",
                reply: .success(.json(200, "OK", #"{"keys":[]}"#))),
        ])
        let outcome = await FlowRunner(transport: transport, now: { Fixture.now }).run(&flow)
        #expect(outcome == .completed)
        #expect(transport.remaining == 0)
        #expect(transport.received.map(\.method) == ["GET", "GET", "POST", "GET", "POST", "GET"])
        #expect(flow.tokens?.accessToken == "a")
    }

    /// The same refusal in two wordings (a detail targeting `redirect_uri`, or only a message) gets the same
    /// description and cause; text that is not PingOne JSON is shown as received.
    @Test(arguments: [
        (
            #"{"id":"e1","code":"INVALID_REQUEST","details":[{"code":"INVALID_VALUE","target":"redirect_uri","message":"not registered"}]}"#,
            true
        ),
        (#"{"id":"e2","code":"INVALID_REQUEST","message":"Redirect URI mismatch"}"#, true),
        ("something went wrong", false),
    ])
    func anAuthorizeErrorOnTheSignOnPageIsDecoded(error: String, isRedirectURI: Bool) async throws {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: .fixed(seed: 9))
        let encoded = error.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let transport = ScriptedTransport([
            .init(
                expectMethod: "GET", expectURLPrefix: "\(env)/as/authorize?response_type=code",
                reply: .success(.redirect("https://apps.pingone.com/\(Fixture.environment)/signon/?error=\(encoded)")))
        ])
        let outcome = await FlowRunner(transport: transport, now: { Fixture.now }).run(&flow)
        guard case .failed(.authorize, let failure) = outcome,
            case .authorizeRefused(_, let decoded, let text) = failure
        else {
            Issue.record("expected authorize to be refused, got \(outcome)")
            return
        }
        #expect(text == error)
        #expect((decoded != nil) == error.hasPrefix("{"))
        #expect(
            failure.description.hasPrefix("redirect URI mismatch: PingOne refused the redirect_uri \(Fixture.redirect)")
                == isRedirectURI)
        #expect(failure.likelyCause?.contains("Redirect URIs") == isRedirectURI)
        if !isRedirectURI { #expect(failure.description.contains(error)) }
    }

    @Test func aTransportErrorStopsTheRunAtThatStep() async {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: .fixed())
        let transport = ScriptedTransport([
            .init(
                expectMethod: "GET", expectURLPrefix: "\(env)/as/authorize",
                reply: .failure(.hostNotFound("auth.pingone.com")))
        ])
        let outcome = await FlowRunner(transport: transport, now: { Fixture.now }).run(&flow)
        #expect(outcome == .failed(.authorize, .transport(.hostNotFound("auth.pingone.com"))))
        #expect(flow.record.count == 1)
        #expect(flow.record[0].failure == .transport(.hostNotFound("auth.pingone.com")))
    }

    @Test func aMissingPasswordStopsAtSignOnWithoutAsking() async {
        var flow = AuthorizationCodeFlow(
            configuration: Fixture.configuration { $0.password = nil }, randomness: .fixed())
        let transport = ScriptedTransport([
            .init(
                expectMethod: "GET", expectURLPrefix: "\(env)/as/authorize",
                reply: .success(.redirect("https://apps.pingone.com/e/signon/?flowId=f1"))),
            .init(
                expectMethod: "GET", expectURLPrefix: "\(env)/flows/f1",
                reply: .success(.json(200, "OK", #"{"id":"f1","status":"USERNAME_PASSWORD_REQUIRED"}"#))),
        ])
        let outcome = await FlowRunner(transport: transport, now: { Fixture.now }).run(&flow)
        #expect(outcome == .failed(.signOn, .missingCredentials))
    }
}
