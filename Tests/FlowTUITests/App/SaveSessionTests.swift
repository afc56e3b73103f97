import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// `w`: a prompt for the file name (its extension picks the format), then the session as that
/// format, masked as the screen is, written by the session loop with mode 0600.
@Suite struct SaveSessionTests {
    static func clearField(_ model: inout AppModel) {
        _ = DemoFlow.press(.control("u"), &model)
        _ = DemoFlow.press(.end, &model)
        _ = DemoFlow.press(.control("u"), &model)
    }

    @Test func wPromptsForAFileAndSavesTheFormatItsExtensionNames() throws {
        var model = DemoFlow.model(at: .tokenReady, size: Size(columns: 120, rows: 40))
        _ = DemoFlow.press(.character("w"), &model)
        guard case .saveSession(let field) = model.overlay else {
            Issue.record("w did not open the save prompt: \(String(describing: model.overlay))")
            return
        }
        #expect(field.text == AppModel.defaultSaveName)
        #expect(DemoFlow.render(model).text.contains("Save the session"))
        Self.clearField(&model)
        DemoFlow.type("ticket.txt", &model)
        #expect(DemoFlow.press(.enter, &model) == .none)
        #expect(model.notice?.contains(".har, .md, .sh or .json") == true)
        #expect(model.overlay != nil)

        Self.clearField(&model)
        DemoFlow.type("session.har", &model)
        let command = DemoFlow.press(.enter, &model)
        guard case .save(let path, let text, let unmasked) = command else {
            Issue.record("enter did not ask to save: \(command)")
            return
        }
        #expect(path == "session.har")
        #expect(!unmasked)
        #expect(model.overlay == nil)
        let har = try JSONValue.parse(text)
        #expect(har["log"]?["entries"]?.elements?.count == model.flow.record.count)
        #expect(!text.contains(DemoFlow.clientSecret))
        #expect(!text.contains(DemoFlow.sessionCookie))
        #expect(har["log"]?["comment"]?.stringValue == "authflow: the flow is under way")
        _ = model.update(.saveFinished(path: path, unmasked: false, error: nil))
        #expect(model.notice == "Saved session.har (mode 0600), secrets masked.")
        // The prompt offers the last name again.
        _ = DemoFlow.press(.character("w"), &model)
        guard case .saveSession(let again) = model.overlay else {
            Issue.record("w did not open the save prompt again")
            return
        }
        #expect(again.text == "session.har")
    }

    @Test func unmaskedSavesSaySoAndFailuresAreNoticed() {
        var model = DemoFlow.model(at: .tokenReady, size: Size(columns: 120, rows: 40))
        _ = DemoFlow.press(.character("m"), &model)
        _ = DemoFlow.press(.character("w"), &model)
        Self.clearField(&model)
        DemoFlow.type("s.json", &model)
        guard case .save(_, let text, let unmasked) = DemoFlow.press(.enter, &model) else {
            Issue.record("enter did not ask to save")
            return
        }
        #expect(unmasked)
        #expect(text.contains(DemoFlow.sessionCookie))
        _ = model.update(.saveFinished(path: "s.json", unmasked: true, error: nil))
        #expect(model.notice?.contains("secrets SHOWN") == true)
        _ = model.update(.saveFinished(path: "/nope/s.json", unmasked: false, error: "cannot write: \u{1B}[2J"))
        #expect(model.notice?.hasPrefix("Could not save /nope/s.json") == true)
        #expect(model.notice?.contains("\u{1B}") == false)
    }

    @Test func theWriterCreatesMode0600AndNarrowsAnExistingFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("authflow-\(UUID().uuidString).md")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data("old and longer".utf8)))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try SessionFileWriter.write("new", to: path)
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(throws: SessionFileWriteError.self) { try SessionFileWriter.write("x", to: "/nonexistent-dir/x.md") }
    }
}
