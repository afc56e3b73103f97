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

    /// The pane's lines without those of the checks that need the whole token (the signature, and
    /// `at_hash`, a hash of the whole access token), from the list of passing checks too.
    static func withoutSignature(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).compactMap { line in
            guard line.hasPrefix("  ✓ ") else {
                return line.contains("signature") || line.contains("at_hash") ? nil : line
            }
            let names = line.dropFirst(4).components(separatedBy: ", ").filter { $0 != "signature" && $0 != "at_hash" }
            return "  ✓ " + names.joined(separator: ", ")
        }
    }

    /// The rightmost column of the canvas rows (the Tokens pane), without the rows the signature
    /// fills or changes.
    static func tokensColumn(_ rows: [String]) -> [String] {
        rows.compactMap { row -> String? in
            let parts = row.split(separator: "│", omittingEmptySubsequences: false)
            guard parts.count >= 2 else { return nil }
            let cell = String(parts[parts.count - 2])
            let skipped = ["signature", "when saved", "Tokens", "✓"]
            return skipped.contains { cell.contains($0) } ? nil : cell
        }
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
        // The canvas: the signature row says why, with no verdict; the claims are the live ones.
        let liveRows = ReopenedSessionTests.paneRows(live)
        let rows = ReopenedSessionTests.paneRows(reopened)
        #expect(rows.contains { $0.contains("– signature") }, "\(rows.joined(separator: "\n"))")
        #expect(rows.contains { $0.contains("not checkable: the signature was redacted") })
        #expect(rows.contains { $0.contains("checked, signatures redacted") })
        #expect(!rows.contains { $0.contains("✗") }, "\(rows.joined(separator: "\n"))")
        let expected = Self.tokensColumn(liveRows)
        let actual = Self.tokensColumn(rows)
        #expect(actual.count >= 8)
        #expect(
            Array(expected.prefix(actual.count)) == actual,
            "\(lineDiff(expected: expected.joined(separator: "\n"), actual: actual.joined(separator: "\n")))")
    }
}
