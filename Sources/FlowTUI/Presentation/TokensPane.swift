import FlowEngine
import Foundation

extension FrameSnapshot {
    /// The tokens the panes show: those the flow held at the step looked at (its own response's,
    /// else the latest before it: the JWKS at step 5 or a UserInfo call carries none, but the
    /// tokens are there by then), else the flow's latest.
    var shownTokens: TokenSet? {
        guard viewedStep != nil else { return flow.tokens }
        guard let index = flow.shownEntryIndex(viewing: viewedStep, attempt: viewedAttempt) else { return nil }
        return flow.record[...index].last { $0.decoded.tokens != nil }?.decoded.tokens
    }

    /// The Tokens pane: for each JWT the signature, the check list (failures first) and the
    /// claims, times as dates and relative to now ("in 59 m").
    ///
    /// The engine's inspector does the work (`inspectTokens`); this only lays it out.
    func tokensPane(width: Int) -> PaneContent {
        let safe = self.safe
        var pane = PaneBuilder(width: width, wholeValues: showsWholeValues)
        guard let tokens = shownTokens else {
            pane.add("No tokens yet: they arrive at step 4.", style: PaneStyle.hint)
            return PaneContent(title: "Tokens", lines: pane.lines, values: pane.values)
        }
        var summary: [KeyValueTable.Row] = []
        if let type = tokens.tokenType { summary.append(.init("token_type", safe.line(type))) }
        if let expiresIn = tokens.expiresIn {
            // A server may send any number; only a sane one is turned into a time.
            let relative =
                (0...315_360_000).contains(expiresIn)
                ? " (\(TimeText.relative(now.addingTimeInterval(Double(expiresIn)), to: now)))" : ""
            summary.append(.init("expires_in", "\(expiresIn) s\(relative)"))
        }
        if let scope = tokens.scope { summary.append(.init("scope", safe.line(scope))) }
        if let access = tokens.accessToken, !JSONWebToken.looksLikeJWT(access) {
            summary.append(.init("access_token", "opaque: " + safe.line(access), style: PaneStyle.hint))
        }
        if tokens == flow.tokens { summary += historyRows() }
        pane.add(KeyValueTable(summary, maxKeyWidth: 12))

        let inspected = tokens == flow.tokens ? inspectedTokens : []
        if tokens == flow.tokens {
            for token in inspected {
                if !pane.lines.isEmpty { pane.add(StyledLine()) }
                inspectionLines(token.name, token.inspection, into: &pane)
            }
        } else {
            // An earlier token response (before a refresh): decoded, not checked against this run.
            for token in tokens.decoded {
                if !pane.lines.isEmpty { pane.add(StyledLine()) }
                pane.add(
                    StyledLine(token.name, style: .bold.underline()).appending(
                        "  earlier response, not checked", style: PaneStyle.hint))
                for member in token.jwt?.claims?.members ?? [] {
                    pane.add(
                        StyledLine([
                            Span("  " + safe.line(member.key) + "  ", style: PaneStyle.label),
                            Span(safe.line(member.value.compactText)),
                        ]), indent: 4)
                }
            }
        }
        let failing = inspected.filter { !$0.inspection.passed }.count
        let pending = inspected.filter { awaitsKeySet($0.inspection) }.count
        let redacted = inspected.filter { $0.inspection.signature == .redacted }.count
        let subtitle: String
        if inspected.isEmpty {
            subtitle = "\(tokens.decoded.count) decoded"
        } else if failing > 0 {
            subtitle = "\(failing) of \(inspected.count) failing ✗"
        } else if pending > 0 {
            // Nothing failed, but not everything is checked yet: no ✓ until the signatures are.
            subtitle = "\(inspected.count) checked, \(pending == 1 ? "signature" : "signatures") pending"
        } else if redacted > 0 {
            // A session saved redacted: the claims are checked, the signatures cannot be.
            subtitle = "\(inspected.count) checked, \(redacted == 1 ? "signature" : "signatures") redacted"
        } else {
            subtitle = "\(inspected.count) checked ✓"
        }
        return PaneContent(title: "Tokens", subtitle: subtitle, lines: pane.lines, values: pane.values)
    }

    /// A flow's tokens, inspected by the engine (which owns the rules, such as OIDC Core §12.2's
    /// nonce after a refresh). Signature checks: this runs when the frame's snapshot is built,
    /// never per frame.
    static func inspectTokens(of flow: AuthorizationCodeFlow, now: Date) -> [FrameSnapshot.InspectedToken] {
        flow.inspectTokens(now: now).map { FrameSnapshot.InspectedToken(name: $0.name, inspection: $0.inspection) }
    }

    /// Whether a token's signature is unchecked only because the flow has not fetched the JWKS yet
    /// (step 5 does): that is not a failure, and the pane does not show it as one. A token signed
    /// with the client secret (HMAC) gets no key from the JWKS, so it is not pending.
    func awaitsKeySet(_ inspection: Inspection) -> Bool {
        guard case .noKey(let algorithm) = inspection.signature, algorithm.family != .hmac else { return false }
        return flow.keySet == nil && !flow.record.contains { $0.step == .inspect }
    }

    /// One token: title with the signature verdict, then failing checks, claims, passing checks.
    private func inspectionLines(_ name: String, _ inspection: Inspection, into pane: inout PaneBuilder) {
        let safe = self.safe
        guard let token = inspection.token else {
            pane.add(
                StyledLine(name, style: .bold.underline()).appending("  ✗ not a JWT: ", style: PaneStyle.failure)
                    .appending(safe.line(inspection.parseError?.description ?? "unknown")))
            return
        }
        var title = StyledLine(name, style: .bold.underline())
        title = title.appending("  " + safe.line(token.algorithm ?? "no alg"))
        if let kid = token.keyID { title = title.appending("  kid " + safe.line(AppModel.abbreviate(kid))) }
        let pending = awaitsKeySet(inspection)
        if let signature = inspection.signature {
            if signature.isVerified {
                title = title.appending("  ✓ signature", style: PaneStyle.success.bold())
            } else if pending {
                title = title.appending("  … signature", style: PaneStyle.warning)
            } else if signature == .redacted {
                title = title.appending("  – signature", style: PaneStyle.hint)
            } else {
                title = title.appending("  ✗ signature", style: PaneStyle.failure)
            }
        }
        pane.add(title, indent: 4, value: inspection.input, named: name)
        if pending {
            pane.add(StyledLine("  pending: step 5 fetches the JWKS", style: PaneStyle.warning), indent: 4)
        } else if let signature = inspection.signature, !signature.isVerified {
            let style = signature == .redacted ? PaneStyle.hint : PaneStyle.failure
            pane.add(StyledLine("  " + safe.line(signature.description), style: style), indent: 4)
        }
        for check in inspection.checks where check.outcome == .fail {
            pane.add(
                StyledLine([
                    Span("  ✗ " + safe.line(check.name) + "  ", style: PaneStyle.failure),
                    Span(safe.line(check.reason)),
                ]), indent: 6)
        }
        if token.isEncrypted {
            pane.add("  encrypted (JWE): the claims cannot be read", style: PaneStyle.hint)
            return
        }
        var rows: [KeyValueTable.Row] = []
        for claim in inspection.readableClaims {
            let value: StyledLine
            switch claim.value {
            case .time(let date, let utc, let relative):
                let expired = claim.name == "exp" && date <= now
                let style = expired ? PaneStyle.failure : Style.plain
                value = StyledLine(safe.line(utc), style: style)
                    .appending("  (\(safe.line(relative)))", style: expired ? PaneStyle.failure : PaneStyle.hint)
            case .invalid(let raw, let reason):
                value = StyledLine(safe.line(raw)).appending("  ✗ " + safe.line(reason), style: PaneStyle.failure)
            case .absent(let note):
                value = StyledLine(safe.line(note), style: PaneStyle.hint)
            default:
                value = StyledLine(safe.line(claim.value.text))
            }
            rows.append(KeyValueTable.Row(safe.line(claim.name), value))
        }
        pane.add(KeyValueTable(rows, maxKeyWidth: 12, indent: 2))
        let passing = inspection.checks.filter { $0.outcome == .pass }
        if !passing.isEmpty {
            let names = passing.map { safe.line($0.name) }.joined(separator: ", ")
            pane.add(
                StyledLine([Span("  ✓ ", style: PaneStyle.success.bold()), Span(names, style: PaneStyle.hint)]),
                indent: 4)
        }
    }

    /// Where the flow's tokens came from and what happened to them since: the refresh token's
    /// rotation at the last refresh, a revocation after the last token response.
    private func historyRows() -> [KeyValueTable.Row] {
        var rows: [KeyValueTable.Row] = []
        let received = flow.record.lastIndex { $0.decoded.tokens != nil && $0.failure == nil }
        if let received, flow.record[received].step != .token {
            let entry = flow.record[received]
            var origin = StyledLine("\(entry.step.number) \(entry.step.title)")
            if entry.step == .refresh, case .refreshed(let rotated)? = entry.decoded.result {
                origin = origin.appending(
                    ": " + (entry.decoded.result?.description ?? ""),
                    style: rotated ? PaneStyle.warning.bold() : .plain)
            }
            rows.append(.init("from", origin))
        }
        let revoked = flow.record.indices.last { index in
            flow.record[index].step == .revoke && flow.record[index].failure == nil
                && flow.record[index].response != nil
        }
        if let revoked, revoked > (received ?? -1), case .revoke(let token) = flow.record[revoked].action {
            let entry = flow.record[revoked]
            rows.append(
                .init(
                    "revoked",
                    StyledLine(
                        "✗ \(token.title) at \(entry.step.number) \(entry.step.title)", style: PaneStyle.failure)))
        }
        return rows
    }
}

/// The Tokens pane: each token checked, its claims, and what happened to the tokens since.
///
/// A pure function of the frame's snapshot: it builds no request and checks no signature.
enum TokensPane {
    static func lines(_ frame: FrameSnapshot, width: Int) -> PaneContent {
        frame.tokensPane(width: width)
    }
}
