import Foundation

/// The shared test vectors in `../shared/vectors` beside the package (as FlowEngineTests reads them).
enum Vectors {
    /// `../shared/vectors` relative to the package root.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // AuthflowCLITests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/vectors")

    /// The text of a vector file.
    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }
}
