import FlowEngine
import Foundation
import Testing

@testable import FlowTUI

/// After the tokens: UserInfo, introspection, refresh, revoke and sign-off, each a step the user
/// chooses with its key and sends with `n`.
@Suite("Follow-up steps")
struct FollowUpTests: PaneReading {
    static func footer(_ model: AppModel) -> String {
        model.keyBar.line(width: 400).plainText
    }

    @Test func completedFlowOffersEveryFollowUpInTheFooter() {
        let model = DemoFlow.completedWithRefreshToken()
        #expect(model.flow.phase == .completed)
        let footer = Self.footer(model)
        for hint in ["u userinfo", "i introspect", "f refresh", "v revoke", "s sign off"] {
            #expect(footer.contains(hint), "footer lacks \(hint): \(footer)")
        }
        #expect(model.notice == "Tokens received. u i f v s choose a follow-up step; r starts again.")
    }

    @Test func refreshIsNotOfferedWithoutARefreshToken() {
        var model = DemoFlow.model(at: .completed, size: Size(columns: 120, rows: 40))
        #expect(!Self.footer(model).contains("f refresh"))
        #expect(Self.footer(model).contains("u userinfo"))
        #expect(DemoFlow.press(.character("f"), &model) == .none)
        #expect(model.flow.phase == .completed)
        #expect(model.notice?.hasPrefix("No refresh token came with the tokens") == true)
    }

    @Test(arguments: AppModel.followUpKeys.map(\.key))
    func followUpKeysDoNothingBeforeTheTokens(key: Character) {
        var model = DemoFlow.model(at: .signOnReady, size: Size(columns: 120, rows: 40))
        let before = model.flow
        #expect(DemoFlow.press(.character(key), &model) == .none)
        #expect(model.flow == before)
        #expect(model.notice?.contains("comes after the tokens") == true)
        #expect(!Self.footer(model).contains("userinfo"))
    }

    @Test func followUpKeysWaitForTheInspectStep() {
        var model = DemoFlow.model(at: .inspectReady, size: Size(columns: 120, rows: 40))
        #expect(DemoFlow.press(.character("u"), &model) == .none)
        #expect(model.flow.phase == .ready(.inspect))
        #expect(model.notice == "Send 5 Inspect first; then choose a follow-up.")
    }

    @Test(arguments: AppModel.followUpKeys)
    func eachKeyBuildsItsStepForNToSend(key: Character, step: FlowStep) {
        var model = DemoFlow.completedWithRefreshToken()
        #expect(DemoFlow.press(.character(key), &model) == .none)
        #expect(model.flow.phase == .ready(step))
        #expect(model.listedSteps == FlowStep.core + [step])
        #expect(model.notice == "\(step.number) \(step.title) built: n sends it, e edits it.")
        let screen = DemoFlow.render(model).text
        #expect(screen.contains("▸ \(step.number) \(step.title)"))
        #expect(screen.contains("being built"))
        #expect(Self.footer(model).hasPrefix("n send  e edit  u i f v s follow-up"))
        guard case .send(let request, _, _) = DemoFlow.press(.character("n"), &model) else {
            Issue.record("n did not send \(step)")
            return
        }
        #expect(model.inFlight?.step == step)
        #expect(request.url.hasPrefix("\(DemoFlow.base)/as/"))
    }

    @Test func userInfoShowsTheClaims() {
        var model = DemoFlow.completedWithRefreshToken()
        DemoFlow.press(.character("u"), &model)
        let request = DemoFlow.send(&model, answer: DemoFlow.userInfo())
        #expect(request?.method == "GET")
        #expect(request?.url == "\(DemoFlow.base)/as/userinfo")
        #expect(request?.header("Authorization") == "Bearer \(model.flow.tokens?.accessToken ?? "")")
        #expect(model.flow.phase == .completed)
        #expect(model.flow.record.last?.decoded.claims?["email"]?.stringValue == "demo.user@example.com")
        let decoded = Self.text(model, .decoded)
        #expect(DemoFlow.hasRow(decoded, "Claims", "from UserInfo"))
        #expect(DemoFlow.hasRow(decoded, "preferred_username", "demo.user"))
        #expect(
            DemoFlow.hasRow(decoded, "updated_at", "2026-11-18 11:06:40Z (3 d ago)"), "times read as dates: \(decoded)")
        #expect(DemoFlow.render(model).text.contains("✓ 6 UserInfo"))
        #expect(model.notice == "6 UserInfo done. u i f v s choose another follow-up; r starts again.")
        // The bearer token is a secret: masked in the request pane.
        #expect(!DemoFlow.render(model).text.contains(String(model.flow.tokens?.accessToken?.prefix(24) ?? "missing")))
        #expect(DemoFlow.hasRow(Self.text(model, .request), "Authorization", "Bearer ••••••"))
    }

    @Test func introspectionSaysWhetherTheTokenIsActive() {
        var model = DemoFlow.completedWithRefreshToken()
        DemoFlow.press(.character("i"), &model)
        let request = DemoFlow.send(&model, answer: DemoFlow.introspection(active: true))
        #expect(request?.method == "POST")
        #expect(request?.url == "\(DemoFlow.base)/as/introspect")
        #expect(request?.formParameters.value("token_type_hint") == "access_token")
        let decoded = Self.text(model, .decoded)
        #expect(DemoFlow.hasRow(decoded, "result", "the token is active"))
        #expect(decoded.contains("Introspection"))
        #expect(DemoFlow.hasRow(decoded, "exp", "2026-11-22 10:00:00Z (in 59 m)"), "\(decoded)")
        #expect(DemoFlow.render(model).text.contains("✓ 7 Introspect"))
    }

    @Test func refreshShowsTheRotationAndTheNewTokens() {
        var model = DemoFlow.completedWithRefreshToken()
        let before = model.flow.tokens
        DemoFlow.press(.character("f"), &model)
        #expect(model.flow.draft.value("refresh_token") == DemoFlow.refreshToken)
        #expect(!DemoFlow.render(model).text.contains(DemoFlow.refreshToken), "the refresh token is masked")
        let seconds = Int(model.now.timeIntervalSince(DemoFlow.start))
        let request = DemoFlow.send(
            &model,
            answer: DemoFlow.tokens(
                nonce: model.flow.nonce, refreshToken: DemoFlow.rotatedRefreshToken,
                issuedAfter: seconds))
        #expect(request?.formParameters.value("grant_type") == "refresh_token")
        #expect(model.flow.phase == .completed)
        #expect(model.flow.tokens?.refreshToken == DemoFlow.rotatedRefreshToken)
        #expect(model.flow.tokens?.accessToken != before?.accessToken)
        #expect(model.flow.record.last?.decoded.result == .refreshed(rotated: true))
        #expect(
            DemoFlow.hasRow(Self.text(model, .decoded), "result", StepResult.refreshed(rotated: true).description))
        let tokens = Self.text(model, .tokens)
        #expect(DemoFlow.hasRow(tokens, "from", "8 Refresh: the refresh token rotated"), "\(tokens)")
        #expect(model.pane(.tokens).subtitle == "2 checked ✓")
        #expect(DemoFlow.render(model).text.contains("✓ 8 Refresh"))
    }

    @Test func aRefreshedIDTokenNeedNotCarryTheNonce() {
        var model = DemoFlow.completedWithRefreshToken()
        DemoFlow.press(.character("f"), &model)
        let seconds = Int(model.now.timeIntervalSince(DemoFlow.start))
        DemoFlow.send(
            &model,
            answer: DemoFlow.tokens(nonce: nil, refreshToken: DemoFlow.rotatedRefreshToken, issuedAfter: seconds))
        #expect(model.pane(.tokens).subtitle == "2 checked ✓", "\(Self.text(model, .tokens))")
        // Another nonce is still a failure.
        DemoFlow.press(.character("f"), &model)
        DemoFlow.send(
            &model,
            answer: DemoFlow.tokens(
                nonce: "someone-elses-nonce", refreshToken: DemoFlow.refreshToken,
                issuedAfter: seconds))
        #expect(model.pane(.tokens).subtitle == "1 of 2 failing ✗")
    }

    @Test func refreshWithoutRotationSaysSo() {
        var model = DemoFlow.completedWithRefreshToken()
        DemoFlow.press(.character("f"), &model)
        DemoFlow.send(&model, answer: DemoFlow.tokens(nonce: model.flow.nonce, refreshToken: DemoFlow.refreshToken))
        #expect(DemoFlow.hasRow(Self.text(model, .decoded), "result", "the same refresh token stays valid"))
        #expect(DemoFlow.hasRow(Self.text(model, .tokens), "from", "8 Refresh: the same refresh token stays valid"))
    }

    @Test func revokeIsShownOnTheTokens() {
        var model = DemoFlow.completedWithRefreshToken()
        DemoFlow.press(.character("v"), &model)
        let request = DemoFlow.send(&model, answer: DemoFlow.revoked())
        #expect(request?.url == "\(DemoFlow.base)/as/revoke")
        #expect(request?.formParameters.value("token") == DemoFlow.refreshToken)
        #expect(request?.formParameters.value("token_type_hint") == "refresh_token")
        #expect(model.flow.record.last?.decoded.result == .revoked(.refreshToken))
        #expect(
            DemoFlow.hasRow(Self.text(model, .decoded), "result", StepResult.revoked(.refreshToken).description))
        #expect(DemoFlow.hasRow(Self.text(model, .tokens), "revoked", "✗ refresh token at 9 Revoke"))
        #expect(DemoFlow.render(model).text.contains("✓ 9 Revoke"))
    }

    @Test func signOffClearsTheSessionCookie() {
        var model = DemoFlow.completedWithRefreshToken()
        #expect(model.flow.cookieJar.cookies.contains { $0.name == "ST" })
        DemoFlow.press(.character("s"), &model)
        let request = DemoFlow.send(&model, answer: DemoFlow.signedOff())
        #expect(request?.url.hasPrefix("\(DemoFlow.base)/as/signoff?id_token_hint=") == true)
        #expect(request?.header("Cookie")?.contains("ST=\(DemoFlow.sessionCookie)") == true)
        #expect(!model.flow.cookieJar.cookies.contains { $0.name == "ST" })
        let decoded = Self.text(model, .decoded)
        #expect(model.flow.record.last?.decoded.result == .signedOff(sessionCleared: true))
        #expect(DemoFlow.hasRow(decoded, "result", StepResult.signedOff(sessionCleared: true).description))
        #expect(decoded.contains("this response set ST"))
        #expect(DemoFlow.render(model).text.contains("✓ 10 Sign off"))
    }

    @Test func aFailedFollowUpCanBeRetriedOrAnotherChosen() {
        var model = DemoFlow.completedWithRefreshToken()
        DemoFlow.press(.character("u"), &model)
        DemoFlow.send(
            &model,
            answer: DemoFlow.json(
                #"{"error":"invalid_token","error_description":"The token is revoked"}"#,
                status: 401, reason: "Unauthorized"))
        guard case .failed(.userInfo, _) = model.flow.phase else {
            Issue.record("expected UserInfo to fail, got \(model.flow.phase)")
            return
        }
        #expect(DemoFlow.render(model).text.contains("✗ 6 UserInfo"))
        #expect(Self.footer(model).hasPrefix("n retry  u i f v s follow-up"))
        #expect(Self.text(model, .decoded).contains("invalid_token"))
        DemoFlow.press(.character("i"), &model)
        #expect(model.flow.phase == .ready(.introspect))
        #expect(model.listedSteps == FlowStep.core + [.userInfo, .introspect])
        DemoFlow.press(.character("u"), &model)
        #expect(model.flow.phase == .ready(.userInfo))
    }

    @Test func noFollowUpWhileOneIsInFlight() {
        var model = DemoFlow.completedWithRefreshToken()
        DemoFlow.press(.character("u"), &model)
        DemoFlow.press(.character("n"), &model)
        #expect(DemoFlow.press(.character("i"), &model) == .none)
        #expect(model.flow.phase == .waitingForResponse(.userInfo))
        #expect(model.notice == "A request is in flight: esc cancels it.")
        #expect(!Self.footer(model).contains("follow-up"))
    }

    @Test func earlierFollowUpsCanBeLookedAtAgain() {
        var model = DemoFlow.completedWithRefreshToken()
        DemoFlow.press(.character("u"), &model)
        DemoFlow.send(&model, answer: DemoFlow.userInfo())
        DemoFlow.press(.character("s"), &model)
        DemoFlow.send(&model, answer: DemoFlow.signedOff())
        DemoFlow.press(.character("6"), &model)
        #expect(model.viewedStep == .userInfo)
        #expect(Self.text(model, .decoded).contains("preferred_username"))
        DemoFlow.press(.character("]"), &model)
        #expect(model.viewedStep == .signOff, "] reaches sign-off, which has no digit")
        DemoFlow.press(.character("]"), &model)
        #expect(model.notice == "No later step was sent.")
        DemoFlow.press(.character("["), &model)
        DemoFlow.press(.character("["), &model)
        #expect(model.viewedStep == .inspect)
        DemoFlow.press(.escape, &model)
        #expect(model.viewedStep == nil)
        #expect(model.stepKeys == "1-6")
    }

    /// Looking at a step whose response carries no tokens (the JWKS, UserInfo) shows the tokens the
    /// flow held by then, checked; a step before the token response has none yet.
    @Test func aStepAfterTheTokensShowsTheTokensOfThatTime() {
        var model = DemoFlow.completedWithRefreshToken()
        DemoFlow.press(.character("u"), &model)
        DemoFlow.send(&model, answer: DemoFlow.userInfo())
        let live = Self.text(model, .tokens)
        #expect(live.contains("id_token"))
        for key: Character in ["5", "6"] {
            DemoFlow.press(.character(key), &model)
            let shown = Self.text(model, .tokens)
            #expect(!shown.contains("No tokens yet"), "step \(key):\n\(shown)")
            #expect(shown.contains("id_token") && shown.contains("signature"), "step \(key):\n\(shown)")
        }
        DemoFlow.press(.character("3"), &model)
        #expect(Self.text(model, .tokens).contains("No tokens yet"))
    }

    @Test func narrowStepRowKeepsTheCurrentStepNamed() {
        var model = DemoFlow.completedWithRefreshToken(size: Size(columns: 80, rows: 24))
        DemoFlow.press(.character("u"), &model)
        DemoFlow.send(&model, answer: DemoFlow.userInfo())
        DemoFlow.press(.character("f"), &model)
        let row = DemoFlow.render(model).row(1)
        #expect(row.contains("✓1 ✓2 ✓3 ✓4 ✓5 ✓6 ▸ 8 Refresh"), "\(row)")
    }

    @Test func everyKeyAfterTheTokensLeavesAUsableScreen() {
        let keys: [Key] = [
            .character("u"), .character("n"), .character("i"), .character("f"), .character("v"), .character("s"),
            .character("l"), .character("["), .character("]"), .character("0"), .character("9"), .character("e"),
            .escape, .enter, .character("c"), .character("y"), .character("m"), .character("x"), .tab, .character("G"),
        ]
        for size in [Size(columns: 80, rows: 24), Size(columns: 120, rows: 40)] {
            var model = DemoFlow.completedWithRefreshToken(size: size)
            for key in keys + keys {
                _ = model.update(.keyPressed(key))
                let canvas = DemoFlow.render(model)
                #expect(canvas.row(0).hasPrefix("┌"), "after \(key.label)")
                for y in 0..<canvas.size.rows {
                    #expect(DisplayWidth.of(canvas.row(y)) == size.columns)
                }
            }
        }
    }
}
