extension Inspection {
    /// The inspection as plain text lines, safe for a terminal: every line goes through
    /// `TerminalSafe.line`, so control characters and bidi overrides show as escapes.
    public var textLines: [String] {
        var lines = LineList()
        writeLines(into: &lines, includingContents: true)
        return lines.lines
    }

    /// The verdict only: title, summary, signature, checks and clock, without header and claims
    /// (for places that show the claims already, such as the flow transcript's token step).
    public var verdictLines: [String] {
        var lines = LineList()
        writeLines(into: &lines, includingContents: false)
        return lines.lines
    }

    /// The lines joined with newlines (`textLines`, written straight into one string: `decode`
    /// builds one per token).
    public var text: String {
        var text = JoinedLines()
        writeLines(into: &text, includingContents: true)
        return text.text
    }

    /// Writes the report's lines, each made safe with `TerminalSafe.line`, into `sink`.
    private func writeLines(into sink: inout some LineSink, includingContents: Bool) {
        guard let token else {
            if let parseError {
                sink.add(
                    "Not a JWT: failed at step \(parseError.step.number) of \(JWTParseError.Step.allCases.count) "
                        + "(\(parseError.step.rawValue)): \(parseError)")
            }
            return
        }

        sink.add(titleLine(token))
        if !isEncrypted { sink.add("  " + summaryLine) }

        if includingContents {
            sink.add("")
            sink.add("Header")
            sink.addIndentedJSON(token.header)
        }

        if !includingContents {
            // The contents are shown elsewhere.
        } else if let claims = token.claims {
            sink.add("")
            sink.add("Claims")
            sink.addIndentedJSON(claims)
            sink.add("")
            sink.add("Readable")
            addReadable(
                readableHeader.filter { $0.name == "alg" || $0.name == "kid" || $0.name == "typ" } + readableClaims,
                to: &sink)
        } else {
            sink.add("")
            sink.add(
                "  The claims are encrypted (JWE, RFC 7516 §9): authflow shows the header only; decrypting needs the")
            sink.add("  client's private key, and the signature and checks apply to the token inside.")
        }

        if let signature {
            sink.add("")
            sink.add("Signature")
            sink.startLine()
            sink.append("  ")
            sink.append(symbol(signatureOutcome(signature)))
            sink.append(" ")
            sink.append(signature.description)
            sink.endLine()
        }
        for key in skippedKeys {
            sink.add(
                "  note: JWKS key #\(key.index + 1)\(key.keyID.map { " (kid \($0))" } ?? "") skipped: \(key.reason)")
        }

        sink.add("")
        sink.add("Checks (failures first)")
        let width = checks.map { Self.width($0.name) }.max() ?? 0
        for check in checks {
            sink.startLine()
            sink.append("  ")
            sink.append(symbol(check.outcome))
            sink.append(" ")
            if check.outcome == .fail { sink.append("FAIL") } else { sink.appendPadded(check.outcome.rawValue, 4) }
            sink.append("  ")
            sink.appendPadded(check.name, width)
            sink.append("  ")
            sink.append(check.reason)
            sink.append("  [")
            sink.append(check.reference)
            sink.append("]")
            sink.endLine()
        }

        if let clock = expectations.serverClock {
            sink.add("")
            sink.add("Clock")
            sink.add("  \(clock)")
        }
    }

    // MARK: - Pieces

    private func titleLine(_ token: JSONWebToken) -> String {
        if token.isEncrypted {
            let alg = token.header["alg"]?.stringValue ?? "?"
            let enc = token.header["enc"]?.stringValue ?? "?"
            return "JWE (encrypted token) · key management \(alg) · content encryption \(enc)"
        }
        var parts: [String] = []
        if let kind { parts.append("\(kind.kind.title) (\(kind.reason))") }
        parts.append(token.algorithm.map { "alg \($0)" } ?? "no alg")
        if let kid = token.keyID { parts.append("kid \(kid)") }
        return parts.joined(separator: " · ")
    }

    private var summaryLine: String {
        var failing = 0
        var passing = 0
        var notApplicable = 0
        for check in checks {
            switch check.outcome {
            case .fail: failing += 1
            case .pass: passing += 1
            case .notApplicable: notApplicable += 1
            }
        }
        // In `TokenCheck.Outcome`'s order: failing, passing, not applicable.
        var line = symbol(failing == 0 ? .pass : .fail) + " "
        var first = true
        for (count, name) in [(failing, " failing"), (passing, " passing"), (notApplicable, " not applicable")]
        where count > 0 {
            if !first { line += ", " }
            first = false
            line += String(count)
            line += name
        }
        return line
    }

    private func addReadable(_ claims: [ReadableClaim], to sink: inout some LineSink) {
        let nameWidth = claims.map { Self.width($0.name) }.max() ?? 0
        let labelWidth = claims.map { Self.width($0.label ?? "") }.max() ?? 0
        for claim in claims {
            sink.startLine()
            sink.append("  ")
            sink.appendPadded(claim.name, nameWidth)
            sink.append("  ")
            sink.appendPadded(claim.label ?? "", labelWidth)
            sink.append("  ")
            switch claim.value {
            case .time(_, let utc, let relative):
                // `Value.text` in pieces: `2026-11-22 10:00:00Z (in 59 m)`.
                sink.append(utc)
                sink.append(" (")
                sink.append(relative)
                sink.append(")")
            case .list(let items):
                for (index, item) in items.enumerated() {
                    if index > 0 { sink.append(", ") }
                    sink.append(item)
                }
            default:
                sink.append(claim.value.text)
            }
            sink.endLine()
        }
    }

    /// The number of Characters, which the padding counts; ASCII without a carriage return (every
    /// registered claim name, every check name) has one per byte, so it is counted without
    /// breaking the text into graphemes.
    fileprivate static func width(_ text: String) -> Int {
        let bytes = text.utf8
        if bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return bytes.count }
        return text.count
    }

    private func signatureOutcome(_ signature: SignatureResult) -> TokenCheck.Outcome {
        TokenChecks.signatureOutcome(signature)
    }

    private func symbol(_ outcome: TokenCheck.Outcome) -> String {
        switch outcome {
        case .pass: "✓"
        case .fail: "✗"
        case .notApplicable: "–"
        }
    }
}

/// Where `Inspection`'s report lines go: a list of lines, or one text. A line is started, its
/// pieces appended, and made safe for a terminal when it ends.
private protocol LineSink {
    /// Starts a line.
    mutating func startLine()
    /// Adds a piece to the line.
    mutating func append(_ piece: String)
    /// Adds a piece to the line.
    mutating func append(_ piece: Substring)
    /// Adds spaces to the line.
    mutating func appendSpaces(_ count: Int)
    /// Ends the line, made safe for a terminal with `TerminalSafe.line`.
    mutating func endLine()
    /// Adds JSON text, indented by two spaces, a line for each of its lines.
    mutating func addIndentedJSON(_ value: JSONValue)
}

extension LineSink {
    /// Adds a whole line.
    mutating func add(_ line: String) {
        startLine()
        append(line)
        endLine()
    }

    /// Adds JSON text, indented by two spaces, a line for each of its lines.
    mutating func addIndentedJSON(_ value: JSONValue) {
        addIndentedLines(value.prettyText(), to: &self)
    }

    /// Adds a piece followed by spaces up to `width` Characters.
    mutating func appendPadded(_ piece: String, _ width: Int) {
        append(piece)
        let count = Inspection.width(piece)
        if count < width { appendSpaces(width - count) }
    }
}

/// Each line of `text` (split at line feeds: JSON text has no raw carriage return), indented by
/// two spaces.
private func addIndentedLines(_ text: String, to sink: inout some LineSink) {
    var rest = text[...]
    while true {
        let end = rest.utf8.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
        sink.startLine()
        sink.append("  ")
        sink.append(rest[..<end])
        sink.endLine()
        guard end < rest.endIndex else { return }
        rest = rest[rest.utf8.index(after: end)...]
    }
}

private struct LineList: LineSink {
    var lines: [String] = []
    private var line = ""

    mutating func startLine() { line = "" }
    mutating func append(_ piece: String) { line += piece }
    mutating func append(_ piece: Substring) { line += piece }
    mutating func appendSpaces(_ count: Int) { line += String(repeating: " ", count: count) }
    mutating func endLine() { lines.append(TerminalSafe.line(line)) }
}

/// The lines joined with newlines, as `textLines.joined(separator: "\n")` would be, written as
/// UTF-8 bytes into one buffer: no string per line or per piece (`decode` writes one report per
/// token). A line is checked where it lies, and rewritten only when it needs an escape.
private struct JoinedLines: LineSink {
    private var bytes: [UInt8] = []
    private var lineStart = 0
    private var first = true

    init() { bytes.reserveCapacity(4096) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func startLine() {
        if first { first = false } else { bytes.append(UInt8(ascii: "\n")) }
        lineStart = bytes.count
    }

    mutating func append(_ piece: String) { bytes.append(contentsOf: piece.utf8) }
    mutating func append(_ piece: Substring) { bytes.append(contentsOf: piece.utf8) }
    mutating func appendSpaces(_ count: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// The JSON text written with its indent in one piece, then checked as a whole (a raw
    /// control cannot be in it: the JSON writer escapes them); line by line if the check fails.
    mutating func addIndentedJSON(_ value: JSONValue) {
        let text = value.prettyText(linePrefix: "  ")
        startLine()
        let start = lineStart
        append("  ")
        append(text)
        let safe = bytes.withUnsafeBufferPointer { buffer in
            TerminalSafe.needsNoEscape(UnsafeBufferPointer(rebasing: buffer[start...]), allowingLineFeeds: true)
        }
        guard !safe else { return }
        // Undo the block and the line break before it, then go line by line.
        bytes.removeSubrange(start...)
        if start > 0 { bytes.removeLast() } else { first = true }
        addIndentedLines(value.prettyText(), to: &self)
    }

    mutating func endLine() {
        let start = lineStart
        let safe = bytes.withUnsafeBufferPointer { buffer in
            TerminalSafe.needsNoEscape(UnsafeBufferPointer(rebasing: buffer[start...]))
        }
        guard !safe else { return }
        let line = String(decoding: bytes[start...], as: UTF8.self)
        bytes.removeSubrange(start...)
        bytes.append(contentsOf: TerminalSafe.line(line).utf8)
    }
}
