import Foundation

/// Reads `Set-Cookie` header values into cookies (RFC 6265 §5.2).
public enum SetCookieParser {
    /// Parses one `Set-Cookie` value received from `url` at `now`; `nil` when it has no name.
    ///
    /// The `Domain` attribute is taken as given; ``CookieJar`` decides whether the host may set it.
    public static func parse(_ header: String, from url: URLParts, at now: Date) -> Cookie? {
        let parts = header.split(separator: ";", omittingEmptySubsequences: false)
        guard let first = parts.first, let equals = first.firstIndex(of: "=") else { return nil }
        let name = first[..<equals].trimmingCharacters(in: .whitespaces)
        let value = first[first.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return nil }
        var cookie = Cookie(name: name, value: value, domain: url.host, path: defaultPath(url.path))
        var maxAge: Int?
        // Only the last Expires counts (RFC 6265 §5.3 step 3), so it is the only one parsed, as
        // browsers do: a header with thousands of Expires costs one date parse.
        var expires: String?
        for attribute in parts.dropFirst() {
            let pieces = attribute.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = pieces[0].trimmingCharacters(in: .whitespaces).lowercased()
            let argument = pieces.count > 1 ? pieces[1].trimmingCharacters(in: .whitespaces) : ""
            switch key {
            case "expires":
                expires = argument
            case "max-age":
                if let seconds = Int(argument) { maxAge = seconds }
            case "domain":
                var domain = argument.lowercased()
                if domain.hasPrefix(".") { domain.removeFirst() }
                guard !domain.isEmpty else { continue }
                cookie.domain = domain
                cookie.hostOnly = false
            case "path":
                cookie.path = argument.hasPrefix("/") ? argument : defaultPath(url.path)
            case "secure":
                cookie.secure = true
            case "httponly":
                cookie.httpOnly = true
            case "samesite":
                cookie.sameSite = argument
            default:
                continue
            }
        }
        // Max-Age wins over Expires (RFC 6265 §5.3 step 3).
        if maxAge == nil, let expires, let date = HTTPDate.parse(expires) { cookie.expires = date }
        if let maxAge {
            cookie.expires = maxAge <= 0 ? Date(timeIntervalSince1970: 0) : now.addingTimeInterval(TimeInterval(maxAge))
        }
        return cookie
    }

    /// RFC 6265 §5.1.4 default-path.
    static func defaultPath(_ requestPath: String) -> String {
        guard requestPath.hasPrefix("/"), let lastSlash = requestPath.lastIndex(of: "/"),
            lastSlash != requestPath.startIndex
        else { return "/" }
        return String(requestPath[..<lastSlash])
    }
}

/// HTTP dates (RFC 9110 §5.6.7), as in `Date` and `Expires`.
///
/// The formatters are made once and shared behind a lock: making a `DateFormatter` costs far
/// more than using one, and a server chooses how many dates it sends.
public enum HTTPDate {
    private static let formats = [
        "EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz",
        "EEE MMM d HH:mm:ss yyyy", "EEE, dd-MMM-yyyy HH:mm:ss zzz",
    ]

    /// The longest date text tried; anything longer is no HTTP date.
    static let maximumLength = 64

    private static let parsers = Formatters(formats)
    private static let writer = Formatters(["EEE, dd MMM yyyy HH:mm:ss 'GMT'"])

    /// Parses an IMF-fixdate or one of the obsolete forms; `nil` when none fits.
    ///
    /// HTTP dates are printable ASCII (RFC 9110 §5.6.7); anything else is refused before it
    /// reaches `DateFormatter`, which traps on some non-ASCII text (a combining mark after a
    /// letter, as in `Su\u{33C}n, …`, found by fuzzing).
    public static func parse(_ text: String) -> Date? {
        guard text.utf8.count <= maximumLength, text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else {
            return nil
        }
        return parsers.withFormatters { formatters in
            for formatter in formatters {
                if let date = formatter.date(from: text) { return date }
            }
            return nil
        }
    }

    /// Formats an IMF-fixdate, such as `Sun, 22 Nov 2026 10:00:00 GMT`.
    public static func format(_ date: Date) -> String {
        writer.withFormatters { $0[0].string(from: date) }
    }
}

/// `DateFormatter`s in GMT and the POSIX locale, made once and used under a lock (a
/// `DateFormatter` is not safe to share between threads on every platform).
final class Formatters: @unchecked Sendable {
    private let lock = Lock()
    private let formatters: [DateFormatter]

    init(_ formats: [String], timeZone: String = "GMT") {
        formatters = formats.map { format in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: timeZone)
            formatter.dateFormat = format
            return formatter
        }
    }

    func withFormatters<T>(_ body: ([DateFormatter]) -> T) -> T {
        lock.withLock { body(formatters) }
    }
}
