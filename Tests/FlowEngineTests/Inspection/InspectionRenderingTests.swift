import Foundation
import Testing

@testable import FlowEngine

/// The text and JSON renderers: order kept, sections present, nothing raw from the token.
@Suite struct InspectionRenderingTests {
    private func inspect(_ compact: String, _ expectations: TokenExpectations = Sample.expectations()) -> Inspection {
        TokenInspector(keys: Sample.keySet).inspect(compact, expecting: expectations)
    }

    @Test func textShowsEverySectionWithFailuresFirst() throws {
        let compact = try Sample.idToken(
            Sample.idClaims().setting("exp", .integer(Int64(Sample.now.timeIntervalSince1970) - 7200)))
        var expectations = Sample.expectations()
        expectations.serverClock = ClockSkew(serverDate: Sample.now.addingTimeInterval(3), localDate: Sample.now)
        let lines = inspect(compact, expectations).textLines
        #expect(lines.first == "ID token (it has nonce, at_hash, c_hash) · alg RS256 · kid \(Sample.kid)")
        #expect(lines[1] == "  ✗ 1 failing, 10 passing, 2 not applicable")
        for section in ["Header", "Claims", "Readable", "Signature", "Checks (failures first)", "Clock"] {
            #expect(lines.contains(section), "\(section)")
        }
        for line in [
            "  alg        algorithm                     RS256",
            "  kid        key ID                        \(Sample.kid)",
        ] {
            #expect(lines.contains(line), "\(line)")
        }
        let checks = try #require(lines.firstIndex(of: "Checks (failures first)"))
        #expect(
            lines[checks + 1].hasPrefix(
                "  ✗ FAIL  exp        expired 2027-01-15 06:00:00Z (2 h ago); allowed skew 1 m; fails on the server's clock too (server clock 3 s ahead)"
            ))
        #expect(lines[checks + 2].hasPrefix("  ✓ pass  signature  RS256 signature verified"))
        #expect(lines.contains("  exp        expires                       2027-01-15 06:00:00Z (2 h ago)"))
        #expect(
            lines.contains(
                "  the server's clock is 3 s ahead of the local clock (server Date 2027-01-15 08:00:03Z, local 2027-01-15 08:00:00Z)"
            ))
    }

    @Test func headerAndClaimsKeepTheOrderSent() throws {
        let claims = JSONValue.object([
            "zeta": .integer(1), "alpha": .integer(2), "iss": .string("joe"), "mid": .bool(true),
        ])
        let header = JSONValue.object(["typ": .string("JWT"), "kid": .string("k"), "alg": .string("RS256")])
        let compact = try TestToken.sign(header: header, claims: claims, key: .vectorRSA)
        let inspection = inspect(compact, TokenExpectations(now: Sample.now))
        let text = inspection.text
        let positions = ["\"zeta\"", "\"alpha\"", "\"iss\"", "\"mid\""].compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == 4)
        #expect(positions == positions.sorted())
        let headerPositions = ["\"typ\"", "\"kid\"", "\"alg\""].compactMap { text.range(of: $0)?.lowerBound }
        #expect(headerPositions == headerPositions.sorted())
        let json = try JSONValue.parse(inspection.jsonValue.prettyText())
        #expect(json["claims"]?.members?.map(\.key) == ["zeta", "alpha", "iss", "mid"])
        #expect(json["header"]?.members?.map(\.key) == ["typ", "kid", "alg"])
    }

    @Test(arguments: [
        ("\u{1b}[2J\u{1b}]0;pwned\u{07}", "\\x1b[2J\\x1b]0;pwned\\x07"),
        ("safe\u{202e}txt.exe", "safe\\u202etxt.exe"),
        ("a\u{9b}31mb", "a\\u009b31mb"),
    ])
    func claimsFromTheTokenNeverReachTheTerminalRaw(hostile: String, visible: String) throws {
        let claims = JSONValue.object(["name": .string(hostile), hostile: .string("as a key"), "iss": .string("joe")])
        let header = JSONValue.object(["alg": .string("RS256"), "kid": .string(hostile)])
        let compact = try TestToken.sign(header: header, claims: claims, key: .vectorRSA)
        let inspection = inspect(compact, TokenExpectations(issuer: hostile, now: Sample.now))
        let text = inspection.text
        for scalar in text.unicodeScalars where scalar != "\n" {
            let unsafe =
                scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || TerminalSafe.bidiControls.contains(scalar.value)
            #expect(!unsafe, "raw U+\(String(scalar.value, radix: 16)) in output")
        }
        #expect(text.contains(visible))
        // The JSON value keeps the original string (decode's JSON output escapes it: AuthflowCLITests).
        #expect(inspection.jsonValue["claims"]?["name"] == .string(hostile))
    }

    @Test func parseErrorsNameTheirStep() {
        let cases: [(String, String)] = [
            ("", "Not a JWT: failed at step 1 of 5 (input): the token is empty"),
            (
                "a.b",
                "Not a JWT: failed at step 2 of 5 (segments): a JWS has 3 dot-separated segments and a JWE 5; this has 2"
            ),
            (
                "e30.e30=.",
                "Not a JWT: failed at step 3 of 5 (base64url): the payload is not valid base64url: base64url must not be padded with '=' (RFC 7515 §2)"
            ),
            (
                "bm90IGpzb24.e30.",
                "Not a JWT: failed at step 4 of 5 (json): the header is not JSON: invalid literal, expected 'null' at byte 0"
            ),
            ("W10.e30.", "Not a JWT: failed at step 5 of 5 (object): the header is JSON but not an object"),
        ]
        for (input, line) in cases {
            let inspection = inspect(input)
            #expect(inspection.textLines == [line])
            #expect(!inspection.isParsed)
        }
    }

    @Test func parseErrorJSONHasStepAndSegment() throws {
        let json = inspect("e30.e+30.").jsonValue
        #expect(json["parsed"] == .bool(false))
        let error = try #require(json["error"])
        #expect(error["step"] == .string("base64url"))
        #expect(error["segment"] == .string("payload"))
    }

    @Test func jweShowsItsHeaderAndSaysTheRestIsEncrypted() throws {
        let header = Base64URL.encode("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"enc-1\"}")
        let inspection = inspect("\(header).QUFB.QUFB.QUFB.QUFB")
        #expect(inspection.isEncrypted)
        #expect(inspection.signature == .encrypted)
        #expect(inspection.checks.map(\.outcome) == [.notApplicable])
        let lines = inspection.textLines
        #expect(lines.first == "JWE (encrypted token) · key management RSA-OAEP-256 · content encryption A256GCM")
        #expect(lines.contains { $0.contains("The claims are encrypted") })
        #expect(lines.contains("    \"enc\": \"A256GCM\","))
        #expect(inspection.passed)
    }

    @Test func jsonCarriesSignatureChecksAndReadableClaims() throws {
        let inspection = inspect(try Sample.idToken())
        let token = try JSONValue.parse(inspection.jsonValue.prettyText())
        #expect(token["kind"] == .string("id_token"))
        #expect(token["passed"] == .bool(true))
        #expect(token["signature"]?["result"] == .string("verified"))
        #expect(token["signature"]?["kid"] == .string(Sample.kid))
        #expect(token["signature"]?["selection"] == .string("chosen by the token's kid"))
        let checks = try #require(token["checks"]?.elements)
        #expect(checks.count == inspection.checks.count)
        #expect(checks.first?["name"] == .string("signature"))
        let exp = token["readable"]?.elements?.first { $0["name"] == .string("exp") }
        #expect(exp?["utc"] == .string("2027-01-15 08:59:00Z"))
        #expect(exp?["relative"] == .string("in 59 m"))
        #expect(exp?["epoch"] == .integer(1_800_003_540))
    }
}

/// What passes: a check that does not apply is not a failure.
@Suite struct InspectionVerdictTests {
    @Test func notApplicableChecksDoNotFail() throws {
        let inspection = TokenInspector().inspect(try Sample.idToken(), expecting: TokenExpectations(now: Sample.now))
        #expect(inspection.checks.contains { $0.outcome == .notApplicable })
        #expect(inspection.passed)
    }
}
