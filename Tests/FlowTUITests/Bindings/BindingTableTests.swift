import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// The key table against docs/key-bindings.md, and the table driving the footer, help and notices.
struct BindingTableTests {
    /// docs/key-bindings.md in the source tree.
    static let documentURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Bindings
        .deletingLastPathComponent()  // FlowTUITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()
        .appendingPathComponent("docs/key-bindings.md")

    /// A row of a key table in the document: its heading, the keys it names, and what it says they do.
    struct DocumentedRow {
        var heading: String
        var keys: [String]
        var meaning: String
    }

    /// The rows of the tables under "## Main screen", up to the next "## " heading.
    ///
    /// The first cell names keys in backticks, separated by commas; "`0` … `9`" is a range.
    static func mainScreenRows(_ text: String) -> [DocumentedRow] {
        var rows: [DocumentedRow] = []
        var inMainScreen = false
        var heading = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("## ") {
                inMainScreen = line == "## Main screen"
                continue
            }
            guard inMainScreen else { continue }
            if line.hasPrefix("### ") {
                heading = String(line.dropFirst(4))
                continue
            }
            guard line.hasPrefix("| `") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 3 else { continue }
            rows.append(DocumentedRow(heading: heading, keys: keyNames(cells[1]), meaning: cells[2]))
        }
        return rows
    }

    /// The keys a table cell names: "`n`, `enter`" → n, enter; "`0` … `9`" → 0 through 9.
    static func keyNames(_ cell: String) -> [String] {
        let parts = cell.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        // Odd positions are inside backticks; what lies between two of them says list or range.
        var names: [String] = []
        var index = 1
        while index < parts.count {
            let name = parts[index]
            let between = index + 1 < parts.count ? parts[index + 1].trimmingCharacters(in: .whitespaces) : ""
            if between == "…", index + 2 < parts.count, let low = Int(name), let high = Int(parts[index + 2]) {
                names += (low...high).map(String.init)
                index += 4
            } else {
                names.append(name)
                index += 2
            }
        }
        return names
    }

    @Test func theRowParserReadsListsAndRanges() {
        #expect(Self.keyNames("`n`, `enter`") == ["n", "enter"])
        #expect(Self.keyNames("`0` … `9`") == (0...9).map(String.init))
        #expect(Self.keyNames("`[`, `]`") == ["[", "]"])
        let rows = Self.mainScreenRows(
            "## Main screen\n### View\n| key | it |\n| --- | --- |\n| `m` | Mask. |\n## Dialogs\n| `q` | x |")
        #expect(rows.map(\.keys) == [["m"]])
        #expect(rows.first?.heading == "View")
    }

    @Test func everyKeyOfTheTableIsDocumentedUnderItsSectionAndNoneElse() throws {
        let text = try String(contentsOf: Self.documentURL, encoding: .utf8)
        let rows = Self.mainScreenRows(text)
        #expect(rows.count > 20, "the document's main-screen tables were not found")
        for row in rows {
            #expect(row.meaning.count > 3, "\(row.keys) under \(row.heading) says nothing about what it does")
        }
        for section in Binding.Section.allCases {
            let documented = Set(rows.filter { $0.heading == section.docHeading }.flatMap(\.keys))
            let bound = Set(Binding.mainScreen.filter { $0.section == section }.flatMap(\.keys).map(\.label))
            #expect(
                bound.subtracting(documented).isEmpty,
                "not documented under \(section.docHeading): \(bound.subtracting(documented).sorted())")
            #expect(
                documented.subtracting(bound).isEmpty,
                "documented under \(section.docHeading) but not in the key table: \(documented.subtracting(bound).sorted())"
            )
        }
        let headings = Set(rows.map(\.heading))
        #expect(headings == Set(Binding.Section.allCases.map(\.docHeading)))
    }

    @Test func theHelpOverlayListsTheTablesRowsBySection() {
        #expect(AppModel.help.sections.map(\.title) == Binding.Section.allCases.map(\.helpTitle))
        let bySection = Binding.Section.allCases.flatMap { section in
            Binding.mainScreen.filter { $0.section == section }.compactMap(\.help)
        }
        #expect(AppModel.help.sections.flatMap(\.bindings) == bySection)
        #expect(bySection.count == Binding.mainScreen.compactMap(\.help).count)
    }

    @Test func theFooterShowsOnlyEnabledEntries() {
        let model = DemoFlow.model(at: .inspectReady, size: Size(columns: 120, rows: 40))
        let footer = model.keyBar.line(width: 400).plainText
        for entry in Binding.mainScreen {
            guard let hint = entry.footer(model) else { continue }
            let shown = footer.contains("\(hint.keys) \(hint.summary)")
            #expect(shown == entry.isEnabled(model), "\(hint.keys) \(hint.summary): shown \(shown)")
        }
    }

    @Test func aDisabledKeySaysWhyInTheNotice() {
        var model = DemoFlow.model(at: .inspectReady, size: Size(columns: 120, rows: 40))
        let before = model.flow
        #expect(DemoFlow.press(.character("l"), &model) == .none)
        #expect(model.flow == before)
        #expect(model.notice == "l listens for the browser's redirect; the flow is not waiting for one.")
        #expect(model.notice == Binding.mainScreen.first { $0.keys.contains(.character("l")) }?.disabledReason(model))
    }

    @Test func viewingAnEarlierStepTakesEditAwayFromTheFooter() {
        var model = DemoFlow.model(at: .tokenReady, size: Size(columns: 120, rows: 40))
        #expect(model.keyBar.line(width: 400).plainText.hasPrefix("n send  e edit"))
        DemoFlow.press(.character("1"), &model)
        #expect(model.viewedStep == .authorize)
        #expect(!model.keyBar.line(width: 400).plainText.contains("e edit"))
        DemoFlow.press(.character("e"), &model)
        #expect(model.overlay == nil)
        #expect(model.notice == "Only the request being built can be edited.")
    }

    @Test func everyKeyRunsSomeEntryOrSaysWhyNot() {
        let model = DemoFlow.model(at: .inspectReady, size: Size(columns: 120, rows: 40))
        for key in Set(Binding.mainScreen.flatMap(\.keys)) {
            let entries = Binding.mainScreen.filter { $0.keys.contains(key) }
            #expect(
                entries.contains { $0.isEnabled(model) } || entries.first?.disabledReason(model)?.isEmpty == false,
                "\(key.label)")
        }
    }
}
