import FlowEngine
import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// A second sign-in with the first one's cookies and `prompt=login`: the simulator asks for the
/// password only (PASSWORD_REQUIRED), the engine answers it, and the flow completes.
@Suite struct RunnerReauthenticationTests {
    func amr(of flow: AuthorizationCodeFlow) -> [String]? {
        flow.tokens?.decoded.first { $0.name == "id_token" }?.jwt?.claims?["amr"]?.elements?.compactMap(\.stringValue)
    }

    @Test func promptLoginAfterASignOnAsksForThePasswordAndCompletes() async throws {
        let harness = try await SimulatorHarness.start()
        defer { Task { await harness.stop() } }
        let runner = FlowRunner(transport: harness.transport)
        var first = AuthorizationCodeFlow(configuration: harness.configuration(.web), randomness: .system)
        #expect(await runner.run(&first) == .completed)

        var second = AuthorizationCodeFlow(configuration: harness.configuration(.web), randomness: .system)
        second.keepBrowserCookies(of: first)
        second.editParameter("prompt", to: "login")
        let outcome = await runner.run(&second)
        #expect(outcome == .completed)
        #expect(
            second.record.map(\.action) == [
                .authorize(sentBy: .authflow(.get)), .readFlow, .checkCredentials, .resume, .redeemCode, .fetchKeys,
            ])
        #expect(second.record.first { $0.action == .readFlow }?.decoded.flowStatus == "PASSWORD_REQUIRED")
        #expect(amr(of: second) == ["pwd"])

        // Without prompt=login the live session signs on again without any Flow API call (SSO).
        var third = AuthorizationCodeFlow(configuration: harness.configuration(.web), randomness: .system)
        third.keepBrowserCookies(of: second)
        #expect(await runner.run(&third) == .completed)
        #expect(!third.record.contains { $0.action == .readFlow })
    }
}
