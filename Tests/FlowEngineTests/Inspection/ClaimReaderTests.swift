import Foundation
import Testing

@testable import FlowEngine

/// Claims made readable: dates, relative times, lists and PingOne labels.
@Suite struct ClaimReaderTests {
    private func claim(_ name: String, in claims: [ReadableClaim]) -> ReadableClaim? {
        claims.first { $0.name == name }
    }

    @Test func pingOneIDTokenReadsInOrderWithLabels() throws {
        let readable = ClaimReader.read(Sample.idClaims(), now: Sample.now)
        #expect(readable.map(\.name) == Sample.idClaims().members?.map(\.key))
        #expect(
            claim("exp", in: readable)?.value
                == .time(
                    Sample.now.addingTimeInterval(3540),
                    utc: "2027-01-15 08:59:00Z", relative: "in 59 m"))
        #expect(claim("iat", in: readable)?.value.text == "2027-01-15 07:59:00Z (1 m ago)")
        #expect(claim("auth_time", in: readable)?.label == "authenticated at")
        #expect(claim("aud", in: readable)?.value == .list([Sample.clientID]))
        #expect(claim("amr", in: readable)?.value == .list(["pwd"]))
        #expect(claim("env", in: readable)?.label == "PingOne environment")
        #expect(claim("org", in: readable)?.label == "PingOne organization")
        #expect(claim("p1.region", in: readable)?.label == "PingOne region")
        #expect(claim("sid", in: readable)?.label == "PingOne session")
        #expect(claim("acr", in: readable)?.label == "sign-on policy (acr)")
        #expect(claim("amr", in: readable)?.label == "authentication methods (amr)")
    }

    @Test func scopeIsSplitAndOtherP1ClaimsAreLabelled() {
        let claims = JSONValue.object([
            "scope": .string("openid profile  p1:read:user"),
            "p1.custom": .string("x"),
            "updated_at": .integer(1_719_859_270),
        ])
        let readable = ClaimReader.read(claims, now: Sample.now)
        #expect(claim("scope", in: readable)?.value == .list(["openid", "profile", "p1:read:user"]))
        #expect(claim("p1.custom", in: readable)?.label == "PingOne claim")
        #expect(claim("updated_at", in: readable)?.value.text == "2024-07-01 18:41:10Z (927 d ago)")
    }

    @Test func missingExpReadsAsNoExpiry() {
        let readable = ClaimReader.read(.object(["iss": .string("joe")]), now: Sample.now)
        #expect(readable.last == ReadableClaim(name: "exp", label: "expires", value: .absent("no expiry")))
    }

    static let invalidTimes: [(JSONValue, String)] = [
        (JSONValue.string("soon"), "is not a number"),
        (.number("1e300"), "outside the years"),
        (.number("-1e300"), "outside the years"),
        (.array([]), "is not a number"),
    ]

    @Test(arguments: invalidTimes)
    func timeClaimsThatAreNotDatesAreSaidSo(value: JSONValue, reason: String) {
        let readable = ClaimReader.read(name: "exp", value: value, now: Sample.now)
        guard case .invalid(let raw, let why) = readable.value else {
            Issue.record("expected invalid, got \(readable.value)")
            return
        }
        #expect(raw == value.compactText)
        #expect(why.contains(reason))
    }

    @Test func fractionalTimesAreRead() {
        let readable = ClaimReader.read(name: "iat", value: .number("1800000000.75"), now: Sample.now)
        #expect(readable.value.text == "2027-01-15 08:00:00Z (now)")
    }

    static let relativeCases: [(Double, String)] = [
        (0, "now"), (0.4, "now"), (45, "in 45 s"), (-45, "45 s ago"), (3540, "in 59 m"), (-3 * 3600, "3 h ago"),
        (47 * 3600, "in 47 h"), (49 * 3600, "in 2 d"), (-400 * 86_400, "400 d ago"),
    ]

    @Test(arguments: relativeCases)
    func relativeTimes(offset: Double, expected: String) {
        #expect(TimeText.relative(Sample.now.addingTimeInterval(offset), to: Sample.now) == expected)
    }

    static let utcCases: [(Double, String)] = [
        (0, "1970-01-01 00:00:00Z"), (951_782_400, "2000-02-29 00:00:00Z"), (4_102_444_800, "2100-01-01 00:00:00Z"),
        (-1, "1969-12-31 23:59:59Z"), (253_402_300_799, "9999-12-31 23:59:59Z"),
        // Years below 1000 keep four digits; a year past 9999 is written whole.
        (-62_135_596_800, "0001-01-01 00:00:00Z"), (-30_610_224_001, "0999-12-31 23:59:59Z"),
        (253_402_300_800, "10000-01-01 00:00:00Z"), (1_796_102_975.9, "2026-12-01 05:29:35Z"),
    ]

    @Test(arguments: utcCases)
    func utcDates(seconds: Double, expected: String) {
        #expect(TimeText.utc(Date(timeIntervalSince1970: seconds)) == expected)
        // The ISO 8601 form is the same fields with a T.
        let iso = expected.replacingOccurrences(of: " ", with: "T")
        #expect(TimeText.iso8601(Date(timeIntervalSince1970: seconds)) == iso)
    }

    @Test func anUnreadableTimeIsSaidSo() {
        #expect(TimeText.utc(Date(timeIntervalSince1970: .infinity)) == "an unreadable time")
        #expect(TimeText.utc(Date(timeIntervalSince1970: 1e16)) == "an unreadable time")
    }

    @Test(arguments: [
        (0.0, "0 s"), (59.9, "59 s"), (-600, "10 m"), (7199, "1 h"), (200_000, "2 d"), (.infinity, "0 s"),
        (1e300, "104166666666 d"),
    ])
    func durations(seconds: Double, expected: String) {
        #expect(TimeText.duration(seconds) == expected)
    }

    @Test func numericDatesOutsideYears1To9999AreInvalid() {
        #expect(NumericDate(.number("-62135596800")).date != nil)
        #expect(NumericDate(.number("-62135596801")).date == nil)
        #expect(NumericDate(.number("253402300800")).date == nil)
        #expect(NumericDate(.number("NaN")) == .invalid("NaN is outside the years 0001–9999"))
    }
}
