import Foundation

@testable import FlowEngine

/// The shared test vectors in `../shared/vectors`, read from beside the package (the repository is
/// cloned with `shared/` next to it), so there is one copy of each vector.
enum Vectors {
    /// `../shared/vectors` relative to the package root.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // FlowEngineTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/vectors")

    /// The text of a vector file.
    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    /// A vector file parsed with the engine's own order-keeping JSON parser.
    static func json(_ name: String) throws -> JSONValue {
        try JSONValue.parse(try text(name))
    }

    /// `rfc-vectors.json`.
    static func rfc() throws -> JSONValue { try json("rfc-vectors.json") }

    /// A string at a path of member names, or a thrown `Missing`.
    static func string(_ value: JSONValue, _ path: String...) throws -> String {
        var current = value
        for name in path {
            guard let next = current[name] else { throw Missing(path: path.joined(separator: ".")) }
            current = next
        }
        guard let string = current.stringValue else { throw Missing(path: path.joined(separator: ".")) }
        return string
    }

    /// A member path that is not in a vector file.
    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "vector member \(path) is missing or not a string" }
    }
}
