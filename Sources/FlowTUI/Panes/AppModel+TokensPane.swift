import FlowEngine
import Foundation

extension AppModel {
    /// The tokens the panes show: those of the step looked at, else the flow's latest.
    var shownTokens: TokenSet? {
        if viewedStep != nil { return shownEntry?.decoded.tokens }
        return flow.tokens
    }

    /// The Tokens pane: each JWT's header and claims, times as dates and relative to now.
    func tokensPane(width: Int) -> PaneContent {
        let safe = self.safe
        var pane = PaneBuilder(width: width)
        guard let tokens = shownTokens else {
            pane.add("No tokens yet: they arrive at step 4.", style: PaneStyle.hint)
            return PaneContent(title: "Tokens", lines: pane.lines)
        }
        var summary: [KeyValueTable.Row] = []
        if let type = tokens.tokenType { summary.append(.init("token_type", safe.line(type))) }
        if let expiresIn = tokens.expiresIn {
            summary.append(.init("expires_in", "\(expiresIn) s (\(TimeText.relative(now.addingTimeInterval(Double(expiresIn)), to: now)))"))
        }
        if let scope = tokens.scope { summary.append(.init("scope", safe.line(scope))) }
        if let access = tokens.accessToken, !tokens.decoded.contains(where: { $0.name == "access_token" }) {
            summary.append(.init("access_token", "opaque " + safe.line(access), style: PaneStyle.hint))
        }
        pane.add(KeyValueTable(summary, maxKeyWidth: 12))

        let keyIDs = Set((flow.keySet?["keys"]?.elements ?? []).compactMap { $0["kid"]?.stringValue })
        for token in tokens.decoded {
            if !pane.lines.isEmpty { pane.add(StyledLine()) }
            guard let jwt = token.jwt else {
                pane.add(StyledLine(token.name, style: .bold).appending("  ✗ not a JWT: ", style: PaneStyle.failure)
                    .appending(safe.line(token.parseError?.description ?? "unknown")))
                continue
            }
            var title = StyledLine(token.name, style: .bold.underline())
            title = title.appending("  " + safe.line(jwt.algorithm ?? "no alg"))
            if let kid = jwt.keyID {
                title = title.appending("  kid " + safe.line(kid))
                if flow.keySet != nil {
                    title = keyIDs.contains(kid)
                        ? title.appending("  ✓ key in JWKS", style: PaneStyle.success)
                        : title.appending("  ✗ kid not in JWKS", style: PaneStyle.failure)
                }
            }
            pane.add(title, indent: 4)
            pane.add(StyledLine([Span("  header ", style: PaneStyle.label), Span(safe.line(jwt.header.compactText))]), indent: 4)
            guard let claims = jwt.claims?.members else {
                pane.add("  encrypted (JWE): the claims cannot be read", style: PaneStyle.hint)
                continue
            }
            var rows: [KeyValueTable.Row] = []
            for member in claims {
                var value = StyledLine(safe.line(member.value.stringValue ?? member.value.compactText))
                if TimeText.timeClaims.contains(member.key), let date = TimeText.date(fromEpoch: member.value) {
                    let relative = TimeText.relative(date, to: now)
                    let expired = member.key == "exp" && date <= now
                    value = StyledLine(TimeText.utc(date), style: expired ? PaneStyle.failure : .plain)
                        .appending("  (\(relative))", style: expired ? PaneStyle.failure : PaneStyle.hint)
                }
                rows.append(KeyValueTable.Row(safe.line(member.key), value))
            }
            pane.add(KeyValueTable(rows, maxKeyWidth: 12, indent: 2))
        }
        return PaneContent(title: "Tokens", subtitle: "\(tokens.decoded.count) decoded", lines: pane.lines)
    }
}
