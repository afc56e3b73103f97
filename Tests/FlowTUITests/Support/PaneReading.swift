@testable import FlowTUI

/// Suites that read a pane's text as a whole.
protocol PaneReading {}

extension PaneReading {
    /// A pane's text laid out wide, so that a value is found on one line.
    static func text(_ model: AppModel, _ pane: Pane) -> String {
        var wide = model
        wide.size = Size(columns: 400, rows: 100)
        return wide.pane(pane).lines.map(\.plainText).joined(separator: "\n")
    }
}
