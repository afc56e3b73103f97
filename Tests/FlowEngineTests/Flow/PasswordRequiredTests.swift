import FlowEngine
import Foundation
import Testing

/// PASSWORD_REQUIRED: a live session asks for the password only, answered with usernamePassword.check.
@Suite struct PasswordRequiredTests {
    static let link = SignOnStatusTests.link

    @Test func passwordRequiredWithTheCheckLinkIsAnsweredLikeUsernamePassword() {
        let body =
            #"{"id":"f1","status":"PASSWORD_REQUIRED","_links":{"usernamePassword.check":{"href":"\#(Self.link)"}},"_embedded":{"user":{"id":"u1","username":"demo"}}}"#
        var (flow, action) = SignOnStatusTests().read(body)
        // The configured credentials answer the first ask, as at USERNAME_PASSWORD_REQUIRED.
        #expect(action == .awaitSend(.signOn))
        #expect(flow.draft.map(\.name) == ["username", "password"])
        guard case .send(let request, .signOn) = flow.send(at: Fixture.now) else {
            Issue.record("expected usernamePassword.check to be sent")
            return
        }
        #expect(request.url == Self.link)
        #expect(request.header("Content-Type") == AuthorizationCodeFlow.usernamePasswordCheck)
    }

    @Test func passwordRequiredWithoutTheCheckLinkIsNamedWithAWayOn() {
        let body =
            #"{"id":"f1","status":"PASSWORD_REQUIRED","_links":{"self":{"href":"\#(Self.link)"},"user.lookup":{"href":"\#(Self.link)"}}}"#
        let (_, action) = SignOnStatusTests().read(body)
        #expect(action == .failed(.signOnNeedsBrowser(status: "PASSWORD_REQUIRED", links: ["user.lookup"])))
    }
}
