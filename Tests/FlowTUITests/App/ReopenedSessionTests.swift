import FlowEngine
import Foundation
import TestSupport
import Testing

@testable import FlowTUI

/// `authflow open`: a saved session shows the same Decoded and Tokens panes as the live one, and
/// the keys that would send say why they do nothing.
@Suite struct ReopenedSessionTests: PaneReading {
    static let size = Size(columns: 120, rows: 40)

    /// The live demo, completed, and the same session saved in `format` and opened again.
    static func liveAndReopened(_ format: ExportFormat) throws -> (live: AppModel, reopened: AppModel) {
        let live = DemoFlow.model(at: .completed, size: size)
        let text = SessionExport(flow: live.flow).text(format, redactor: .none)
        let session = try SavedSession.read(Array(text.utf8))
        var presentation = live.presentation
        presentation.readOnlySource = "session.\(format.rawValue)"
        let reopened = AppModel(
            flow: AuthorizationCodeFlow.reopening(session), presentation: presentation, size: size, now: live.now)
        return (live, reopened)
    }

    /// The canvas rows of the Decoded and Tokens panes (and the steps beside them), from their
    /// titles to above the footer. (The Response pane above may differ: the JSON record keeps a
    /// JSON body as JSON, not as the bytes that came.)
    static func paneRows(_ model: AppModel) -> [String] {
        var canvas = Canvas(size: size)
        model.render(into: &canvas)
        let rows = canvas.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let titles = rows.firstIndex { $0.contains("Decoded") && $0.contains("Tokens") } ?? rows.count
        return Array(rows[titles...].dropLast(3))
    }

    /// A file that does not show how the client authenticated says so in the header, instead of
    /// naming the default method.
    @Test func anUnknownClientAuthenticationIsSaidNotGuessed() throws {
        let (_, reopened) = try Self.liveAndReopened(.json)
        func header(_ model: AppModel) -> String {
            var canvas = Canvas(size: Self.size)
            model.render(into: &canvas)
            return String(canvas.text.split(separator: "\n").first ?? "")
        }
        let method = reopened.flow.configuration.clientAuthentication.rawValue
        #expect(header(reopened).contains(method))
        var presentation = reopened.presentation
        presentation.clientAuthenticationUnknown = true
        let unknown = AppModel(flow: reopened.flow, presentation: presentation, size: Self.size, now: reopened.now)
        #expect(header(unknown).contains("auth method not in file"))
        #expect(!header(unknown).contains(method))
    }

    @Test(arguments: [ExportFormat.json, .har])
    func eachStepShowsTheSameDecodedAndTokensPanes(format: ExportFormat) throws {
        var (live, reopened) = try Self.liveAndReopened(format)
        #expect(Self.text(reopened, .tokens).contains("id_token"))
        #expect(Self.paneRows(reopened).count > 10)
        for key in ["1", "2", "3", "4", "5"] {
            DemoFlow.press(.character(Character(key)), &live)
            DemoFlow.press(.character(Character(key)), &reopened)
            #expect(Self.text(reopened, .decoded) == Self.text(live, .decoded), "step \(key)")
            #expect(Self.text(reopened, .tokens) == Self.text(live, .tokens), "step \(key)")
            for pane in [Pane.decoded, .tokens] {
                while live.focus != pane {
                    DemoFlow.press(.tab, &live)
                    DemoFlow.press(.tab, &reopened)
                }
                let expected = Self.paneRows(live)
                let actual = Self.paneRows(reopened)
                #expect(
                    actual == expected,
                    "step \(key), \(pane): \(lineDiff(expected: expected.joined(separator: "\n"), actual: actual.joined(separator: "\n")))"
                )
            }
        }
    }

    @Test func keysThatWouldSendSayTheSessionIsReadOnly() throws {
        var (live, reopened) = try Self.liveAndReopened(.json)
        #expect(reopened.notice == "Read-only: session.json, \(live.flow.record.count) requests.")
        for key in [Key.character("n"), .enter, .character("r"), .character("x"), .character("u"), .character("e")] {
            let before = reopened.flow
            #expect(DemoFlow.press(key, &reopened) == .none)
            #expect(reopened.notice?.hasPrefix("Read-only: session.json") == true, "\(key)")
            #expect(reopened.flow == before)
        }
        let footerKeys = Set(reopened.keyBar.bindings.flatMap { $0.keys.split(separator: " ").map(String.init) })
        #expect(footerKeys.isDisjoint(with: ["n", "enter", "e", "r", "x", "l", "u", "i", "f", "v", "s"]))
        #expect(footerKeys.contains("q"))
        #expect(DemoFlow.press(.character("q"), &reopened) == .quit)
        // Viewing, masking and saving still work.
        DemoFlow.press(.character("2"), &reopened)
        #expect(reopened.viewedStep == .signOn)
        DemoFlow.press(.character("w"), &reopened)
        #expect(reopened.overlay != nil)
    }
}
