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
