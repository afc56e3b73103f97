import FlowEngine
import Foundation
import TestSupport
import Testing

/// Removing a parameter and changing the client authentication method: the request built is
/// the edited one, and the record keeps each change with the attempt it led to.
@Suite struct RequestEditTests {
    let now = Date(timeIntervalSince1970: 1_795_338_000)

    @Test func aRemovedParameterIsNotSentAndTheChangeIsRecorded() throws {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: .fixed(seed: 1))
        #expect(flow.readyStepSendsEveryParameter)
        let nonce = try #require(flow.nonce)
        flow.removeParameter("nonce")
        flow.removeParameter("not-there")
        let request = try #require(flow.pendingRequest(at: now))
        #expect(!request.url.contains("nonce="))
        #expect(request.url.contains("state="))
        #expect(flow.pendingChanges == [.parameterRemoved(name: "nonce", value: nonce)])
        #expect(
            AttemptChange.parameterRemoved(name: "nonce", value: "n-1").description(redactor: .none)
                == "parameter nonce removed (it was n-1)")
        #expect(
            AttemptChange.parameterRemoved(name: "client_secret", value: "s3cret-value")
                .description(redactor: Redactor(secrets: ["s3cret-value"]))
                == "parameter client_secret removed (it was ••••••)")
    }

    @Test func theMethodsOfferedAreThoseConfigured() {
        let withSecret = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: .fixed(seed: 1))
        #expect(
            withSecret.availableClientAuthentications == [
                .none, .clientSecretBasic, .clientSecretPost, .clientSecretJWT,
            ])
        let publicClient = AuthorizationCodeFlow(
            configuration: Fixture.configuration { $0.clientSecret = nil }, randomness: .fixed(seed: 1))
        #expect(publicClient.availableClientAuthentications == [.none])
        var flow = publicClient
        flow.changeClientAuthentication(to: .clientSecretPost)
        #expect(flow.configuration.clientAuthentication == publicClient.configuration.clientAuthentication)
        #expect(flow.pendingChanges.isEmpty)
    }

    @Test func aChangedMethodIsRecordedAndUsed() {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: .fixed(seed: 1))
        let before = flow.configuration.clientAuthentication
        flow.changeClientAuthentication(to: .clientSecretPost)
        #expect(flow.configuration.clientAuthentication == .clientSecretPost)
        #expect(flow.pendingChanges == [.clientAuthenticationChanged(from: before, to: .clientSecretPost)])
        #expect(
            flow.pendingChanges[0].description(redactor: .none)
                == "client authentication changed: \(before.rawValue) → CLIENT_SECRET_POST")
        #expect(flow.pendingChanges[0].kind == "client_authentication_changed")
    }
}
