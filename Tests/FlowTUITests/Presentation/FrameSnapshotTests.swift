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
        private var bodies = 0

        var requestsBuilt: Int { lock.withLock { builds } }
        var tokensInspected: Int { lock.withLock { inspections } }
        var bodiesSanitised: Int { lock.withLock { bodies } }

        var sources: FrameSources {
            FrameSources(
                pendingRequest: { flow, now in
                    self.lock.withLock { self.builds += 1 }
                    return FrameSources.live.pendingRequest(flow, now)
                },
                inspectTokens: { flow, now in
                    self.lock.withLock { self.inspections += 1 }
                    return FrameSources.live.inspectTokens(flow, now)
                },
                bodyLines: { safe, bytes in
                    self.lock.withLock { self.bodies += 1 }
                    return FrameSources.live.bodyLines(safe, bytes)
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

    @Test func ticksWithinOneSecondInspectNothingAndSignNothing() {
        var model = ProtocolVariantTests.modelAtToken(
            ProtocolVariantTests.configuration(authentication: .clientSecretJWT))
        let counts = Counts()
        model.frameSources = counts.sources
        _ = model.update(.ticked(DemoFlow.date(7)))
        #expect(counts.requestsBuilt == 2)
        // Ten ticks a second while a request is on the wire: the same second keeps the assertion.
        for tenth in 1...9 { _ = model.update(.ticked(DemoFlow.date(7 + Double(tenth) / 10))) }
        #expect(counts.requestsBuilt == 2, "ticks within one second signed no new assertion")
        #expect(model.frame.now == DemoFlow.date(7.9), "the snapshot's clock is the model's")
        _ = model.update(.ticked(DemoFlow.date(8)))
        #expect(counts.requestsBuilt == 3, "the next second builds the request again")

        var completed = DemoFlow.completedWithRefreshToken()
        let tokenCounts = Counts()
        completed.frameSources = tokenCounts.sources
        _ = completed.update(.ticked(DemoFlow.date(20)))
        #expect(tokenCounts.tokensInspected == 2)
        for tenth in 1...9 { _ = completed.update(.ticked(DemoFlow.date(20 + Double(tenth) / 10))) }
        #expect(tokenCounts.tokensInspected == 2, "ticks within one second checked no token again")
        let screen = DemoFlow.render(completed).text
        _ = completed.update(.ticked(DemoFlow.date(21)))
        #expect(tokenCounts.tokensInspected == 3)
        #expect(screen.contains("✓ signature"))
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

    /// A long body, shown in the Response pane (focused) of a 120×40 screen, with counting sources.
    static func modelShowingALongBody() -> (AppModel, Counts) {
        var model = DemoFlow.model()
        let body = (0..<400).map { #"{"line":\#($0),"text":"some words to wrap in the pane"}"# }.joined(separator: "\n")
        DemoFlow.send(&model, answer: HTTPResponse(status: 200, reason: "OK", body: Array(body.utf8)))
        model.focus = .response
        let counts = Counts()
        model.frameSources = counts.sources
        return (model, counts)
    }

    @Test func framesAndScrollKeysLayOutNothing() {
        var (model, counts) = Self.modelShowingALongBody()
        #expect(model.focus == .response)
        #expect(counts.bodiesSanitised == 1, "laid out once when the sources are set")
        let lineCount = model.pane(.response).lines.count
        #expect(lineCount > 400)
        let first = DemoFlow.render(model)
        for _ in 0..<5 { #expect(DemoFlow.render(model).text == first.text) }
        // A scroll key moves the window: it counts lines without laying the pane out.
        DemoFlow.press(.character("j"), &model)
        DemoFlow.press(.character("G"), &model)
        DemoFlow.press(.pageUp, &model)
        let scrolled = DemoFlow.render(model)
        #expect(scrolled.text != first.text)
        #expect(scrolled.text.contains("/\(lineCount)"))
        #expect(counts.bodiesSanitised == 1, "frames and scroll keys sanitised no body")
        #expect(counts.requestsBuilt == 1, "frames and scroll keys built no request")
        #expect(counts.tokensInspected == 0)
        // A tick makes a new snapshot; the body, its mask and its width are the same: kept.
        _ = model.update(.ticked(DemoFlow.date(30)))
        #expect(counts.requestsBuilt == 2)
        #expect(counts.bodiesSanitised == 1)
        // Another mask or another width lays the body out again, once.
        DemoFlow.press(.character("m"), &model)
        #expect(counts.bodiesSanitised == 2)
        _ = model.update(.resized(Size(columns: 150, rows: 40)))
        #expect(counts.bodiesSanitised == 3)
        _ = DemoFlow.render(model)
        #expect(counts.bodiesSanitised == 3)
    }

    @Test func theLaidOutPanesAreTheOnesAFrameWouldMake() {
        var (model, _) = Self.modelShowingALongBody()
        DemoFlow.press(.character("j"), &model)
        _ = model.update(.ticked(DemoFlow.date(30)))
        for size in [Size(columns: 120, rows: 40), Size(columns: 80, rows: 24), Size(columns: 200, rows: 60)] {
            _ = model.update(.resized(size))
            let widths = AppLayout(size: size)
            for pane in Pane.allCases {
                var body: BodyLayout?
                let fresh = PaneLayouts.content(pane, of: model.frame, width: widths.body(pane).width, body: &body)
                #expect(model.pane(pane) == fresh, "\(pane) at \(size)")
            }
        }
    }

    @Test func aCanvasOfAnotherSizeIsLaidOutForItsOwnSize() {
        let (model, counts) = Self.modelShowingALongBody()
        var canvas = Canvas(size: Size(columns: 100, rows: 30))
        model.render(into: &canvas)
        #expect(canvas.text.contains("Response"))
        #expect(counts.requestsBuilt == 1, "no request built for another size either")
    }

    @Test func tooSmallLaysOutNothingAndComesBack() {
        var (model, counts) = Self.modelShowingALongBody()
        _ = model.update(.resized(Size(columns: 50, rows: 10)))
        #expect(model.layouts.size == nil)
        #expect(counts.bodiesSanitised == 1)
        _ = model.update(.resized(Size(columns: 120, rows: 40)))
        #expect(model.layouts.size == Size(columns: 120, rows: 40))
        #expect(counts.bodiesSanitised == 1, "the body kept its layout for the same width")
    }
}
