import Foundation

/// What can work after a failed step: building the same step again, or only a new authorize
/// request (new `state`, `nonce` and PKCE), because a retry would fail the same way.
///
/// The TUI's footer and `n`, and `run`'s last line, read this one rule.
public enum NextMove: Equatable, Sendable {
    /// Building the failed step's request again can work (an edit, a new password, a server that recovers).
    case retry
    /// Only a new authorize request can work; `because` says why a retry cannot, in words for people.
    case restart(because: String)
}

extension AuthorizationCodeFlow {
    /// The move that can work after the current failure; `nil` unless a step has failed.
    public var nextMove: NextMove? {
        guard case .failed(let step, let failure) = phase else { return nil }
        return restartReason(step: step, failure: failure).map { .restart(because: $0) } ?? .retry
    }

    /// Why only a new authorize can work after `failure` at `step`, or `nil` when a retry can.
    private func restartReason(step: FlowStep, failure: FlowFailure) -> String? {
        if case .stateMismatch = failure {
            return
                "the callback's state is not this flow's; waiting again cannot change it, a new authorize request sends a new state"
        }
        if signsOnInBrowser, record.last?.action == .callbackFromBrowser, step == .signOn || step == .authorize {
            return
                "the browser's redirect ended this authorization request"
        }
        if step == .signOn || step == .resume, let cleared = cookiesClearedSinceAuthorize {
            let names = cleared.isEmpty ? "" : " (\(cleared.joined(separator: ", ")))"
            return
                "the cookie jar was cleared\(names) after authorize; a retry goes without the session cookie again, a new authorize sets it"
        }
        if step == .signOn || step == .resume, case .pingOneError(_, let error) = failure, error.code == "NOT_FOUND" {
            return "this flow is gone (expired or unknown); a retry asks for the same flowId"
        }
        if step == .token, let index = record.lastIndex(where: { $0.step == .token }) {
            let facts = CauseFacts(configuration: configuration, record: record, index: index)
            if facts.codeAlreadyRedeemed {
                return "this code was already redeemed; a retry sends the same code again"
            }
            if let age = facts.codeAge, age > (facts.codeLifetime ?? CauseFacts.recommendedCodeLifetime) {
                return "this code has expired; a retry sends the same code again"
            }
            if case .oauthError(let error) = failure, error.error == "invalid_grant" {
                return "the server refused this code (invalid_grant); a retry sends the same code again"
            }
        }
        return nil
    }

    /// The cookies cleared (`x`) since the last authorize request, or `nil` when the jar was not cleared.
    private var cookiesClearedSinceAuthorize: [String]? {
        let start = record.lastIndex { $0.step == .authorize && $0.action != .callbackFromBrowser } ?? 0
        var cleared: [String]?
        for change in record[start...].dropFirst().flatMap(\.changes) + pendingChanges {
            if case .cookiesCleared(let names) = change { cleared = (cleared ?? []) + names }
        }
        return cleared
    }
}
