extension Inspection {
    /// The inspection as plain text lines, safe for a terminal: every line goes through
    /// `TerminalSafe.line`, so control characters and bidi overrides show as escapes.
    public var textLines: [String] { textLines(includingContents: true) }

    /// The verdict only: title, summary, signature, checks and clock, without header and claims
    /// (for places that show the claims already, such as the flow transcript's token step).
    public var verdictLines: [String] { textLines(includingContents: false) }

    func textLines(includingContents: Bool) -> [String] {
        var lines: [String] = []
        guard let token else {
            if let parseError {
                lines.append(
                    "Not a JWT: failed at step \(parseError.step.number) of \(JWTParseError.Step.allCases.count) "
                        + "(\(parseError.step.rawValue)): \(parseError)")
            }
            return lines.map(TerminalSafe.line)
        }

        lines.append(titleLine(token))
        if !isEncrypted { lines.append("  " + summaryLine) }

        if includingContents {
            lines.append("")
            lines.append("Header")
            lines += indented(token.header.prettyText())
        }

        if !includingContents {
            // The contents are shown elsewhere.
        } else if let claims = token.claims {
            lines.append("")
            lines.append("Claims")
            lines += indented(claims.prettyText())
            lines.append("")
            lines.append("Readable")
            lines += readableLines(readableHeader.filter { ["alg", "kid", "typ"].contains($0.name) } + readableClaims)
        } else {
            lines.append("")
            lines.append(
                "  The claims are encrypted (JWE, RFC 7516 §9): authflow shows the header only; decrypting needs the")
            lines.append("  client's private key, and the signature and checks apply to the token inside.")
        }

        if let signature {
            lines.append("")
            lines.append("Signature")
            lines.append("  \(symbol(signatureOutcome(signature))) \(signature)")
        }
        for key in skippedKeys {
            lines.append(
                "  note: JWKS key #\(key.index + 1)\(key.keyID.map { " (kid \($0))" } ?? "") skipped: \(key.reason)")
        }

        lines.append("")
        lines.append("Checks (failures first)")
        let width = checks.map(\.name.count).max() ?? 0
        for check in checks {
            let name = pad(check.name, width)
            let outcome = check.outcome == .fail ? "FAIL" : pad(check.outcome.rawValue, 4)
            lines.append("  \(symbol(check.outcome)) \(outcome)  \(name)  \(check.reason)  [\(check.reference)]")
        }

        if let clock = expectations.serverClock {
            lines.append("")
            lines.append("Clock")
            lines.append("  \(clock)")
        }
        return lines.map(TerminalSafe.line)
    }

    /// The lines joined with newlines.
    public var text: String { textLines.joined(separator: "\n") }

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

    private func readableLines(_ claims: [ReadableClaim]) -> [String] {
        let nameWidth = claims.map(\.name.count).max() ?? 0
        let labelWidth = claims.map { ($0.label ?? "").count }.max() ?? 0
        return claims.map { claim in
            let name = pad(claim.name, nameWidth)
            let label = pad((claim.label ?? ""), labelWidth)
            return "  \(name)  \(label)  \(claim.value.text)"
        }
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private func indented(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
    }

    private func signatureOutcome(_ signature: SignatureResult) -> TokenCheck.Outcome {
        TokenChecks.signatureCheck(signature, reference: "").outcome
    }

    private func symbol(_ outcome: TokenCheck.Outcome) -> String {
        switch outcome {
        case .pass: "✓"
        case .fail: "✗"
        case .notApplicable: "–"
        }
    }
}
