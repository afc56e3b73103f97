import Foundation
import Testing

@testable import FlowEngine

/// RFC 6265 §5.3 steps 5 and 6: which `Domain` a host may set a cookie for.
@Suite struct CookieDomainTests {
    static let now = Date(timeIntervalSince1970: 1_795_338_000)

    static func receive(_ header: String, from url: String, list: PublicSuffixList = .builtIn) -> (
        jar: CookieJar, accepted: [Cookie], rejected: [RejectedCookie]
    ) {
        var jar = CookieJar()
        let result = jar.receive(
            setCookieHeaders: [header], from: URLParts(url)!, at: now, publicSuffixes: list)
        return (jar, result.accepted, result.rejected)
    }

    @Test func aParentDomainIsAccepted() {
        let result = Self.receive("a=1; Domain=.example.com", from: "https://auth.example.com/x")
        #expect(result.accepted.map(\.domain) == ["example.com"])
        #expect(result.accepted.first?.hostOnly == false)
        #expect(result.jar.cookieHeader(for: URLParts("https://www.example.com/")!, at: Self.now) == "a=1")
    }

    @Test func anotherSiteIsRejected() {
        let result = Self.receive("a=1; Domain=evil.example", from: "https://auth.example.com/x")
        #expect(result.jar.cookies.isEmpty)
        #expect(
            result.rejected == [
                RejectedCookie(name: "a", domain: "evil.example", reason: .domainMismatch(host: "auth.example.com"))
            ])
        // "ample.com" is a suffix of the string but not a parent domain.
        #expect(Self.receive("a=1; Domain=ample.com", from: "https://example.com/").rejected.count == 1)
    }

    @Test func anIPAddressHostSetsNoDomainCookie() {
        let wide = Self.receive("a=1; Domain=0.0.1", from: "http://127.0.0.1:8080/")
        #expect(wide.rejected.first?.reason == .ipAddressHost(host: "127.0.0.1"))
        let ipv6 = Self.receive("a=1; Domain=example.com", from: "http://[::1]:8080/")
        #expect(ipv6.rejected.count == 1)
        let itself = Self.receive("a=1; Domain=127.0.0.1", from: "http://127.0.0.1:8080/")
        #expect(itself.accepted.first?.hostOnly == true)
        // A cookie already in the jar for a partial IP never matches another address.
        let stored = Cookie(name: "a", value: "1", domain: "0.0.1", hostOnly: false)
        #expect(!stored.matches(URLParts("http://10.0.0.1/")!, at: Self.now))
    }

    @Test func aPublicSuffixIsRejected() {
        let builtIn = Self.receive("a=1; Domain=co.uk", from: "https://shop.example.co.uk/")
        #expect(builtIn.rejected.first?.reason == .publicSuffix(host: "shop.example.co.uk"))
        #expect(builtIn.rejected.first?.reason.description.contains("public suffix") == true)
        #expect(Self.receive("a=1; Domain=com", from: "https://example.com/").rejected.count == 1)
        #expect(Self.receive("a=1; Domain=example.co.uk", from: "https://shop.example.co.uk/").accepted.count == 1)
        // Domain=<the host>, when the host is itself a public suffix, is a host-only cookie.
        #expect(Self.receive("a=1; Domain=github.io", from: "https://github.io/").accepted.first?.hostOnly == true)
    }

    @Test func theListFormatIsRead() {
        let list = PublicSuffixList(
            text: """
                // comment
                uk
                co.uk
                *.ck
                !www.ck
                example.test  trailing words are ignored
                """, source: "test")
        #expect(list.isPublicSuffix("co.uk"))
        #expect(list.isPublicSuffix("anything.ck"))
        #expect(!list.isPublicSuffix("www.ck"))
        #expect(list.isPublicSuffix("example.test"))
        #expect(!list.isPublicSuffix("example.co.uk"))
        #expect(list.isPublicSuffix("localhost"), "the default rule * makes one label a suffix")
        let wildcard = Self.receive("a=1; Domain=shop.ck", from: "https://a.shop.ck/", list: list)
        #expect(wildcard.rejected.count == 1)
    }

    @Test func theSystemListIsUsedWhenInstalled() throws {
        let path = "/usr/share/publicsuffix/public_suffix_list.dat"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return }
        let list = PublicSuffixList(text: text, source: path)
        #expect(list.count > 5000)
        #expect(list.isPublicSuffix("github.io"))
        #expect(list.isPublicSuffix("com.au"))
        #expect(!list.isPublicSuffix("pingone.com"))
        #expect(
            Self.receive("a=1; Domain=s3.amazonaws.com", from: "https://b.s3.amazonaws.com/", list: list).rejected.count
                == 1)
    }

    @Test func theListFormatIsReadRuleByRule() {
        // Comments, blank lines, CRLF, trailing words, wildcards, exceptions, upper case and an IDN rule.
        let text = "// comment\r\n\r\nCOM\r\n  net  trailing words\n*.ck\n!www.ck\n\t// indented comment\nÉxample.Fr\n"
        let list = PublicSuffixList(text: text, source: "test")
        #expect(list.count == 5)
        #expect(list.isPublicSuffix("com") && list.isPublicSuffix("net"))
        #expect(list.isPublicSuffix("anything.ck"))
        #expect(!list.isPublicSuffix("www.ck"))
        #expect(list.isPublicSuffix("éxample.fr"))
        #expect(!list.isPublicSuffix("trailing.net"))
        #expect(!list.isPublicSuffix("comment.com"))
    }
}
