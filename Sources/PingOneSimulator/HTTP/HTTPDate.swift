import Foundation

/// Date formats on the wire, computed from epoch seconds without a shared formatter.
enum HTTPDate {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// RFC 7231 §7.1.1.1 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
    static func imfFixdate(_ date: Date) -> String {
        let parts = CivilTime(date)
        return "\(weekdays[parts.weekdayIndex]), \(pad(parts.day)) \(months[parts.month - 1]) \(parts.year) "
            + "\(pad(parts.hour)):\(pad(parts.minute)):\(pad(parts.second)) GMT"
    }

    /// ISO 8601 with milliseconds in UTC, as PingOne writes `createdAt`, e.g. `2021-07-20T22:51:31.743Z`.
    static func iso8601(_ date: Date) -> String {
        let parts = CivilTime(date)
        return "\(parts.year)-\(pad(parts.month))-\(pad(parts.day))T\(pad(parts.hour)):\(pad(parts.minute)):"
            + "\(pad(parts.second)).\(pad(parts.millisecond, width: 3))Z"
    }

    private static func pad(_ value: Int, width: Int = 2) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// A UTC calendar breakdown (Howard Hinnant's days-from-civil inverse).
    private struct CivilTime {
        var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int, weekdayIndex: Int

        init(_ date: Date) {
            let totalMilliseconds = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
            var days = totalMilliseconds / 86_400_000
            var msOfDay = totalMilliseconds % 86_400_000
            if msOfDay < 0 {
                msOfDay += 86_400_000
                days -= 1
            }
            hour = msOfDay / 3_600_000
            minute = msOfDay / 60_000 % 60
            second = msOfDay / 1000 % 60
            millisecond = msOfDay % 1000
            weekdayIndex = ((days % 7) + 7) % 7  // 1970-01-01 was a Thursday
            let z = days + 719_468
            let era = (z >= 0 ? z : z - 146_096) / 146_097
            let doe = z - era * 146_097
            let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
            let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
            let mp = (5 * doy + 2) / 153
            day = doy - (153 * mp + 2) / 5 + 1
            month = mp < 10 ? mp + 3 : mp - 9
            year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        }
    }
}
