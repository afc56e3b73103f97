import Foundation
import TestSupport
import Testing

@testable import FlowEngine

/// The simulator's tokens, from a whole flow over loopback, through the inspector.
@Suite(.serialized) struct SimulatorInspectionTests {
    @Test(arguments: [SimulatorHarness.App.web, .spa])
    func theSimulatorsTokensPassEveryCheckDuringAFlow(app: SimulatorHarness.App) async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let (flow, outcome) = await harness.run(harness.configuration(app))
        #expect(outcome == .completed)

        let inspected = flow.inspectTokens(now: Date())
        let id = try #require(inspected.first { $0.name == "id_token" }?.inspection)
        #expect(id.kind?.kind == .idToken)
        #expect(id.signature?.isVerified == true, "\(String(describing: id.signature))")
        #expect(id.failures == [], "\(id.failures.map { "\($0.name): \($0.reason)" })")
        for name in ["signature", "iss", "aud", "sub", "exp", "iat", "nonce"] {
            #expect(id.check(name)?.outcome == .pass, "\(name): \(id.check(name)?.reason ?? "missing")")
        }
        for token in inspected {
            #expect(token.inspection.failures == [], "\(token.name): \(token.inspection.failures.map(\.reason))")
        }
    }

    @Test func theSameTokenWithAnotherExpectationFailsExactlyTheMatchingCheck() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let (flow, outcome) = await harness.run(harness.configuration(.web))
        #expect(outcome == .completed)
        let idToken = try #require(flow.tokens?.idToken)
        let keys = try JSONWebKeySet(json: try #require(flow.keySet))
        let inspector = TokenInspector(keys: keys, clientSecret: flow.configuration.clientSecret)
        let now = Date()
        let expected = flow.tokenExpectations(kind: .idToken, now: now)
        #expect(inspector.inspect(idToken, expecting: expected).failures == [])

        var otherNonce = expected
        otherNonce.nonce = "not-the-nonce-sent"
        #expect(inspector.inspect(idToken, expecting: otherNonce).failures.map(\.name) == ["nonce"])

        var otherAudience = expected
        otherAudience.clientID = "another-client"
        #expect(inspector.inspect(idToken, expecting: otherAudience).failures.map(\.name) == ["aud"])

        var otherAccessToken = expected
        otherAccessToken.accessToken = "another-access-token"
        let hashChecked = inspector.inspect(idToken, expecting: otherAccessToken)
        if hashChecked.token?.claims?["at_hash"] != nil {
            #expect(hashChecked.failures.map(\.name) == ["at_hash"])
        } else {
            Issue.record("the simulator's ID token has no at_hash to check")
        }
    }
}
