import Foundation
import Testing

@testable import FlowEngine

/// A change to the expectations a flow would have.
enum ExpectationChange: Sendable {
    case none
    case issuer(String)
    case clientID(String)
    case nonce(String)
    case accessToken(String)
    case code(String)
    case maxAge(Int)
    case acrValues([String])
    case audience(String)

    func apply(to expectations: TokenExpectations) -> TokenExpectations {
        var changed = expectations
        switch self {
        case .none: break
        case .issuer(let value): changed.issuer = value
        case .clientID(let value): changed.clientID = value
        case .nonce(let value): changed.nonce = value
        case .accessToken(let value): changed.accessToken = value
        case .code(let value): changed.code = value
        case .maxAge(let value): changed.maxAge = value
        case .acrValues(let values): changed.acrValues = values
        case .audience(let value): changed.audience = value
        }
        return changed
    }
}

/// A token that differs from the valid sample in one way, and the checks that must then fail.
struct CheckCase: Sendable, CustomTestStringConvertible {
    var name: String
    var claims: [JSONMember] = []
    var removed: [String] = []
    var expectation: ExpectationChange = .none
    var failing: [String]

    var testDescription: String { name }

    func claims(from base: JSONValue) -> JSONValue {
        var value = base
        for member in claims { value = value.setting(member.key, member.value) }
        for name in removed { value = value.setting(name, nil) }
        return value
    }
}

@Suite struct TokenChecksTests {
    static let seconds = Int64(Sample.now.timeIntervalSince1970)

    private func inspect(_ compact: String, _ expectations: TokenExpectations = Sample.expectations()) -> Inspection {
        TokenInspector(keys: Sample.keySet).inspect(compact, expecting: expectations)
    }

    // MARK: - ID token (OIDC Core §3.1.3.7)

    @Test func validIDTokenPassesEveryCheck() throws {
        let inspection = inspect(try Sample.idToken())
        #expect(inspection.kind?.kind == .idToken)
        #expect(inspection.failures == [])
        let names = ["signature", "iss", "aud", "sub", "exp", "iat", "nonce", "at_hash", "c_hash", "auth_time", "acr"]
        for name in names {
            #expect(inspection.check(name)?.outcome == .pass, "\(name): \(inspection.check(name)?.reason ?? "missing")")
        }
        #expect(inspection.check("azp")?.outcome == .notApplicable)
        #expect(inspection.check("nbf")?.outcome == .notApplicable)
        #expect(inspection.check("exp")?.reason == "expires 2027-01-15 08:59:00Z (in 59 m); allowed skew 1 m")
        #expect(
            inspection.check("auth_time")?.reason.hasPrefix(
                "authenticated 2027-01-15 07:58:00Z (2 m ago), within max_age 600 s") == true)
        #expect(inspection.passed)
    }

    static let idTokenCases: [CheckCase] = [
        CheckCase(name: "wrong nonce", expectation: .nonce("n-other"), failing: ["nonce"]),
        CheckCase(name: "nonce missing from the token", removed: ["nonce"], failing: ["nonce"]),
        CheckCase(name: "wrong audience", expectation: .clientID("another-client"), failing: ["aud"]),
        CheckCase(name: "audience given directly", expectation: .audience("another-client"), failing: ["aud"]),
        CheckCase(
            name: "different access token", expectation: .accessToken("another-access-token"), failing: ["at_hash"]),
        CheckCase(
            name: "altered at_hash", claims: [JSONMember("at_hash", .string("77QmUPtjPfzWtF2AnpK9RQ"))],
            failing: ["at_hash"]),
        CheckCase(name: "different code", expectation: .code("another-code"), failing: ["c_hash"]),
        CheckCase(name: "expired", claims: [JSONMember("exp", .integer(seconds - 120))], failing: ["exp"]),
        CheckCase(
            name: "expired but within the skew", claims: [JSONMember("exp", .integer(seconds - 30))], failing: []),
        CheckCase(name: "no exp", removed: ["exp"], failing: ["exp"]),
        CheckCase(name: "exp not a number", claims: [JSONMember("exp", .string("tomorrow"))], failing: ["exp"]),
        CheckCase(name: "iat in the future", claims: [JSONMember("iat", .integer(seconds + 300))], failing: ["iat"]),
        CheckCase(
            name: "iat slightly ahead, within the skew", claims: [JSONMember("iat", .integer(seconds + 30))],
            failing: []),
        CheckCase(name: "nbf in the future", claims: [JSONMember("nbf", .integer(seconds + 300))], failing: ["nbf"]),
        CheckCase(name: "nbf in the past", claims: [JSONMember("nbf", .integer(seconds - 300))], failing: []),
        CheckCase(
            name: "several audiences, no azp",
            claims: [JSONMember("aud", .array([.string(Sample.clientID), .string("api")]))], failing: ["azp"]),
        CheckCase(
            name: "azp names another client",
            claims: [
                JSONMember("aud", .array([.string(Sample.clientID), .string("api")])),
                JSONMember("azp", .string("api")),
            ],
            failing: ["azp"]),
        CheckCase(
            name: "azp names this client",
            claims: [
                JSONMember("aud", .array([.string(Sample.clientID), .string("api")])),
                JSONMember("azp", .string(Sample.clientID)),
            ],
            failing: []),
        CheckCase(
            name: "auth_time older than max_age", claims: [JSONMember("auth_time", .integer(seconds - 3600))],
            failing: ["auth_time"]),
        CheckCase(name: "max_age sent, auth_time missing", removed: ["auth_time"], failing: ["auth_time"]),
        CheckCase(name: "stricter max_age", expectation: .maxAge(30), failing: ["auth_time"]),
        CheckCase(name: "max_age met only thanks to the skew", expectation: .maxAge(60), failing: []),
        CheckCase(
            name: "acr not among those requested", claims: [JSONMember("acr", .string("Passwordless"))],
            failing: ["acr"]),
        CheckCase(name: "acr requested, none returned", removed: ["acr"], failing: ["acr"]),
        CheckCase(name: "other acr requested", expectation: .acrValues(["Multi_Factor"]), failing: ["acr"]),
        CheckCase(
            name: "issuer with a trailing slash", claims: [JSONMember("iss", .string(Sample.issuer + "/"))],
            failing: ["iss"]),
        CheckCase(
            name: "other issuer expected", expectation: .issuer("https://auth.pingone.eu/\(Sample.environmentID)/as"),
            failing: ["iss"]),
        CheckCase(name: "no sub", removed: ["sub"], failing: ["sub"]),
        CheckCase(name: "aud not a string", claims: [JSONMember("aud", .integer(7))], failing: ["aud"]),
    ]

    @Test(arguments: idTokenCases)
    func idTokenFailsExactlyTheMatchingCheck(_ testCase: CheckCase) throws {
        let compact = try Sample.idToken(testCase.claims(from: Sample.idClaims()))
        let inspection = inspect(compact, testCase.expectation.apply(to: Sample.expectations()))
        #expect(inspection.signature?.isVerified == true)
        #expect(
            inspection.failures.map(\.name) == testCase.failing,
            "\(inspection.failures.map { "\($0.name): \($0.reason)" })")
        // Failures sort first.
        #expect(inspection.checks.prefix(testCase.failing.count).map(\.name) == testCase.failing)
        #expect(inspection.isParsed && inspection.passed == testCase.failing.isEmpty)
    }

    @Test func failingReasonsSayWhatWasExpected() throws {
        let nonce = inspect(try Sample.idToken(), ExpectationChange.nonce("n-other").apply(to: Sample.expectations()))
        #expect(
            nonce.check("nonce")?.reason.contains("nonce is \"\(Sample.nonce)\"; the request sent \"n-other\"") == true)

        let audience = inspect(
            try Sample.idToken(), ExpectationChange.clientID("another").apply(to: Sample.expectations()))
        #expect(audience.check("aud")?.reason == "aud is [\"\(Sample.clientID)\"]; it does not contain \"another\"")

        let hash = inspect(try Sample.idToken(), ExpectationChange.accessToken("x").apply(to: Sample.expectations()))
        let expected = TokenHash.leftHalf(of: "x", algorithm: .rs256)
        #expect(
            hash.check("at_hash")?.reason.contains(
                "hashes to \"\(expected)\" (left half of SHA-256 of the access token, base64url)") == true)

        let slash = inspect(try Sample.idToken(Sample.idClaims().setting("iss", .string(Sample.issuer + "/"))))
        #expect(slash.check("iss")?.reason.contains("differ only by a trailing slash") == true)

        let future = inspect(try Sample.idToken(Sample.idClaims().setting("iat", .integer(Self.seconds + 300))))
        #expect(future.check("iat")?.reason == "issued in the future: 2027-01-15 08:05:00Z (in 5 m); allowed skew 1 m")

        let noExp = inspect(try Sample.idToken(Sample.idClaims().setting("exp", nil)))
        #expect(noExp.check("exp")?.reason.contains("no expiry") == true)
        #expect(noExp.check("exp")?.reason.contains("expired") == false)
    }

    @Test func withoutExpectationsTheValueChecksDoNotApply() throws {
        let inspection = TokenInspector().inspect(try Sample.idToken(), expecting: TokenExpectations(now: Sample.now))
        #expect(inspection.failures == [])
        for name in ["signature", "iss", "aud", "nonce", "at_hash", "c_hash", "auth_time", "acr"] {
            #expect(inspection.check(name)?.outcome == .notApplicable, "\(name)")
        }
        #expect(inspection.check("nonce")?.reason == "nonce is \"\(Sample.nonce)\"; no nonce given to compare")
        #expect(inspection.passed)
    }

    @Test(arguments: [SignatureAlgorithm.es384, .ps512, .hs384])
    func hashesFollowTheAlgorithmsSHA2Size(algorithm: SignatureAlgorithm) throws {
        let key = TestKey.forAlgorithm(algorithm)
        let compact = try TestToken.sign(
            header: TestToken.header(algorithm.rawValue, kid: "k"),
            claims: Sample.idClaims(algorithm: algorithm), key: key)
        var jwk = key.publicJWK(kid: "k")
        jwk.origin = .keySet(index: 0)
        let inspection = TokenInspector(keys: JSONWebKeySet(keys: [jwk])).inspect(
            compact, expecting: Sample.expectations())
        #expect(inspection.failures == [])
        #expect(inspection.check("at_hash")?.reason.contains("SHA-\(algorithm.hashBits)") == true)
        // The same claims hashed with SHA-256 do not match a 384/512-bit algorithm.
        let wrong = try TestToken.sign(
            header: TestToken.header(algorithm.rawValue, kid: "k"),
            claims: Sample.idClaims(algorithm: .rs256), key: key)
        let failing = TokenInspector(keys: JSONWebKeySet(keys: [jwk])).inspect(wrong, expecting: Sample.expectations())
        #expect(failing.failures.map(\.name) == ["at_hash", "c_hash"])
    }

    @Test func tamperedIDTokenFailsOnlyTheSignature() throws {
        let compact = try Sample.idToken()
        let tampered = TestToken.tampered(compact, claims: Sample.idClaims().setting("sub", .string("someone-else")))
        let inspection = inspect(tampered)
        #expect(inspection.failures.map(\.name) == ["signature"])
        #expect(inspection.signature?.code == "bad_signature")
    }

    // MARK: - Access tokens (RFC 9068)

    private func accessToken(_ claims: JSONValue = Sample.accessClaims(), typ: String? = "at+jwt") throws -> String {
        try TestToken.sign(
            header: TestToken.header("RS256", kid: Sample.kid, typ: typ), claims: claims, key: .vectorRSA)
    }

    @Test func validAccessTokenPassesRFC9068Checks() throws {
        var expectations = Sample.expectations()
        expectations.audience = "https://api.pingone.com"
        let inspection = inspect(try accessToken(), expectations)
        #expect(inspection.kind == TokenKindDecision(kind: .accessToken, reason: "header typ is at+jwt"))
        #expect(
            inspection.checks.map(\.name) == [
                "signature", "typ", "iss", "exp", "aud", "sub", "client_id", "iat", "jti", "nbf",
            ])
        #expect(inspection.failures == [])
        #expect(inspection.check("client_id")?.reason == "client_id is \"\(Sample.clientID)\", as expected")
    }

    static let accessTokenCases: [CheckCase] = [
        CheckCase(name: "no jti", removed: ["jti"], failing: ["jti"]),
        CheckCase(name: "no client_id", removed: ["client_id"], failing: ["client_id"]),
        CheckCase(name: "other client_id", claims: [JSONMember("client_id", .string("other"))], failing: ["client_id"]),
        CheckCase(name: "no sub", removed: ["sub"], failing: ["sub"]),
        CheckCase(name: "no aud", removed: ["aud"], failing: ["aud"]),
        CheckCase(name: "other audience expected", expectation: .audience("https://api.example.com"), failing: ["aud"]),
        CheckCase(name: "no iat", removed: ["iat"], failing: ["iat"]),
        CheckCase(name: "expired", claims: [JSONMember("exp", .integer(seconds - 3600))], failing: ["exp"]),
        CheckCase(
            name: "other issuer", claims: [JSONMember("iss", .string("https://evil.example/as"))], failing: ["iss"]),
    ]

    @Test(arguments: accessTokenCases)
    func accessTokenFailsExactlyTheMatchingCheck(_ testCase: CheckCase) throws {
        let compact = try accessToken(testCase.claims(from: Sample.accessClaims()))
        let expectations = testCase.expectation.apply(to: Sample.expectations(kind: .accessToken))
        let inspection = inspect(compact, expectations)
        #expect(
            inspection.failures.map(\.name) == testCase.failing,
            "\(inspection.failures.map { "\($0.name): \($0.reason)" })")
    }

    @Test func accessTokenTypHeader() throws {
        let expectations = Sample.expectations(kind: .accessToken)
        #expect(inspect(try accessToken(typ: "application/at+jwt"), expectations).check("typ")?.outcome == .pass)
        #expect(inspect(try accessToken(typ: nil), expectations).check("typ")?.outcome == .notApplicable)
        let jwt = inspect(try accessToken(typ: "JWT"), expectations)
        #expect(jwt.failures.map(\.name) == ["typ"])
    }

    // MARK: - Kinds

    @Test func kindIsDetectedFromHeaderAndClaims() {
        let header = TestToken.header("RS256")
        #expect(
            TokenKindDecision.detect(header: TestToken.header("RS256", typ: "at+JWT"), claims: .object([])).kind
                == .accessToken)
        #expect(TokenKindDecision.detect(header: header, claims: Sample.idClaims()).kind == .idToken)
        #expect(
            TokenKindDecision.detect(header: header, claims: Sample.accessClaims())
                == TokenKindDecision(
                    kind: .accessToken,
                    reason: "it has client_id, scope, and its aud (https://api.pingone.com) is not that client"))
        #expect(TokenKindDecision.detect(header: header, claims: .object(["iss": .string("joe")])).kind == .other)
    }

    @Test func otherJWTWithoutExpIsNotExpired() throws {
        let compact = try TestToken.sign(
            header: TestToken.header("RS256"), claims: .object(["iss": .string("joe")]), key: .vectorRSA)
        let inspection = TokenInspector(keys: Sample.keySet).inspect(
            compact, expecting: TokenExpectations(now: Sample.now))
        #expect(inspection.kind?.kind == .other)
        #expect(
            inspection.check("exp")
                == TokenCheck(
                    name: "exp", outcome: .notApplicable,
                    reason: "no exp claim: the token has no expiry", reference: "RFC 7519 §4.1.4"))
        #expect(inspection.passed)
    }

    // MARK: - Clock skew

    @Test func serverClockAheadMakesANearExpiryFailThere() throws {
        let skew = try ClockSkew(dateHeader: "Fri, 15 Jan 2027 08:10:00 GMT", receivedAt: Sample.now)
        #expect(skew.offset == 600)
        var expectations = Sample.expectations()
        expectations.serverClock = skew
        let compact = try Sample.idToken(Sample.idClaims().setting("exp", .integer(Self.seconds + 300)))
        let exp = try #require(inspect(compact, expectations).check("exp"))
        #expect(exp.outcome == .pass)
        #expect(exp.clocks == TokenCheck.ClockVerdict(passesOnLocalClock: true, passesOnServerClock: false))
        #expect(
            exp.reason.hasSuffix(
                "but fails on the server's clock (server clock 10 m ahead): the server may already reject it"))
    }

    @Test func localClockBehindMakesIatLookFutureButPassOnTheServerClock() throws {
        var expectations = Sample.expectations()
        expectations.serverClock = ClockSkew(serverDate: Sample.now.addingTimeInterval(600), localDate: Sample.now)
        let compact = try Sample.idToken(Sample.idClaims().setting("iat", .integer(Self.seconds + 590)))
        let inspection = inspect(compact, expectations)
        let iat = try #require(inspection.check("iat"))
        #expect(iat.outcome == .fail)
        #expect(iat.clocks == TokenCheck.ClockVerdict(passesOnLocalClock: false, passesOnServerClock: true))
        #expect(iat.reason.contains("the local clock looks wrong"))
        #expect(
            inspection.check("exp")?.clocks
                == TokenCheck.ClockVerdict(passesOnLocalClock: true, passesOnServerClock: true))
    }

    @Test func clockSkewDescription() throws {
        #expect(
            ClockSkew(serverDate: Sample.now.addingTimeInterval(-125), localDate: Sample.now).description
                == "the server's clock is 2 m behind the local clock (server Date 2027-01-15 07:57:55Z, local 2027-01-15 08:00:00Z)"
        )
        #expect(ClockSkew(serverDate: Sample.now.addingTimeInterval(1), localDate: Sample.now).isInStep)
    }

    @Test func dateHeaderIsRead() throws {
        let skew = try ClockSkew(dateHeader: "Fri, 15 Jan 2027 08:00:05 GMT", receivedAt: Sample.now)
        #expect(skew.offset == 5)
        #expect(!skew.isInStep)
    }

    @Test(arguments: ["", "yesterday", "Fri, 15 Foo 2027 08:00:00 GMT", "1800000000"])
    func unreadableDateHeaderSaysWhy(value: String) {
        #expect(throws: ClockSkew.DateHeaderError(value: value)) {
            try ClockSkew(dateHeader: value, receivedAt: Sample.now)
        }
        #expect(ClockSkew.DateHeaderError(value: value).description.contains("RFC 9110 §5.6.7"))
    }
}

extension TokenChecksTests {
    @Test func duplicateNamesFailWhereTheyOccur() throws {
        let header = JSONValue.object([
            JSONMember("alg", .string("RS256")), JSONMember("kid", .string(Sample.kid)),
            JSONMember("alg", .string("none")),
        ])
        var claims = Sample.idClaims()
        claims = .object((claims.members ?? []) + [JSONMember("sub", .string("someone-else"))])
        let compact = try TestToken.sign(header: header, claims: claims, key: .vectorRSA)
        let inspection = inspect(compact)
        #expect(inspection.signature?.isVerified == true, "the first alg, RS256, is the one read")
        #expect(inspection.failures.map(\.name) == ["header", "claims"])
        #expect(inspection.check("claims")?.reason.hasPrefix("the claims has [\"sub\"] more than once") == true)
        #expect(inspection.check("header")?.reference == "RFC 7515 §5.2 step 4")
        // Without duplicates there is no such line.
        #expect(self.inspect(try Sample.idToken()).check("header") == nil)
    }
}

/// The `acr_values` sent, as `decode --acr-values` and the flow's own request give them.
@Suite struct TokenExpectationsTests {
    @Test func acrValuesAreSpaceSeparated() {
        #expect(
            TokenExpectations.acrValues(parsing: "Single_Factor  Multi_Factor") == ["Single_Factor", "Multi_Factor"])
        #expect(TokenExpectations.acrValues(parsing: nil) == [])
    }
}
