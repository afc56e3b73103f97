import FlowEngine
import Foundation

extension AppModel {
    /// Draws the whole frame: header, steps, the four panes, the key bar, and any overlay.
    public func render(into canvas: inout Canvas) {
        canvas.fill(canvas.bounds)
        guard !isTooSmall, canvas.size.contains(Self.minimumSize) else {
            TooSmallMessage(required: Self.minimumSize, actual: size).render(into: &canvas)
            return
        }
        let layout = AppLayout(size: canvas.size, zoomed: zoomedPane)
        let border = Style.dim
        let bottom = layout.bounds.maxY - 1
        canvas.drawBox(layout.bounds, style: border)
        switch layout.steps {
        case _ where layout.isZoomed:
            break  // the zoomed pane fills the screen: no steps, no dividers
        case .column(let rect, let dividerX):
            canvas.drawVerticalLine(x: dividerX, from: 0, through: bottom, style: border)
            canvas.drawVerticalLine(x: layout.middleDividerX, from: 0, through: bottom, style: border)
            canvas.drawHorizontalLine(
                y: layout.middleDividerY, from: dividerX, through: layout.bounds.maxX - 1, style: border)
            renderStepColumn(into: &canvas, in: rect)
        case .row(let rect, let dividerY):
            canvas.drawHorizontalLine(y: dividerY, from: 0, through: layout.bounds.maxX - 1, style: border)
            canvas.drawVerticalLine(x: layout.middleDividerX, from: dividerY, through: bottom, style: border)
            canvas.drawHorizontalLine(y: layout.middleDividerY, from: 0, through: layout.bounds.maxX - 1, style: border)
            renderStepRow(into: &canvas, in: rect)
        }
        // The full header where it fits whole, else the compact one (which keeps the mask state).
        let full = header(compact: false)
        (full.fullWidth <= layout.bounds.width - 5 ? full : header(compact: true))
            .render(into: &canvas, x: 1, y: 0, width: layout.bounds.width - 2)
        if let search, search.isEditing {
            renderSearchPrompt(search, into: &canvas, x: 1, y: bottom, width: layout.bounds.width - 2)
        } else {
            keyBar.render(into: &canvas, x: 1, y: bottom, width: layout.bounds.width - 2)
        }
        for pane in Pane.allCases where layout.panes[pane] != nil {
            renderPane(pane, into: &canvas, layout: layout)
        }
        renderOverlay(into: &canvas, in: layout.bounds.inset(by: 1))
    }

    /// The header: what is being debugged and how, most important first.
    ///
    /// Compact (narrow terminals) drops the name and shortens the auth method and mask state, so
    /// that the mask state still shows at 80 columns.
    func header(compact: Bool) -> HeaderLine {
        let configuration = flow.configuration
        var segments: [Span] = []
        if presentation.tlsVerificationDisabled {
            segments.append(Span("TLS NOT VERIFIED", style: PaneStyle.failure.reverse()))
        }
        if let armed = armedFaultsLabel {
            segments.append(Span(armed, style: PaneStyle.warning.bold().reverse()))
        }
        if !compact {
            segments.append(Span("authflow", style: .bold))
            if let label = presentation.label { segments.append(Span(label)) }
        }
        var environment = configuration.environmentID.map { "env " + Self.abbreviate($0) } ?? "custom domain"
        if configuration.environmentID == nil, let discovered = configuration.discoveredEndpoints,
            discovered.flowAPIBase == nil
        {
            // Another OpenID provider: its issuer's host says where the flow runs.
            environment = "issuer " + (URLParts(discovered.issuer)?.host ?? discovered.issuer)
        }
        if let region = configuration.region { environment += " (\(region))" }
        let mask = isMasked ? (compact ? "masked" : "secrets masked") : (compact ? "SHOWN" : "secrets SHOWN")
        let maskSpan = Span(mask, style: isMasked ? .plain : PaneStyle.warning.bold().reverse())
        let method =
            presentation.clientAuthenticationUnknown
            ? (compact ? "auth ?" : "auth method not in file") : configuration.clientAuthentication.rawValue
        segments.append(Span(safe.line(environment)))
        // Compact: the mask state goes second, so it is the last thing a narrow header drops.
        if compact { segments.append(maskSpan) }
        segments.append(Span("app " + safe.line(Self.abbreviate(configuration.clientID))))
        segments.append(Span(compact ? method.replacingOccurrences(of: "CLIENT_", with: "") : method))
        segments.append(Span(configuration.pkceMethod.map { "PKCE \($0.rawValue)" } ?? "no PKCE"))
        if !compact { segments.append(maskSpan) }
        if let proxy = presentation.proxy { segments.append(Span("via " + safe.line(proxy), style: PaneStyle.warning)) }
        if compact, let label = presentation.label { segments.append(Span(label)) }
        return HeaderLine(segments)
    }

    /// A long identifier cut to its first 8 characters and "…", as people quote them.
    static func abbreviate(_ identifier: String) -> String {
        identifier.count > 12 ? String(identifier.prefix(8)) + "…" : identifier
    }

    // MARK: - Steps

    /// How a step stands, as its glyph in the list.
    enum StepState: Equatable {
        case pending, current, done, failed
        /// The flow went past it without it (no resume with `pi.flow` or a browser sign-on).
        case skipped
    }

    func state(of step: FlowStep) -> StepState {
        if case .failed(let failed, _) = flow.phase, failed == step { return .failed }
        if flow.phase.step == step { return .current }
        guard let last = flow.record.last(where: { $0.step == step }) else {
            return FlowStep.core.contains(step) && coreProgress > step.number ? .skipped : .pending
        }
        // A request with no response and no error was the browser's to send (authorize in a browser).
        let succeeded = last.failure == nil && last.transportError == nil
        return succeeded ? .done : .failed
    }

    /// How far the flow got through the core steps: the highest number sent or being worked on.
    var coreProgress: Int {
        var numbers = flow.record.map(\.step).filter { FlowStep.core.contains($0) }.map(\.number)
        if let step = flow.phase.step, FlowStep.core.contains(step) { numbers.append(step.number) }
        if flow.phase == .completed { numbers.append(FlowStep.inspect.number + 1) }
        return numbers.max() ?? 0
    }

    /// The steps listed: the core five, PAR when used, follow-ups once sent.
    var listedSteps: [FlowStep] {
        var steps = FlowStep.core
        if flow.configuration.usesPushedAuthorization { steps.insert(.par, at: 0) }
        for step in FlowStep.followUps where flow.record.contains(where: { $0.step == step }) || flow.phase.step == step
        {
            steps.append(step)
        }
        return steps
    }

    /// A step as its glyph and name, such as "✓ 1 Authorize".
    func stepLabel(_ step: FlowStep) -> StyledLine {
        let state = state(of: step)
        let glyph: Span
        switch state {
        case .pending: glyph = Span("  ")
        case .current: glyph = Span(inFlight?.step == step ? "… " : "▸ ", style: .bold.foreground(.cyan))
        case .done: glyph = Span("✓ ", style: PaneStyle.success.bold())
        case .failed: glyph = Span("✗ ", style: PaneStyle.failure)
        case .skipped: glyph = Span("– ", style: .dim)
        }
        let titleStyle: Style = state == .current ? .bold : (state == .skipped ? .dim : .plain)
        var line = StyledLine([glyph, Span("\(step.number) \(step.title)", style: titleStyle)])
        if viewedStep == step { line.spans = line.spans.map { Span($0.text, style: $0.style.reverse()) } }
        return line
    }

    /// A step as its glyph and number only, such as "✓1", where the row has no room for names.
    func compactStepLabel(_ step: FlowStep) -> StyledLine {
        let full = stepLabel(step)
        let glyph =
            full.spans.first.map { Span($0.text.trimmingCharacters(in: .whitespaces), style: $0.style) } ?? Span("")
        let number = Span("\(step.number)", style: full.spans.last?.style ?? .plain)
        return StyledLine([glyph, number])
    }

    /// The steps in a column, then what is going on: waiting, the demo user, the last notice.
    func renderStepColumn(into canvas: inout Canvas, in rect: Rect) {
        var lines: [StyledLine] = [StyledLine("Steps", style: .bold)]
        lines += listedSteps.map(stepLabel)
        if flow.phase == .completed { lines.append(StyledLine("✓ complete", style: PaneStyle.success.bold())) }
        let width = rect.width - 1
        if let inFlight {
            lines.append(StyledLine())
            lines.append(StyledLine("waiting", style: PaneStyle.warning.bold()))
            lines.append(StyledLine(frame.waitingText + " ← \(inFlight.step.number)"))
        }
        if let demo = presentation.demoCredentials {
            lines.append(StyledLine())
            lines.append(StyledLine("Demo sign-on", style: .bold))
            lines += StyledLine([Span("user ", style: PaneStyle.label), Span(demo.username)]).wrapped(
                width: width, indent: 5)
            lines += StyledLine([Span("pass ", style: PaneStyle.label), Span(demo.password)]).wrapped(
                width: width, indent: 5)
        }
        if let notice {
            lines.append(StyledLine())
            lines += StyledLine(notice, style: .bold).wrapped(width: width)
        }
        canvas.draw(lines, in: Rect(x: rect.x + 1, y: rect.y, width: width, height: rect.height), ellipsis: true)
    }

    /// The steps on one row, then the most pressing of: waiting, the last notice, the demo user.
    func renderStepRow(into canvas: inout Canvas, in rect: Rect) {
        func row(compact: Bool) -> StyledLine {
            var line = StyledLine()
            for step in listedSteps {
                if !line.spans.isEmpty { line.spans.append(Span(" ")) }
                // Compact: only the step being worked on (or just done), looked at or failed keeps its name.
                let keepsName =
                    !compact || [.current, .failed].contains(state(of: step)) || viewedStep == step
                    || (flow.phase.step == nil && flow.record.last?.step == step)
                line.spans += (keepsName ? stepLabel(step) : compactStepLabel(step)).spans
            }
            return line
        }
        let info: StyledLine?
        if inFlight != nil {
            info = StyledLine("waiting ", style: PaneStyle.warning.bold()).appending(frame.waitingText)
        } else if let notice {
            info = StyledLine(notice, style: .bold)
        } else if let demo = presentation.demoCredentials {
            info = StyledLine([Span("demo ", style: PaneStyle.label), Span("\(demo.username) / \(demo.password)")])
        } else {
            info = nil
        }
        let full = row(compact: false)
        let completion = flow.phase == .completed ? 12 : 0
        // The demo's password is shown whole (a presenter reads it out): the steps go compact for it.
        let demoRoom = info != nil && notice == nil && inFlight == nil ? 3 + (info?.width ?? 0) : 0
        var line = full.width + completion + demoRoom <= rect.width - 1 ? full : row(compact: true)
        if flow.phase == .completed { line = line.appending("  ✓ complete", style: PaneStyle.success.bold()) }
        let used = canvas.draw(line, x: rect.x + 1, y: rect.y, width: rect.width - 1, ellipsis: true)
        let room = rect.width - 1 - used - 3
        guard room > 4, let info else { return }
        canvas.draw(info, x: rect.x + 1 + used + 3, y: rect.y, width: room, ellipsis: true)
    }

    // MARK: - Panes

    func renderPane(_ pane: Pane, into canvas: inout Canvas, layout: AppLayout) {
        let area = layout.rect(pane)
        let body = layout.body(pane)
        // Laid out by `update`; laid out here only when the canvas is not the model's size.
        let content = self.pane(pane, size: canvas.size)
        let view = scroll[pane] ?? TextView()
        let focused = focus == pane && overlay == nil
        // The focused pane is marked with ▸ as well as reverse video, so it shows without colour.
        var title = StyledLine(
            (focused ? "▸" : " ") + "\(content.title) ", style: focused ? Style.bold.reverse() : .bold)
        if pane == shownPaneWithAttempts, let attemptText { title = title.appending(" " + attemptText, style: .bold) }
        if !content.subtitle.isEmpty { title = title.appending(" " + content.subtitle, style: .dim) }
        if layout.isZoomed { title = title.appending("  zoomed · z back", style: .dim) }
        if let search, search.pane == pane, !search.isEditing {
            let count = search.matchIndex.map { "\($0 + 1)/\(search.matchCount)" } ?? "no match"
            title = title.appending("  /" + TerminalSafe.line(search.query) + " " + count, style: PaneStyle.warning)
        }
        let position = view.position(contentHeight: content.lines.count, viewportHeight: body.height)
        let positionWidth = position.map { DisplayWidth.of($0) } ?? 0
        canvas.draw(
            title, x: area.x, y: area.y, width: area.width - (position == nil ? 0 : positionWidth + 2), ellipsis: true)
        if let position {
            canvas.draw(position, x: area.maxX - positionWidth - 1, y: area.y, width: positionWidth, style: .dim)
        }
        renderBody(of: pane, content, view: view, focused: focused, into: &canvas, in: body)
    }
}
