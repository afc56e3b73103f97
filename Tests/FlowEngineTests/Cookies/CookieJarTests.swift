import FlowEngine
import Foundation
import Testing

@Suite struct CookieJarTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)
    let auth = URLParts("https://auth.pingone.com/env/as/authorize")!

    @Test func storesAndSendsByDomainAndPath() {
        var jar = CookieJar()
        let stored = jar.store(
            setCookieHeaders: ["ST=abc; Path=/env/; Secure; HttpOnly", "other=1; Path=/elsewhere"], from: auth, at: now)
        #expect(stored.map(\.name) == ["ST", "other"])
        #expect(
            jar.cookieHeader(for: URLParts("https://auth.pingone.com/env/as/resume?flowId=1")!, at: now) == "ST=abc")
        #expect(jar.cookieHeader(for: URLParts("https://api.pingone.com/env/as/resume")!, at: now) == nil)
    }

    @Test func secureCookiesGoOnlyOverHTTPSOrLoopback() {
        var jar = CookieJar()
        jar.store(setCookieHeaders: ["ST=abc; Path=/; Secure"], from: URLParts("http://example.test/")!, at: now)
        #expect(jar.cookieHeader(for: URLParts("http://example.test/x")!, at: now) == nil)
        var loopback = CookieJar()
        loopback.store(setCookieHeaders: ["ST=abc; Path=/; Secure"], from: URLParts("http://127.0.0.1:8080/")!, at: now)
        #expect(loopback.cookieHeader(for: URLParts("http://127.0.0.1:8080/x")!, at: now) == "ST=abc")
    }

    @Test func expiryAndMaxAgeAreRespected() {
        var jar = CookieJar()
        jar.store(
            setCookieHeaders: ["a=1; Max-Age=60", "b=2; Expires=Sun, 06 Nov 1994 08:49:37 GMT"], from: auth, at: now)
        #expect(jar.cookies.map(\.name) == ["a"])
        #expect(jar.cookieHeader(for: auth, at: now.addingTimeInterval(61)) == nil)
        jar.store(setCookieHeaders: ["a=; Max-Age=0"], from: auth, at: now)
        #expect(jar.cookies.isEmpty)
    }

    @Test func aDomainThatDoesNotCoverTheHostIsRejected() {
        var jar = CookieJar()
        #expect(jar.store(setCookieHeaders: ["x=1; Domain=evil.example"], from: auth, at: now).isEmpty)
        #expect(
            jar.store(setCookieHeaders: ["y=1; Domain=.pingone.com; Path=/"], from: auth, at: now).map(\.domain) == [
                "pingone.com"
            ])
        #expect(jar.cookieHeader(for: URLParts("https://apps.pingone.com/")!, at: now) == "y=1")
    }
}
