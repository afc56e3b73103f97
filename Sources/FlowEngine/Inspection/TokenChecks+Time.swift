import Foundation

extension TokenChecks {
    // MARK: - Time claims (RFC 7519 §4.1.4–4.1.6, OIDC Core §3.1.3.7 steps 9, 10, 13)

    /// `exp`: now must be before it, give or take the allowed skew.
    static func expiryCheck(_ context: Context, required: Bool, reference: String) -> TokenCheck {
        let skew = context.expectations.allowedSkew
        return timeCheck(
            context, name: "exp", required: required, reference: reference,
            absent: required
                ? "no exp claim: the token has no expiry, but one is required"
                : "no exp claim: the token has no expiry",
            passes: { date, now in now < date.addingTimeInterval(skew) },
            describe: { date, now, passed in
                passed ? "expires \(when(date, now))" : "expired \(when(date, now))"
            }
        )
    }

    /// `iat`: must not be in the future, give or take the allowed skew.
    static func issuedAtCheck(_ context: Context, required: Bool, reference: String) -> TokenCheck {
        let skew = context.expectations.allowedSkew
        return timeCheck(
            context, name: "iat", required: required, reference: reference,
            absent: required ? "no iat claim; it is required" : "no iat claim",
            passes: { date, now in date <= now.addingTimeInterval(skew) },
            describe: { date, now, passed in
                passed ? "issued \(when(date, now))" : "issued in the future: \(when(date, now))"
            }
        )
    }

    /// `nbf`: now must not be before it, give or take the allowed skew.
    static func notBeforeCheck(_ context: Context) -> TokenCheck {
        let skew = context.expectations.allowedSkew
        return timeCheck(
            context, name: "nbf", required: false, reference: "RFC 7519 §4.1.5",
            absent: "no nbf claim",
            passes: { date, now in now >= date.addingTimeInterval(-skew) },
            describe: { date, now, passed in
                passed ? "valid since \(when(date, now))" : "not valid yet: valid from \(when(date, now))"
            }
        )
    }

    /// `auth_time` within `max_age` (OIDC Core §3.1.3.7 step 13); required when `max_age` was sent.
    static func authTimeCheck(_ context: Context) -> TokenCheck {
        let reference = "OIDC Core §3.1.3.7 step 13"
        guard let maxAge = context.expectations.maxAge else {
            let reading = NumericDate(context.claims["auth_time"])
            let reason =
                switch reading {
                case .absent: "no max_age sent"
                case .date(let date): "authenticated \(when(date, context.expectations.now)); no max_age sent"
                case .invalid(let why): "auth_time \(why); no max_age sent"
                }
            return TokenCheck(name: "auth_time", outcome: .notApplicable, reason: reason, reference: reference)
        }
        let skew = context.expectations.allowedSkew
        let limit = TimeInterval(maxAge)
        return timeCheck(
            context, name: "auth_time", required: true, reference: reference,
            absent: "no auth_time claim, but max_age=\(maxAge) was sent, which makes it required",
            passes: { date, now in now <= date.addingTimeInterval(limit + skew) },
            describe: { date, now, passed in
                let age = TimeText.duration(now.timeIntervalSince(date))
                return passed
                    ? "authenticated \(when(date, now)), within max_age \(maxAge) s"
                    : "authenticated \(when(date, now)), \(age) ago, more than max_age \(maxAge) s: the user should have signed on again"
            }
        )
    }

    /// A time check evaluated on the local clock and, when known, on the server's.
    private static func timeCheck(
        _ context: Context, name: String, required: Bool, reference: String, absent: String,
        passes: (Date, Date) -> Bool, describe: (Date, Date, Bool) -> String
    ) -> TokenCheck {
        let expectations = context.expectations
        switch NumericDate(context.claims[name]) {
        case .absent:
            return TokenCheck(
                name: name, outcome: required ? .fail : .notApplicable, reason: absent, reference: reference)
        case .invalid(let why):
            return TokenCheck(name: name, outcome: .fail, reason: "\(name) \(why)", reference: reference)
        case .date(let date):
            let now = expectations.now
            let local = passes(date, now)
            var reason = describe(date, now, local) + "; allowed skew \(TimeText.duration(expectations.allowedSkew))"
            var clocks: TokenCheck.ClockVerdict?
            if let server = expectations.serverClock {
                let onServer = passes(date, server.serverTime(atLocal: now))
                clocks = TokenCheck.ClockVerdict(passesOnLocalClock: local, passesOnServerClock: onServer)
                reason += "; " + clockPhrase(local: local, server: onServer, skew: server)
            }
            return TokenCheck(
                name: name, outcome: local ? .pass : .fail, reason: reason, reference: reference, clocks: clocks)
        }
    }

    private static func clockPhrase(local: Bool, server: Bool, skew: ClockSkew) -> String {
        let gap =
            skew.isInStep
            ? "clocks in step"
            : "server clock \(TimeText.duration(skew.offset)) \(skew.offset > 0 ? "ahead" : "behind")"
        switch (local, server) {
        case (true, true): return "passes on the server's clock too (\(gap))"
        case (false, false): return "fails on the server's clock too (\(gap))"
        case (true, false): return "but fails on the server's clock (\(gap)): the server may already reject it"
        case (false, true): return "but passes on the server's clock (\(gap)): the local clock looks wrong"
        }
    }

    /// `2026-11-22 10:00:00Z (in 59 m)`.
    static func when(_ date: Date, _ now: Date) -> String {
        "\(TimeText.utc(date)) (\(TimeText.relative(date, to: now)))"
    }
}
