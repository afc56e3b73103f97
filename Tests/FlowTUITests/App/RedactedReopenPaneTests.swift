import FlowEngine
import Foundation
import TestSupport
import Testing

@testable import FlowTUI

/// A session saved redacted from the masked UI reopens with the same Tokens pane claims as the
/// live masked session; only the signature row differs, and says why.
@Suite struct RedactedReopenPaneTests: PaneReading {
    static let size = ReopenedSessionTests.size
    static let notCheckable = "not checkable: the signature was redacted when saved"

    /// The live masked demo, completed, and what `w` saves from it, opened again.
    static func liveAndReopened(_ name: String) throws -> (live: AppModel, reopened: AppModel, text: String) {
        var live = DemoFlow.model(at: .completed, size: size)
        #expect(live.isMasked)
        guard case .save(_, let text, let unmasked) = live.save(to: name) else {
            Issue.record("w did not save")
            return (live, live, "")
        }
        #expect(!unmasked)
        let session = try SavedSession.read(Array(text.utf8))
        var presentation = live.presentation
        presentation.readOnlySource = name
        let reopened = AppModel(
            flow: AuthorizationCodeFlow.reopening(session), presentation: presentation, size: size, now: live.now)
        return (live, reopened, text)
    }

    /// The pane's lines without those of the signature check.
    static func withoutSignature(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { !$0.contains("signature") }
    }

    @Test(arguments: ["session.json", "session.har"])
    func theTokensPaneShowsTheLiveClaimsAndSaysTheSignatureWasRedacted(name: String) throws {
        var (live, reopened, text) = try Self.liveAndReopened(name)
        let idToken = try #require(live.flow.tokens?.idToken)
        let parts = idToken.split(separator: ".")
        #expect(!text.contains(idToken) && !text.contains(String(parts[2])))
        #expect(reopened.flow.tokens?.idToken == "\(parts[0]).\(parts[1]).\(Redactor.mask)")
        DemoFlow.press(.character("4"), &live)
        DemoFlow.press(.character("4"), &reopened)
        while live.focus != .tokens {
            DemoFlow.press(.tab, &live)
            DemoFlow.press(.tab, &reopened)
        }
        let liveTokens = Self.text(live, .tokens)
        let reopenedTokens = Self.text(reopened, .tokens)
        #expect(liveTokens.contains("sub"))
        #expect(Self.withoutSignature(reopenedTokens) == Self.withoutSignature(liveTokens))
        let signatureRows = reopenedTokens.split(separator: "\n").filter { $0.contains("signature") }
        #expect(!signatureRows.isEmpty)
        #expect(signatureRows.contains { $0.contains(Self.notCheckable) }, "\(signatureRows)")
        #expect(!signatureRows.contains { $0.contains("✗") || $0.contains("✓") }, "\(signatureRows)")
        // The canvas: the same rows as live, but for the signature's.
        let expected = ReopenedSessionTests.paneRows(live)
        let actual = ReopenedSessionTests.paneRows(reopened)
        #expect(actual.count == expected.count)
        let differing = zip(expected, actual).filter { $0 != $1 }
        #expect(
            differing.allSatisfy {
                $0.0.contains("signature") || $0.1.contains("signature") || $0.1.contains("redacted")
            },
            "\(differing)")
    }
}
