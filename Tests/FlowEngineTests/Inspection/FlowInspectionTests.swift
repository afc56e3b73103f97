import Foundation
import TestSupport
import Testing

@testable import FlowEngine

/// During a flow, tokens are checked against the values this run sent and received.
@Suite struct FlowInspectionTests {
    static let sentNonce = "run-nonce-8d2f"

    /// A flow at the inspect step: authorize sent `nonce`, `max_age` and `acr_values`; the token
    /// response carried an ID token, a JWT access token and a `Date` header 3 s ahead.
    private func flow(
        authorizeQuery: String = "nonce=\(sentNonce)&max_age=600&acr_values=Single_Factor%20Multi_Factor",
        idClaims: JSONValue? = nil,
        accessTokenInResponse: String? = nil,
        clientID: String = Sample.clientID
    ) throws -> AuthorizationCodeFlow {
        var flow = AuthorizationCodeFlow(
            configuration: Fixture.configuration { $0.clientID = clientID }, randomness: .fixed())
        let authorize = StepRecord(
            step: .authorize, action: .authorize(sentBy: .authflow(.get)),
            request: HTTPRequest(
                method: "GET",
                url: "\(Sample.issuer)/authorize?response_type=code&client_id=\(clientID)&\(authorizeQuery)"),
            sentAt: Sample.now.addingTimeInterval(-30))
        var token = StepRecord(
            step: .token, action: .redeemCode, request: HTTPRequest(method: "POST", url: "\(Sample.issuer)/token"),
            sentAt: Sample.now.addingTimeInterval(-1))
        token.elapsed = .milliseconds(500)
        token.decoded.serverDate = Sample.now.addingTimeInterval(2.5)
        flow.record = [authorize, token]
        flow.code = Sample.code

        let accessToken = try TestToken.sign(
            header: TestToken.header("RS256", kid: Sample.kid, typ: "at+jwt"),
            claims: Sample.accessClaims(), key: .vectorRSA)
        let claims = (idClaims ?? Sample.idClaims())
            .setting("nonce", .string(Self.sentNonce))
            .setting("at_hash", .string(TokenHash.leftHalf(of: accessToken, algorithm: .rs256)))
        flow.tokens = TokenSet(
            json: .object([
                JSONMember("access_token", .string(accessTokenInResponse ?? accessToken)),
                JSONMember("token_type", .string("Bearer")),
                JSONMember("id_token", .string(try Sample.idToken(claims))),
            ]))
        let jwks = try Vectors.json("rs256-test-jwks.json")
        let key = try #require(jwks["keys"]?.elements?.first).setting("kid", .string(Sample.kid))
        flow.keySet = .object(["keys": .array([key])])
        return flow
    }

    @Test func expectationsAreWhatTheRunSentAndReceived() throws {
        let flow = try flow()
        let expectations = flow.tokenExpectations(kind: .idToken, now: Sample.now)
        #expect(expectations.issuer == Sample.issuer)
        #expect(expectations.clientID == Sample.clientID)
        #expect(expectations.nonce == Self.sentNonce)
        #expect(expectations.maxAge == 600)
        #expect(expectations.acrValues == ["Single_Factor", "Multi_Factor"])
        #expect(expectations.code == Sample.code)
        #expect(expectations.accessToken == flow.tokens?.accessToken)
        #expect(
            expectations.serverClock
                == ClockSkew(
                    serverDate: Sample.now.addingTimeInterval(2.5),
                    localDate: Sample.now.addingTimeInterval(-0.5)))
    }

    @Test func everyTokenOfTheRunPassesEveryCheck() throws {
        let inspected = try flow().inspectTokens(now: Sample.now)
        #expect(inspected.map(\.name) == ["id_token", "access_token"])
        for token in inspected {
            #expect(token.inspection.failures == [], "\(token.name): \(token.inspection.failures.map(\.reason))")
            #expect(token.inspection.signature?.isVerified == true)
        }
        let id = try #require(inspected.first?.inspection)
        for name in ["iss", "aud", "nonce", "at_hash", "c_hash", "auth_time", "acr"] {
            #expect(id.check(name)?.outcome == .pass, "\(name)")
        }
        #expect(id.check("exp")?.clocks == TokenCheck.ClockVerdict(passesOnLocalClock: true, passesOnServerClock: true))
    }

    @Test func aDifferentNonceSentFailsOnlyTheNonce() throws {
        let inspected = try flow(authorizeQuery: "nonce=another&max_age=600&acr_values=Single_Factor").inspectTokens(
            now: Sample.now)
        #expect(inspected.first?.inspection.failures.map(\.name) == ["nonce"])
        #expect(inspected.last?.inspection.failures == [])
    }

    @Test func aDifferentClientFailsOnlyTheAudienceAndClientID() throws {
        let inspected = try flow(clientID: "another-client").inspectTokens(now: Sample.now)
        #expect(inspected.first?.inspection.failures.map(\.name) == ["aud"])
        #expect(inspected.last?.inspection.failures.map(\.name) == ["client_id"])
    }

    @Test func aDifferentAccessTokenFailsOnlyAtHash() throws {
        let inspected = try flow(accessTokenInResponse: "opaque-and-different").inspectTokens(now: Sample.now)
        #expect(inspected.map(\.name) == ["id_token"], "an opaque access token is not inspected")
        #expect(inspected.first?.inspection.failures.map(\.name) == ["at_hash"])
    }

    @Test func valuesInsideARequestObjectCount() throws {
        let object = try TestToken.sign(
            header: TestToken.header("HS256"),
            claims: .object(["nonce": .string("from-request-object"), "max_age": .integer(30)]), key: .secret)
        let flow = try flow(authorizeQuery: "request=\(object)")
        let expectations = flow.tokenExpectations(kind: .idToken, now: Sample.now)
        #expect(expectations.nonce == "from-request-object")
        #expect(expectations.maxAge == 30)
        #expect(expectations.acrValues == [])
    }

    @Test func noTokensNothingToInspect() {
        let flow = AuthorizationCodeFlow(configuration: Fixture.configuration(), randomness: .fixed())
        #expect(flow.inspectTokens(now: Sample.now) == [])
    }
}
