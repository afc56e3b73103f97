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
            addIndented(token.header.prettyText(), to: &sink)
        }

        if !includingContents {
            // The contents are shown elsewhere.
        } else if let claims = token.claims {
            sink.add("")
            sink.add("Claims")
            addIndented(claims.prettyText(), to: &sink)
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
            sink.add("  \(symbol(signatureOutcome(signature))) \(signature)")
        }
        for key in skippedKeys {
            sink.add(
                "  note: JWKS key #\(key.index + 1)\(key.keyID.map { " (kid \($0))" } ?? "") skipped: \(key.reason)")
        }

        sink.add("")
        sink.add("Checks (failures first)")
        let width = checks.map { Self.width($0.name) }.max() ?? 0
        for check in checks {
            var line = "  "
            line += symbol(check.outcome)
            line += " "
            line += check.outcome == .fail ? "FAIL" : pad(check.outcome.rawValue, 4)
            line += "  "
            line += pad(check.name, width)
            line += "  "
            line += check.reason
            line += "  ["
            line += check.reference
            line += "]"
            sink.add(line)
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
        let counts = TokenCheck.Outcome.allCases.map { outcome in
            (outcome, checks.filter { $0.outcome == outcome }.count)
        }
        let text = counts.filter { $0.1 > 0 }.map { outcome, count in
            switch outcome {
            case .fail: "\(count) failing"
            case .pass: "\(count) passing"
            case .notApplicable: "\(count) not applicable"
            }
        }.joined(separator: ", ")
        return "\(symbol(failures.isEmpty ? .pass : .fail)) \(text)"
    }

    private func addReadable(_ claims: [ReadableClaim], to sink: inout some LineSink) {
        let nameWidth = claims.map { Self.width($0.name) }.max() ?? 0
        let labelWidth = claims.map { Self.width($0.label ?? "") }.max() ?? 0
        for claim in claims {
            var line = "  "
            line += pad(claim.name, nameWidth)
            line += "  "
            line += pad(claim.label ?? "", labelWidth)
            line += "  "
            line += claim.value.text
            sink.add(line)
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        let count = Self.width(text)
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }

    /// The number of Characters, which the padding counts; ASCII without a carriage return (every
    /// registered claim name, every check name) has one per byte, so it is counted without
    /// breaking the text into graphemes.
    private static func width(_ text: String) -> Int {
        let bytes = text.utf8
        if bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return bytes.count }
        return text.count
    }

    private func addIndented(_ text: String, to sink: inout some LineSink) {
        // Split on the bytes: JSON text from `prettyText` has no raw carriage return (it is
        // escaped), so a line break is always one "\n" byte.
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var indented = "  "
            indented.append(contentsOf: Substring(line))
            sink.add(indented)
        }
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

/// Where `Inspection`'s report lines go: a list of lines, or one text.
private protocol LineSink {
    /// Adds a line, made safe for a terminal.
    mutating func add(_ line: String)
}

private struct LineList: LineSink {
    var lines: [String] = []

    mutating func add(_ line: String) { lines.append(TerminalSafe.line(line)) }
}

/// The lines joined with newlines, as `textLines.joined(separator: "\n")` would be.
private struct JoinedLines: LineSink {
    var text = ""
    private var first = true

    init() { text.reserveCapacity(4096) }

    mutating func add(_ line: String) {
        if first { first = false } else { text += "\n" }
        text += TerminalSafe.line(line)
    }
}
