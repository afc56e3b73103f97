import Foundation

/// Times as people read them: a UTC date and a relative phrase such as "in 59 m".
public enum TimeText {
    /// `2026-11-22 10:00:00Z`.
    public static func utc(_ date: Date) -> String {
        text(date, separator: UInt8(ascii: " "))
    }

    /// `2026-11-22T10:00:00Z` (RFC 3339 / ISO 8601 in UTC), for records read by programs.
    public static func iso8601(_ date: Date) -> String {
        text(date, separator: UInt8(ascii: "T"))
    }

    /// `date`, `separator`, `time`, `Z`; for a four-digit year (every date a token can hold) the
    /// digits are written straight into the string (a `decode` report has six of these per token).
    private static func text(_ date: Date, separator: UInt8) -> String {
        guard let parts = calendarParts(date) else { return "an unreadable time" }
        let year = Int(parts.tm_year) + 1900
        guard year >= 0 && year <= 9999 else {
            let (date, time) = fields(parts)
            return "\(date)\(Character(Unicode.Scalar(separator)))\(time)Z"
        }
        return String(unsafeUninitializedCapacity: 20) { buffer in
            func put(_ value: Int, digits: Int, at offset: Int) {
                var value = value
                for position in stride(from: offset + digits - 1, through: offset, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(year, digits: 4, at: 0)
            buffer[4] = UInt8(ascii: "-")
            put(Int(parts.tm_mon) + 1, digits: 2, at: 5)
            buffer[7] = UInt8(ascii: "-")
            put(Int(parts.tm_mday), digits: 2, at: 8)
            buffer[10] = separator
            put(Int(parts.tm_hour), digits: 2, at: 11)
            buffer[13] = UInt8(ascii: ":")
            put(Int(parts.tm_min), digits: 2, at: 14)
            buffer[16] = UInt8(ascii: ":")
            put(Int(parts.tm_sec), digits: 2, at: 17)
            buffer[19] = UInt8(ascii: "Z")
            return 20
        }
    }

    /// The UTC calendar fields, from `gmtime_r`: no `DateFormatter` (each one costs an ICU set-up
    /// under a process-wide lock) and safe from any thread.
    private static func calendarParts(_ date: Date) -> tm? {
        let interval = date.timeIntervalSince1970
        guard interval.isFinite, abs(interval) < 1e15 else { return nil }
        var seconds = time_t(interval.rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return nil }
        return parts
    }

    /// The UTC calendar date and time of day as text, for years a four-digit field cannot hold.
    private static func fields(_ parts: tm) -> (date: String, time: String) {
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = Int(parts.tm_year) + 1900
        let yearText =
            year >= 0 && year < 1000 ? String(repeating: "0", count: 4 - "\(year)".count) + "\(year)" : "\(year)"
        return (
            "\(yearText)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))",
            "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
        )
    }

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
