import FlowEngine
import Foundation

extension FrameSnapshot {
    /// Frames of the waiting indicator, one per tick.
    static let spinner: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    /// Seconds since the request in flight was sent.
    var waitingSeconds: Double {
        guard let inFlight else { return 0 }
        return max(0, now.timeIntervalSince(inFlight.sentAt))
    }

    /// The waiting indicator: a spinner frame and the time so far, such as "⠙ 1.2 s".
    var waitingText: String {
        let seconds = min(waitingSeconds, 86_400)
        let frame = Self.spinner[Int(seconds * 10) % Self.spinner.count]
        return "\(frame) \(String(format: "%.1f", seconds)) s"
    }

    /// The Response pane: status line, every header in order, the body, the elapsed time.
    func responsePane(width: Int) -> PaneContent {
        var body: BodyLayout?
        return responsePane(width: width, body: &body)
    }

    /// The Response pane, its body laid out again only when `body` holds another body, mask or width.
    func responsePane(width: Int, body memo: inout BodyLayout?) -> PaneContent {
        let safe = self.safe
        var pane = PaneBuilder(width: width, wholeValues: showsWholeValues)
        if viewedStep == nil, let inFlight {
            pane.add(
                StyledLine([
                    Span("waiting for the response  ", style: PaneStyle.warning.bold()),
                    Span(waitingText),
                ]))
            pane.add("esc cancels the request", style: PaneStyle.hint)
            pane.add("timeout \(flow.configuration.requestTimeout.secondsText)", style: PaneStyle.hint)
            return PaneContent(
                title: "Response", subtitle: "← \(inFlight.step.number) \(inFlight.step.title)", lines: pane.lines,
                values: pane.values)
        }
        guard let entry = shownEntry else {
            pane.add("Nothing received yet: n sends the request.", style: PaneStyle.hint)
            return PaneContent(title: "Response", lines: pane.lines, values: pane.values)
        }
        if entry.response == nil, entry.transportError == nil, browserLines(entry, into: &pane) {
            return PaneContent(
                title: "Response", subtitle: "← \(entry.step.number) \(entry.step.title)", lines: pane.lines,
                values: pane.values)
        }
        let elapsed = entry.elapsed.map { "\($0.milliseconds) ms" }
        if let response = entry.response {
            var status = StyledLine(safe.line(response.statusLine), style: PaneStyle.status(response.status))
            if let elapsed { status = status.appending("  " + elapsed, style: PaneStyle.hint) }
            pane.add(status, indent: 4)
            for header in response.headers {
                pane.add(
                    StyledLine([
                        Span(safe.line(header.name) + ":", style: PaneStyle.label),
                        Span(" " + safe.line(header.value)),
                    ]), indent: 4)
            }
            if !response.body.isEmpty {
                pane.heading("Body", hint: "\(response.body.count) bytes")
                let layout = BodyLayout(response.body, safe: safe, width: pane.width, reusing: memo, sources: sources)
                memo = layout
                pane.append(laidOut: layout.lines, values: layout.values)
            }
        } else if let error = entry.transportError {
            pane.add(
                StyledLine("✗ no response", style: PaneStyle.failure).appending(
                    elapsed.map { "  " + $0 } ?? "", style: PaneStyle.hint))
            pane.add(safe.line(error.description))
            if let cause = FlowFailure.transport(error).likelyCause {
                pane.add(StyledLine([Span("likely cause  ", style: PaneStyle.label), Span(cause)]), indent: 4)
            }
        } else {
            pane.add("No response.", style: PaneStyle.hint)
        }
        return PaneContent(
            title: "Response", subtitle: "← \(entry.step.number) \(entry.step.title)", lines: pane.lines,
            values: pane.values)
    }

    /// A browser's part of the flow, which authflow does not see on the wire: the authorize
    /// request it sends (and, while waiting, how the callback will come back), and the URL it
    /// was sent back to. Returns false for an entry that is neither.
    private func browserLines(_ entry: StepRecord, into pane: inout PaneBuilder) -> Bool {
        let safe = self.safe
        if sentByBrowser(entry) {
            pane.add("The browser sends this request and goes through the sign-on pages;", style: PaneStyle.hint)
            pane.add("authflow sees only where the browser is sent back:", style: PaneStyle.hint)
            pane.add("  " + safe.line(flow.configuration.redirectURI), indent: 4)
            guard viewedStep == nil, flow.awaitsBrowserCallback else { return true }
            pane.add(StyledLine())
            if let listening, let address = presentation.callbackListenerURL {
                let waited = min(max(0, now.timeIntervalSince(listening.since)), 86_400)
                let frame = Self.spinner[Int(waited * 10) % Self.spinner.count]
                pane.add(
                    StyledLine([
                        Span("listening  ", style: PaneStyle.warning.bold()),
                        Span("\(frame) \(Int(waited)) s"),
                    ]))
                pane.add(StyledLine([Span("on  ", style: PaneStyle.label), Span(safe.line(address))]), indent: 4)
                pane.add("esc stops listening · n pastes the URL instead", style: PaneStyle.hint)
            } else if presentation.callbackListenerURL != nil {
                pane.add("Not listening: l listens again, n pastes the callback URL.", style: PaneStyle.hint)
            } else {
                pane.add("n pastes the URL the browser was sent back to.", style: PaneStyle.hint)
            }
            return true
        }
        if entry.step == .signOn, entry.request.method == "GET", flow.signsOnInBrowser {
            pane.add("The browser was sent back to", style: PaneStyle.hint)
            pane.add("  " + safe.line(entry.request.url), indent: 4)
            let parts = URLParts(entry.request.url)
            let query = parts?.queryParameters ?? []
            let fragment = parts?.fragmentParameters ?? []
            if !query.isEmpty {
                pane.heading("Query")
                pane.add(parameterTable(query))
            }
            if !fragment.isEmpty {
                pane.heading("Fragment", hint: "response_mode=fragment")
                pane.add(parameterTable(fragment))
            }
            return true
        }
        return false
    }
}

/// A response body laid out for a width: the one part of a pane that can be large (up to
/// ``SafeText/bodyByteLimit`` decoded, sanitised and wrapped), so it is made once per body, mask
/// and width and kept while those stay (a tick or a scroll key does not lay it out again).
struct BodyLayout: Equatable, Sendable {
    /// The body as received (its storage is the record's, so comparing it is cheap when unchanged).
    let bytes: [UInt8]
    let redactor: Redactor
    let width: Int
    /// The body's lines, wrapped with a hanging indent of 2.
    let lines: [StyledLine]
    /// The value behind each line (the body line before it was wrapped), for `y`.
    let values: [LineValue]

    /// The layout of `bytes`: `previous` when it is of the same body, mask and width, else made anew.
    init(_ bytes: [UInt8], safe: SafeText, width: Int, reusing previous: BodyLayout?, sources: FrameSources) {
        if let previous, previous.width == width, previous.redactor == safe.redactor, previous.bytes == bytes {
            self = previous
            return
        }
        self.bytes = bytes
        redactor = safe.redactor
        self.width = width
        var pane = PaneBuilder(width: width)
        for line in sources.bodyLines(safe, bytes) { pane.add(line, indent: 2) }
        lines = pane.lines
        values = pane.values
    }
}

/// The Response pane: status line, headers and body, or the wait for them.
///
/// A pure function of the frame's snapshot: it builds no request and checks no signature.
enum ResponsePane {
    static func lines(_ frame: FrameSnapshot, width: Int) -> PaneContent {
        frame.responsePane(width: width)
    }
}
