import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// The frame's costly parts (the request being built, signed assertions, token checks) are made
/// once per model change, in `update`, never while rendering.
struct FrameSnapshotTests {
    /// Sources that count their calls and hand on to the engine.
    final class Counts: @unchecked Sendable {
        private let lock = NSLock()
        private var builds = 0
        private var inspections = 0

        var requestsBuilt: Int { lock.withLock { builds } }
        var tokensInspected: Int { lock.withLock { inspections } }

        var sources: FrameSources {
            FrameSources(
                pendingRequest: { flow, now in
                    self.lock.withLock { self.builds += 1 }
                    return FrameSources.live.pendingRequest(flow, now)
                },
                inspectTokens: { flow, now in
                    self.lock.withLock { self.inspections += 1 }
                    return FrameSources.live.inspectTokens(flow, now)
                })
        }
    }

    @Test func renderingBuildsNoRequestAndSignsNothing() {
        // client_secret_jwt: every build of the token request signs a fresh client assertion.
        var model = ProtocolVariantTests.modelAtToken(
            ProtocolVariantTests.configuration(authentication: .clientSecretJWT))
        let counts = Counts()
        model.frameSources = counts.sources
        #expect(counts.requestsBuilt == 1, "the snapshot is built when the sources are set")
        #expect(model.frame.pendingRequest?.formParameters.value("client_assertion") != nil)
        let first = DemoFlow.render(model)
        for pane in Pane.allCases { _ = model.pane(pane) }
        #expect(DemoFlow.render(model) == first)
        #expect(counts.requestsBuilt == 1, "rendering and laying out panes built no request")
        // Keys that change only the view keep the snapshot.
        DemoFlow.press(.tab, &model)
        DemoFlow.press(.character("j"), &model)
        #expect(counts.requestsBuilt == 1)
        // The clock moving on changes the assertion's iat: one new build, however many frames.
        _ = model.update(.ticked(DemoFlow.date(60)))
        #expect(counts.requestsBuilt == 2)
        _ = DemoFlow.render(model)
        _ = DemoFlow.render(model)
        #expect(counts.requestsBuilt == 2)
        #expect(counts.tokensInspected == 0, "no tokens yet: nothing to check")
    }

    @Test func tokensAreCheckedOncePerChangeNotPerFrame() {
        var model = DemoFlow.completedWithRefreshToken()
        let counts = Counts()
        model.frameSources = counts.sources
        #expect(counts.tokensInspected == 1)
        #expect(model.frame.inspectedTokens.map(\.name).contains("id_token"))
        let screen = DemoFlow.render(model).text
        _ = DemoFlow.render(model)
        #expect(screen.contains("✓ signature"))
        #expect(counts.tokensInspected == 1, "rendering checked no signature")
        _ = model.update(.ticked(DemoFlow.date(5)))
        #expect(counts.tokensInspected == 2)
    }

    @Test func theSnapshotFollowsTheMask() {
        var model = DemoFlow.model(at: .tokenReady, size: Size(columns: 120, rows: 40))
        #expect(model.frame.redactor != .none)
        DemoFlow.press(.character("m"), &model)
        #expect(model.frame.redactor == .none)
        #expect(model.redactor == .none)
    }

    @Test func aPaneIsAFunctionOfTheSnapshotAlone() {
        var model = DemoFlow.model(at: .tokenReady, size: Size(columns: 120, rows: 40))
        let frame = model.frame
        let request = RequestPane.lines(frame, width: 60)
        let tokens = TokensPane.lines(frame, width: 60)
        #expect(request.subtitle == "being built")
        #expect(request.lines.contains { $0.plainText.hasPrefix("POST ") })
        #expect(tokens.lines.map(\.plainText) == ["No tokens yet: they arrive at step 4."])
        // The model moves on; the snapshot taken before still lays out the same panes.
        DemoFlow.send(&model, answer: DemoFlow.tokens(nonce: model.flow.nonce))
        #expect(model.frame != frame)
        #expect(RequestPane.lines(frame, width: 60) == request)
        #expect(TokensPane.lines(frame, width: 60) == tokens)
        #expect(TokensPane.lines(model.frame, width: 60) != tokens)
    }
}
