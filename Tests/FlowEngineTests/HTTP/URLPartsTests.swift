import Foundation
import Testing

@testable import FlowEngine

@Suite struct URLPartsTests {
    @Test func aPlainURLIsSplit() throws {
        let parts = try #require(URLParts("https://auth.pingone.com/env/as/authorize?client_id=a&state=b#frag"))
        #expect(parts.scheme == "https")
        #expect(parts.host == "auth.pingone.com")
        #expect(parts.port == 443)
        #expect(parts.path == "/env/as/authorize")
        #expect(parts.query == "client_id=a&state=b")
        #expect(parts.fragment == "frag")
        #expect(parts.origin == "https://auth.pingone.com")
    }

    @Test func theSchemeAndHostAreLowerCasedAndThePortDefaults() throws {
        let parts = try #require(URLParts("HTTP://Auth.Example.COM"))
        #expect(parts.scheme == "http")
        #expect(parts.host == "auth.example.com")
        #expect(parts.port == 80)
        #expect(parts.path == "/")
        #expect(parts.query == nil && parts.fragment == nil)
        #expect(URLParts("https://example.com:/x")?.port == 443)
        #expect(URLParts("http://example.com:8080")?.origin == "http://example.com:8080")
    }

    @Test func anIPv6LiteralIsTheHostWithoutBrackets() throws {
        let parts = try #require(URLParts("http://[::1]:8080/cb?code=x"))
        #expect(parts.host == "::1")
        #expect(parts.port == 8080)
        #expect(parts.path == "/cb")
        #expect(parts.isLoopback)
        #expect(parts.origin == "http://[::1]:8080")
        #expect(URLParts("http://[2001:DB8::7]/")?.host == "2001:db8::7")
        #expect(URLParts("http://[::ffff:127.0.0.1]/")?.host == "::ffff:127.0.0.1")
        #expect(URLParts("http://[::1/") == nil)
        #expect(URLParts("http://[::1]x/") == nil)
        #expect(URLParts("http://[example.com]/") == nil)
    }

    @Test func userinfoIsNotTheHost() throws {
        let parts = try #require(URLParts("https://user:p%40ss@example.com:8443/a"))
        #expect(parts.host == "example.com")
        #expect(parts.port == 8443)
        let uri = try #require(URIReference("https://user:p%40ss@example.com:8443/a"))
        #expect(uri.user == "user")
        #expect(uri.password == "p%40ss")
        #expect(URIReference("https://a@b@example.com/") == nil)
    }

    @Test func aQuestionMarkInTheFragmentStaysInTheFragment() throws {
        let parts = try #require(URLParts("https://app.example/cb#code=x?y=/z&state=s"))
        #expect(parts.query == nil)
        #expect(parts.fragment == "code=x?y=/z&state=s")
        #expect(parts.fragmentParameters.first?.value == "x?y=/z")
        let both = try #require(URLParts("https://app.example/cb?a=1?b#c?d"))
        #expect(both.query == "a=1?b")
        #expect(both.fragment == "c?d")
        #expect(URLParts("https://app.example/cb#a#b") == nil)
    }

    @Test func percentEncodingIsKeptInThePathAndQueryAndDecodedInTheHost() throws {
        let parts = try #require(URLParts("https://%65xample.com/a%20b?q=%2F"))
        #expect(parts.host == "example.com")
        #expect(parts.path == "/a%20b")
        #expect(parts.query == "q=%2F")
        #expect(parts.queryParameters.first?.value == "/")
        #expect(URLParts("https://example.com/%zz") == nil)
        #expect(URLParts("https://example.com/%2") == nil)
        #expect(URLParts("https://ex%00ample.com/") == nil)
    }

    @Test func anIDNAHostStaysAsWritten() {
        #expect(URLParts("https://xn--bcher-kva.example/")?.host == "xn--bcher-kva.example")
        #expect(URLParts("https://bücher.example/") == nil)
    }

    @Test func whatIsNoHTTPURLIsRefused() {
        for text in [
            "", "example.com", "/callback", "ftp://example.com/", "com.example.app:/cb", "https:///path", "https://",
            "http://exa mple.com/", "http://example.com/<x>", "http://example.com:80a/", "http://example.com:65536/",
            "1http://example.com/", "http://example.com/\"", "http://example.com/\u{7F}",
        ] {
            #expect(URLParts(text) == nil, "\(text)")
        }
        #expect(URLParts("http://example.com:65535/")?.port == 65535)
    }

    @Test func aURIWithoutAnAuthorityHasNoHost() throws {
        let uri = try #require(URIReference("com.example.app:/callback?x=1"))
        #expect(uri.scheme == "com.example.app")
        #expect(uri.host == nil)
        #expect(uri.path == "/callback")
        #expect(uri.query == "x=1")
        #expect(
            URIReference("urn:ietf:params:oauth:grant-type:jwt-bearer")?.path
                == "ietf:params:oauth:grant-type:jwt-bearer")
    }
}

@Suite struct HTTPDateTests {
    static let sunday = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT

    @Test func theThreeFormsOfRFC9110AndTheCookieFormAreRead() {
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == Self.sunday)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == Self.sunday)
        #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == Self.sunday)
        #expect(HTTPDate.parse("Sun, 06-Nov-1994 08:49:37 GMT") == Self.sunday)
        #expect(HTTPDate.parse("sun, 06 NOV 1994 08:49:37 utc") == Self.sunday)
        #expect(HTTPDate.parse("Thu, 01 Jan 1970 00:00:00 GMT") == Date(timeIntervalSince1970: 0))
        #expect(HTTPDate.parse("Tuesday, 29-Feb-00 00:00:00 GMT") == Date(timeIntervalSince1970: 951_782_400))
        #expect(HTTPDate.parse("Sat, 01-Jan-69 00:00:00 GMT") == HTTPDate.parse("Tue, 01 Jan 2069 00:00:00 GMT"))
    }

    @Test func whatIsNoDateIsRefused() {
        for text in [
            "", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 PST", "Sun, 31 Feb 2026 10:00:00 GMT",
            "Sun, 29 Feb 2100 10:00:00 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Nov 1994 08:60:00 GMT",
            "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 94 08:49:37 GMT", "Sun, -6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun Nov  6 08:49:37 94", "Sunday, 06-Nov-94 08:49 GMT", "1994-11-06T08:49:37Z",
        ] {
            #expect(HTTPDate.parse(text) == nil, "\(text)")
        }
        #expect(HTTPDate.parse("Sun, 29 Feb 2000 10:00:00 GMT") != nil)
    }

    @Test func anIMFFixdateIsWritten() {
        #expect(HTTPDate.format(Self.sunday) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 951_782_400.9)) == "Tue, 29 Feb 2000 00:00:00 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: -1)) == "Wed, 31 Dec 1969 23:59:59 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 4_102_444_800)) == "Fri, 01 Jan 2100 00:00:00 GMT")
        for seconds in stride(from: -3_000_000_000, through: 5_000_000_000, by: 86_399 * 37) {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(HTTPDate.parse(HTTPDate.format(date)) == date)
        }
    }
}
