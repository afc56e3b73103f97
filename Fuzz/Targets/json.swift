// The order-keeping JSON parser and writer (RFC 8259).
// Invariants: compact text parses back to the same value; a line-limited pretty text is a prefix
// of the whole one; the line count agrees with the text.
@testable import FlowEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    guard let value = try? JSONValue.parse(input) else { return 0 }
    let compact = value.compactText
    require((try? JSONValue.parse(Array(compact.utf8))) == value, "compact text does not parse back: \(compact)")
    let pretty = value.prettyText()
    let lines = pretty.split(separator: "\n", omittingEmptySubsequences: false)
    require(lines.count == value.prettyLineCount, "line count \(lines.count) ≠ \(value.prettyLineCount)")
    let limit = size % 7 + 1
    require(
        value.prettyText(lineLimit: limit) == lines.prefix(limit).joined(separator: "\n"),
        "the limited text is not a prefix")
    _ = TerminalSafe.lines(pretty)
    return 0
}
