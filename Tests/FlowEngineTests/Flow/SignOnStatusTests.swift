import FlowEngine
import Foundation
import Testing

/// Flow API statuses beyond the password: MFA and password stages read from the flow, and the others
/// named with their links and a way on.
@Suite struct SignOnStatusTests {
    static let signOnPage = "https://apps.pingone.com/e/signon/?flowId=f1"
    static let link = "https://auth.pingone.com/e/flows/f1"

    /// A flow whose flow read answered `body`.
    func read(_ body: String) -> (AuthorizationCodeFlow, FlowAction) {
        var flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: .fixed(seed: 3))
        _ = flow.send(at: Fixture.now)
        _ = flow.receive(.redirect(Self.signOnPage), at: Fixture.now, elapsed: .zero)
        _ = flow.send(at: Fixture.now)
        let action = flow.receive(.json(200, "OK", body), at: Fixture.now, elapsed: .zero)
        return (flow, action)
    }

    @Test func otpRequiredReadsTheSelectedDeviceAndBuildsTheCheck() {
        let body =
            #"{"id":"f1","status":"OTP_REQUIRED","_links":{"otp.check":{"href":"\#(Self.link)"}},"_embedded":{"devices":[{"id":"d1","type":"SMS","phone":"*******01"}]},"selectedDevice":{"id":"d1"}}"#
        var (flow, action) = read(body)
        #expect(action == .awaitCredentials)
        #expect(flow.signOnInput == .otp)
        #expect(flow.signOn?.selectedDevice == MFADevice(id: "d1", type: "SMS", maskedAddress: "*******01"))
        #expect(flow.enterCredentials(username: "u", password: "p") == .none)
        #expect(flow.enterOTP("123456") == .awaitSend(.signOn))
        #expect(flow.draft == [FormParameter("otp", "123456")])
        guard case .send(let request, .signOn) = flow.send(at: Fixture.now) else {
            Issue.record("expected otp.check to be sent")
            return
        }
        #expect(request.url == Self.link)
        #expect(request.header("Content-Type") == "application/vnd.pingidentity.otp.check+json")
        #expect(flow.record.last?.action == .checkOTP)
        #expect(flow.record.last?.action.kind == "flow.check_otp")
    }

    @Test(arguments: [
        ("AGREEMENT_CONSENT_REQUIRED", "user.consent", "accept an agreement"),
        ("PROFILE_DATA_REQUIRED", "user.update", "profile data"),
        ("SIGN_ON_REQUIRED", "user.lookup", "identifier-first"),
        ("EXTERNAL_AUTHENTICATION_REQUIRED", "socialProviders", "social or external identity provider"),
        ("SOMETHING_NEW", "something.do", "SOMETHING_NEW"),
    ])
    func otherStatusesAreNamedWithTheirLinksAndAWayOn(status: String, link: String, meaning: String) {
        let body =
            #"{"id":"f1","status":"\#(status)","_links":{"self":{"href":"\#(Self.link)"},"\#(link)":{"href":"\#(Self.link)"},"signOnPage":{"href":"\#(Self.signOnPage)"}}}"#
        let (flow, action) = read(body)
        let failure = FlowFailure.signOnNeedsBrowser(status: status, links: [link, "signOnPage"])
        #expect(action == .failed(failure))
        #expect(failure.description.contains(meaning))
        #expect(failure.description.contains("offering \(link), signOnPage"))
        #expect(!failure.description.contains("unsupported"))
        #expect(failure.likelyCause?.contains("--browser") == true)
        #expect(flow.record.last?.decoded.flowLinks.contains(link) == true)
    }

    @Test func aDaVinciResponseIsNamedAsOne() {
        let (_, action) = read(#"{"interactionId":"i1","interactionToken":"t","_links":{"next":{"href":"x"}}}"#)
        guard case .failed(let failure) = action else {
            Issue.record("expected a failure, got \(action)")
            return
        }
        #expect(failure == .signOnNeedsBrowser(status: "DaVinci interaction", links: ["next"]))
        #expect(failure.description.contains("DaVinci"))
        #expect(failure.likelyCause?.contains("--browser") == true)
    }
}
