import Foundation

// MARK: - A push to approve (PUSH_CONFIRMATION_REQUIRED)

extension AuthorizationCodeFlow {
    /// Keeps the count and the clock of a waiting push: when it started, how many reads, when the next
    /// read is due; past ``FlowConfiguration/pushDeadline`` the wait fails rather than polling on.
    mutating func trackPush(_ outcome: Result<FlowPhase, FlowFailure>, at now: Date) -> Result<FlowPhase, FlowFailure> {
        guard var signOn else { return outcome }
        defer { self.signOn = signOn }
        guard signOn.awaitsPush, case .success(.ready(.signOn)) = outcome else {
            if !signOn.awaitsPush {
                signOn.pushStartedAt = nil
                signOn.pushPolls = 0
                signOn.nextPollAt = nil
            }
            return outcome
        }
        let started = signOn.pushStartedAt ?? now
        signOn.pushStartedAt = started
        let waited = now.timeIntervalSince(started)
        if waited >= Self.seconds(configuration.pushDeadline) {
            signOn.nextPollAt = nil
            return .failure(
                .pushNotApproved(
                    device: signOn.selectedDevice?.summary, polls: signOn.pushPolls, waitedSeconds: Int(waited),
                    canChooseDevice: signOn.cancelPushURL != nil))
        }
        signOn.nextPollAt = now.addingTimeInterval(Self.seconds(configuration.pushPollInterval))
        return outcome
    }

    /// How long to wait before the next read of a waiting push; nil when the flow is not polling one.
    public func pushPollDelay(at now: Date) -> Duration? {
        guard phase == .ready(.signOn), let signOn, signOn.awaitsPush else { return nil }
        guard let due = signOn.nextPollAt else { return .zero }
        let seconds = max(0, due.timeIntervalSince(now))
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }

    /// Whether the user can cancel the waiting push to choose another device (the flow offered
    /// `cancel.push.authentication`).
    public var canCancelPush: Bool {
        guard signOn?.cancelPushURL != nil else { return false }
        switch phase {
        case .ready(.signOn): return true
        case .failed(.signOn, .pushNotApproved): return true
        default: return false
        }
    }

    /// The user cancelled the waiting push: `cancel.push.authentication` is built, for the sign-on step to send.
    public mutating func cancelPush() -> FlowAction {
        guard canCancelPush, var signOn else { return .none }
        signOn.stage = .cancelPush(URL: signOn.cancelPushURL)
        signOn.nextPollAt = nil
        self.signOn = signOn
        return enter(.success(.ready(.signOn)), step: .signOn)
    }

    /// After a push that was not approved: poll again with a fresh deadline (authflow gave up), or
    /// choose the device again, which sends a new push (PingOne timed it out).
    mutating func retryPush() -> FlowAction {
        guard var signOn else { return awaitedAction }
        pendingChanges.append(.retried)
        signOn.pushStartedAt = nil
        signOn.pushPolls = 0
        signOn.nextPollAt = nil
        self.signOn = signOn
        if signOn.awaitsPush { return enter(.success(.ready(.signOn)), step: .signOn) }
        phase = .needsCredentials
        return awaitedAction
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        let parts = duration.components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}

extension SignOn {
    /// The `cancel.push.authentication` link of a waiting push.
    var cancelPushURL: String? {
        guard case .confirmPush(_, let cancelURL) = stage else { return nil }
        return cancelURL
    }

    /// `the push to MOBILE was not approved: PingOne timed it out after 3 polls`.
    static func describePush(device: String?, polls: Int, waitedSeconds: Int?) -> String {
        let target = device.map { " to \($0)" } ?? ""
        let reads = "\(polls) poll\(polls == 1 ? "" : "s")"
        if let waitedSeconds {
            return "the push\(target) was not approved after \(waitedSeconds) s (\(reads)): authflow stopped polling"
        }
        return "the push\(target) was not approved: PingOne timed it out (PUSH_CONFIRMATION_TIMED_OUT) after \(reads)"
    }

    /// The way on from a push that was not approved.
    static func pushCause(timedOutByServer: Bool, canChooseDevice: Bool) -> String {
        let who =
            timedOutByServer
            ? "Nobody approved the notification on the phone before the MFA policy's push timeout."
            : "Nobody approved the notification on the phone while authflow polled."
        let way =
            canChooseDevice
            ? " Retry to choose the device again (a new push) or another device, such as an OTP one;"
            : " Retry to poll again;"
        return who + way + " or sign on with --browser."
    }
}
