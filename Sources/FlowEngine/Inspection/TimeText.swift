import Foundation

/// Times as people read them: UTC dates and "in 59 m" / "3 h ago".
public enum TimeText {
    /// A UTC timestamp such as `2026-11-22 10:00:00Z`, computed without locale or calendar settings.
    public static func utc(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        // Clamped so no outside value can trap the conversion; NumericDate readers reject such values first.
        let seconds = interval.isFinite ? Int64(min(max(interval, -1e14), 1e14).rounded(.down)) : 0
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2)) "
            + "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// A time relative to `now`: `in 59 m`, `3 h ago`, `now`. Whole units, rounded toward zero.
    public static func relative(_ date: Date, to now: Date) -> String {
        let delta = date.timeIntervalSince(now)
        let span = duration(abs(delta))
        if span == "0 s" { return "now" }
        return delta > 0 ? "in \(span)" : "\(span) ago"
    }

    /// A duration in the largest whole unit: `45 s`, `59 m`, `3 h`, `2 d`, `74 y`.
    public static func duration(_ seconds: Double) -> String {
        let whole = seconds.isFinite ? Int64(min(abs(seconds), 9e15).rounded(.towardZero)) : 0
        switch whole {
        case ..<60: return "\(whole) s"
        case ..<3600: return "\(whole / 60) m"
        case ..<172_800: return "\(whole / 3600) h"
        case ..<(730 * 86_400): return "\(whole / 86_400) d"
        default: return "\(whole / 31_556_952) y"
        }
    }

    /// Year, month, day from days since 1970-01-01 (H. Hinnant's civil_from_days).
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 from a year, month and day (H. Hinnant's days_from_civil).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
