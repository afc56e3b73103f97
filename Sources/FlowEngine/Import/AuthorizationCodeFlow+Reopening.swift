import Foundation

extension AuthorizationCodeFlow {
    /// A flow rebuilt from a saved session: each saved request is recorded as sent and its response
    /// read by the same step readers a live flow uses, so the decoding, the `state` check, the
    /// causes and the token checks are the engine's, not the file's.
    ///
    /// - Parameter keySet: a JWKS to check the tokens' signatures with when the session fetched none
    ///   (`authflow open --jwks`).
    public static func reopening(_ session: SavedSession, keySet: JSONValue? = nil) -> AuthorizationCodeFlow {
        // The randomness is never used: state and nonce come from the saved authorize request.
        var flow = AuthorizationCodeFlow(configuration: session.configuration, randomness: .fixed())
        flow.state = ""
        flow.nonce = nil
        flow.pkce = nil
        flow.draft = []
        for exchange in session.exchanges {
            flow.replay(exchange)
        }
        if let keySet, flow.keySet == nil {
            flow.keySet = keySet
        }
        flow.draft = []
        return flow
    }

    /// Records one saved exchange and reads its response as the live flow would have.
    mutating func replay(_ exchange: SavedExchange) {
        let sentAt = exchange.sentAt
        if exchange.action == .callbackFromBrowser {
            phase = .needsBrowserCallback(authorizeURL: lastAuthorizeRequest?.request.url ?? "")
            _ = receiveCallback(exchange.request.url, at: sentAt)
            record[record.count - 1].attempt = exchange.attempt
            record[record.count - 1].changes = exchange.changes
            return
        }
        if exchange.step == .authorize || exchange.step == .par {
            // What this attempt sent is what its callback and tokens are checked against.
            let sent = BrowserHARAnalysis.parameters(of: exchange.request)
            if exchange.step == .par || sent.value("request_uri") == nil {
                state = sent.value("state") ?? ""
                nonce = sent.value("nonce")
            }
            code = nil
        }
        var entry = StepRecord(step: exchange.step, action: exchange.action, request: exchange.request, sentAt: sentAt)
        entry.attempt = exchange.attempt
        entry.changes = exchange.changes
        entry.decoded.cookiesSent = exchange.request.header("Cookie").map(Self.cookieNames) ?? []
        record.append(entry)
        let elapsed = exchange.elapsed ?? .zero
        let receivedAt = sentAt.addingTimeInterval(Double(elapsed.milliseconds) / 1000)
        guard let response = exchange.response else {
            phase = .waitingForResponse(exchange.step)
            _ = transportFailed(.other(exchange.transportError ?? "no response"), at: receivedAt, elapsed: elapsed)
            return
        }
        if exchange.bodyMissing, response.body.isEmpty {
            // What the body said is not in the file: shown as received, not judged.
            record[record.count - 1].response = response
            record[record.count - 1].elapsed = elapsed
            decodeCommon(response, at: receivedAt)
            phase = .ready(exchange.step)
            return
        }
        if exchange.step == .authorize, exchange.action == .authorize(sentBy: .browser), signsOnInBrowser {
            // The browser went on to the provider's own sign-on page: the callback ends that step.
            record[record.count - 1].response = response
            record[record.count - 1].elapsed = elapsed
            decodeCommon(response, at: receivedAt)
            if let location = response.header("Location"), Self.isRedirect(location, to: configuration.redirectURI) {
                switch readCallback(location) {
                case .success(let next): phase = next
                case .failure(let failure):
                    record[record.count - 1].failure = failure
                    phase = .failed(.authorize, failure)
                }
            } else {
                phase = .needsBrowserCallback(authorizeURL: exchange.request.url)
            }
            return
        }
        phase = .waitingForResponse(exchange.step)
        _ = receive(response, at: receivedAt, elapsed: elapsed)
    }
}
