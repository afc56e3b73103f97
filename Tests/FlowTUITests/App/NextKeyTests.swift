import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// The key offered after a failure is one that can work: the footer and `n` read the engine's
/// `nextMove`, so after `x` a failing Flow API read offers `r`, and a server fault still offers `n`.
@Suite struct NextKeyTests {
    /// The demo flow past authorize (the `ST` cookie set), its flow read answered `status` with `body`.
    func failedRead(clearingCookies: Bool, status: Int, body: String) -> AppModel {
        var model = DemoFlow.model()
        _ = DemoFlow.send(&model, answer: DemoFlow.authorizeRedirect())
        if clearingCookies { DemoFlow.press(.character("x"), &model) }
        _ = DemoFlow.send(&model, answer: DemoFlow.json(body, status: status, reason: "Error"))
        return model
    }

    @Test func afterClearingTheCookiesAFailedReadOffersRestart() {
        var model = failedRead(
            clearingCookies: true, status: 401,
            body: #"{"id":"e1","code":"ACCESS_FAILED","message":"The request could not be completed."}"#)
        guard case .failed(.signOn, _) = model.flow.phase else {
            Issue.record("expected the sign-on to fail, got \(model.flow.phase)")
            return
        }
        let footer = model.keyBar.line(width: 300).plainText
        #expect(footer.hasPrefix("r restart"), "\(footer)")
        #expect(!footer.contains("n retry"))
        #expect(DemoFlow.press(.character("n"), &model) == .none)
        #expect(model.notice?.contains("the cookie jar was cleared (ST, ST-NO-SS) after authorize") == true)
        #expect(model.flow.phase != .ready(.signOn), "n built no retry")
    }

    @Test func theSameFailureWithTheCookiesKeptOffersRetry() {
        var model = failedRead(
            clearingCookies: false, status: 500,
            body: #"{"id":"e2","code":"UNEXPECTED_ERROR","message":"An unexpected error occurred."}"#)
        let footer = model.keyBar.line(width: 300).plainText
        #expect(footer.hasPrefix("n retry"), "\(footer)")
        #expect(footer.contains("r restart"))
        DemoFlow.press(.character("n"), &model)
        #expect(model.flow.phase == .ready(.signOn))
    }
}
