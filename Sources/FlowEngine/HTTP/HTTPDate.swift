import Foundation

/// HTTP dates (RFC 9110 §5.6.7), as in `Date` and `Expires`.
///
/// Read and written from their ASCII bytes with civil-calendar arithmetic in UTC: no
/// `DateFormatter`, which maps ICU's code and calendar data into the process (megabytes of
/// resident memory, see docs/performance.md), needs a lock to share, and trapped on some
/// non-ASCII text (a combining mark after a letter, found by fuzzing).
public enum HTTPDate {
    private static let shortWeekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    private static let longWeekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let lowerMonths = months.map { $0.lowercased() }

    /// The longest date text tried; anything longer is no HTTP date.
    static let maximumLength = 64

    /// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) or one of the obsolete forms
    /// (RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT`, asctime `Sun Nov  6 08:49:37 1994`, and the
    /// cookie form `Sun, 06-Nov-1994 08:49:37 GMT`); `nil` when none fits.
    ///
    /// Names are matched without regard to case; the zone must be `GMT` (or `UTC`/`UT`); the
    /// weekday must be a weekday's name but is not checked against the date; a two-digit year is
    /// 1970–2069 (RFC 6265 §5.1.1). Anything not printable ASCII is refused.
    public static func parse(_ text: String) -> Date? {
        guard text.utf8.count <= maximumLength, text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else {
            return nil
        }
        let tokens = text.lowercased().split(separator: " ").map(String.init)
        switch tokens.count {
        case 6:  // IMF-fixdate: wkday "," SP day SP month SP year SP time SP GMT
            guard tokens[0].hasSuffix(","), shortWeekdays.contains(String(tokens[0].dropLast())),
                tokens[1].count == 2, tokens[3].count == 4, isGMT(tokens[5])
            else { return nil }
            return date(day: tokens[1], month: tokens[2], year: tokens[3], time: tokens[4])
        case 4:  // RFC 850 `weekday, dd-mon-yy time GMT`, or the cookie form with a four-digit year
            guard tokens[0].hasSuffix(","), isGMT(tokens[3]) else { return nil }
            let weekday = String(tokens[0].dropLast())
            guard shortWeekdays.contains(weekday) || longWeekdays.contains(weekday) else { return nil }
            let fields = tokens[1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, fields[0].count == 2, fields[2].count == 2 || fields[2].count == 4 else {
                return nil
            }
            return date(day: fields[0], month: fields[1], year: fields[2], time: tokens[2])
        case 5:  // asctime: wkday SP month SP ( 2DIGIT / ( SP DIGIT )) SP time SP year
            guard shortWeekdays.contains(tokens[0]), (1...2).contains(tokens[2].count), tokens[4].count == 4 else {
                return nil
            }
            return date(day: tokens[2], month: tokens[1], year: tokens[4], time: tokens[3])
        default:
            return nil
        }
    }

    /// Formats an IMF-fixdate, such as `Sun, 22 Nov 2026 10:00:00 GMT`.
    public static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        let seconds = interval.isFinite ? Int(max(-1e14, min(1e14, interval)).rounded(.down)) : 0
        var days = seconds / 86400
        var secondOfDay = seconds % 86400
        if secondOfDay < 0 {
            secondOfDay += 86400
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let weekday = ((days % 7) + 7 + 4) % 7  // 1970-01-01 was a Thursday
        let weekdayName = shortWeekdays[weekday].prefix(1).uppercased() + shortWeekdays[weekday].dropFirst()
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText =
            year >= 0 && year < 1000 ? String(repeating: "0", count: 4 - "\(year)".count) + "\(year)" : "\(year)"
        return "\(weekdayName), \(two(day)) \(months[month - 1]) \(yearText) "
            + "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) GMT"
    }

    private static func isGMT(_ zone: String) -> Bool { zone == "gmt" || zone == "utc" || zone == "ut" }

    /// The date from its lower-cased fields; `nil` when one is not a number, a name or in range.
    private static func date(day: String, month: String, year: String, time: String) -> Date? {
        guard let monthIndex = lowerMonths.firstIndex(of: month), let day = number(day), var year = number(year)
        else { return nil }
        let clock = time.split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }), let hour = number(clock[0]),
            let minute = number(clock[1]), let second = number(clock[2]), hour < 24, minute < 60, second < 60
        else { return nil }
        if year < 100 { year += year < 70 ? 2000 : 1900 }
        let month = monthIndex + 1
        guard day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86400 + hour * 3600 + minute * 60 + second))
    }

    private static func number<S: StringProtocol>(_ text: S) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        return text.utf8.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day since 1970-01-01 (`civil_from_days`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
