import Foundation

/// Reads an HTTP `Date` header in IMF-fixdate form, `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110 §5.6.7).
public enum HTTPDate {
    /// Why a value is not an IMF-fixdate.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var value: String
        public var description: String {
            "\"\(value)\" is not an HTTP date like \"Sun, 06 Nov 1994 08:49:37 GMT\" (RFC 9110 §5.6.7)"
        }
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Parses an IMF-fixdate; the day name is optional.
    public static func parse(_ value: String) throws(ParseError) -> Date {
        var parts = value.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if let first = parts.first, first.hasSuffix(",") { parts.removeFirst() }
        guard parts.count == 5, parts[4] == "GMT" || parts[4] == "UTC",
              let day = Int64(parts[0]), (1...31).contains(day),
              let monthIndex = months.firstIndex(of: parts[1]),
              let year = Int64(parts[2]), (1900...9999).contains(year) else { throw ParseError(value: value) }
        let time = parts[3].split(separator: ":", omittingEmptySubsequences: false).compactMap { Int64($0) }
        guard time.count == 3, (0...23).contains(time[0]), (0...59).contains(time[1]), (0...60).contains(time[2]) else {
            throw ParseError(value: value)
        }
        let days = TimeText.days(year: year, month: Int64(monthIndex + 1), day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + time[0] * 3600 + time[1] * 60 + time[2]))
    }

    /// Formats a date as an IMF-fixdate.
    public static func format(_ date: Date) -> String {
        let seconds = Int64(min(max(date.timeIntervalSince1970, -1e12), 1e12).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let (year, month, day) = TimeText.civil(fromDays: days)
        let names = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let weekday = names[Int(((days % 7) + 7) % 7)]
        let utc = TimeText.utc(date)
        let time = utc.split(separator: " ").last.map { String($0.dropLast()) } ?? "00:00:00"
        let dayText = day < 10 ? "0\(day)" : "\(day)"
        return "\(weekday), \(dayText) \(months[Int(month - 1)]) \(year) \(time) GMT"
    }
}
