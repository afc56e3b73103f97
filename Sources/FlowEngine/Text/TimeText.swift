import Foundation

/// Times as people read them: a UTC date and a relative phrase such as "in 59 m".
public enum TimeText {
    /// `2026-11-22 10:00:00Z`.
    ///
    /// One formatter, made once and shared under a lock.
    public static func utc(_ date: Date) -> String {
        utcFormatter.withFormatters { $0[0].string(from: date) }
    }

    private static let utcFormatter = Formatters(["yyyy-MM-dd HH:mm:ss'Z'"], timeZone: "UTC")

    /// "in 59 m", "3 h ago", "now".
    public static func relative(_ date: Date, to now: Date) -> String {
        let interval = date.timeIntervalSince(now)
        // Dates from tokens can be absurd; clamp rather than trap converting to Int.
        guard interval.isFinite else { return "at an unreadable time" }
        let seconds = Int(max(-1e15, min(1e15, interval)).rounded())
        let magnitude = abs(seconds)
        let amount: String
        switch magnitude {
        case 0..<5: return "now"
        case 5..<60: amount = "\(magnitude) s"
        case 60..<3600: amount = "\(magnitude / 60) m"
        case 3600..<172_800:
            amount = "\(magnitude / 3600) h" + (magnitude % 3600 >= 60 ? " \(magnitude % 3600 / 60) m" : "")
        default: amount = "\(magnitude / 86400) d"
        }
        return seconds > 0 ? "in \(amount)" : "\(amount) ago"
    }

    /// A date from epoch seconds in a JSON number, as JWT times are (RFC 7519 §2 NumericDate).
    public static func date(fromEpoch value: JSONValue?) -> Date? {
        guard let seconds = value?.doubleValue, seconds.isFinite, abs(seconds) < 1e11 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// The JWT claims that hold times.
    public static let timeClaims: Set<String> = ["iat", "exp", "nbf", "auth_time", "updated_at"]
}
