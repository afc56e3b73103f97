import FlowEngine

/// A push to approve (PUSH_CONFIRMATION_REQUIRED) in the TUI: the clock reads the flow again when a
/// poll is due, each poll a step entry of its own; `d` cancels the push to choose another device.
extension AppModel {
    /// On a tick: sends the next poll of a waiting push when it is due and nothing else is going on.
    mutating func pollPushIfDue() -> AppCommand {
        guard inFlight == nil, overlay == nil, let delay = flow.pushPollDelay(at: now) else { return .none }
        let device = flow.signOn?.selectedDevice.map { " to \(TerminalSafe.line($0.summary))" } ?? ""
        let cancel = flow.canCancelPush ? "; d cancels it to choose another device" : ""
        guard delay == .zero else {
            notice =
                "Push sent\(device): approve it on the phone. authflow reads the flow again every "
                + "\(Self.wholeSeconds(flow.configuration.pushPollInterval)) s (poll \((flow.signOn?.pushPolls ?? 0) + 1) next)\(cancel)."
            return .none
        }
        viewedStep = nil
        return follow(flow.send(at: now))
    }

    /// `d`: cancels the waiting push (`cancel.push.authentication`), for `n` to send.
    mutating func cancelPush() -> AppCommand {
        viewedStep = nil
        let command = follow(flow.cancelPush())
        notice = "cancel.push.authentication built: n sends it, then choose another device."
        return command
    }

    /// Why `d` does nothing now.
    var cancelPushDisabledReason: String? {
        if let reason = inFlightReason { return reason }
        return flow.canCancelPush ? nil : "No push is waiting for approval."
    }

    private static func wholeSeconds(_ duration: Duration) -> Int64 {
        max(1, duration.components.seconds)
    }
}

extension Binding {
    /// `d`: cancel a waiting push to choose another device.
    static let cancelPush = Binding(
        // No row of its own in the help overlay (it would not fit 80x24); the footer shows it while a push waits.
        [.character("d")], section: .flow, help: nil,
        footer: KeyBinding("d", "cancel push"), footerPriority: 25,
        disabledReason: { $0.cancelPushDisabledReason },
        action: { model, _ in model.cancelPush() })
}
