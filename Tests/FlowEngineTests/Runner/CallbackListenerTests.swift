import FlowEngine
import Foundation
import Testing

@Suite struct CallbackListenerTests {
    @Test func catchesARedirectAndAnswersTheBrowser() async throws {
        try await withListener(redirectURI: "http://127.0.0.1/callback") { listener, transport in
            #expect(listener.port > 0)
            async let caught = listener.callback(timeout: .seconds(60))
            let stray = try await transport.send(
                HTTPRequest(method: "GET", url: "http://127.0.0.1:\(listener.port)/favicon.ico"), timeout: .seconds(5))
            #expect(stray.status == 400)
            #expect(
                listener.ignored == [
                    IgnoredCallback(method: "GET", target: "/favicon.ico", reason: "not the redirect path /callback")
                ])
            let page = try await transport.send(
                HTTPRequest(method: "GET", url: "\(listener.redirectURI)?code=c1&state=s1"), timeout: .seconds(5))
            #expect(page.status == 200)
            #expect(String(decoding: page.body, as: UTF8.self).contains("authflow caught the redirect"))
            #expect(try await caught == "http://127.0.0.1:\(listener.port)/callback?code=c1&state=s1")
        }
    }

    @Test func foldsAFormPostIntoTheQuery() async throws {
        try await withListener(redirectURI: "http://localhost/cb") { listener, transport in
            async let caught = listener.callback(timeout: .seconds(5))
            let body = Array("code=c2&state=s2".utf8)
            _ = try await transport.send(
                HTTPRequest(
                    method: "POST", url: listener.redirectURI,
                    headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded")], body: body),
                timeout: .seconds(5))
            let url = try await caught
            #expect(URLParts(url)?.queryParameters == [FormParameter("code", "c2"), FormParameter("state", "s2")])
        }
    }

    @Test func refusesARedirectURIItCannotCatch() async {
        await #expect(throws: CallbackListenerError.notLoopback("https://app.example.com/callback")) {
            _ = try await CallbackListener.start(redirectURI: "https://app.example.com/callback")
        }
    }

    @Test func givesUpAfterTheTimeout() async throws {
        let listener = try await CallbackListener.start(redirectURI: "http://127.0.0.1/callback")
        defer { Task { await listener.stop() } }
        await #expect(throws: CallbackListenerError.timedOut(.milliseconds(200))) {
            _ = try await listener.callback(timeout: .milliseconds(200))
        }
    }

    @Test func aForgedCallbackIsAnswered400AndTheRealOneIsStillCaught() async throws {
        try await withListener(redirectURI: "http://127.0.0.1/callback") { listener, transport in
            async let caught = listener.callback(timeout: .seconds(20), expectedState: "the-real-state")
            let forged = try await transport.send(
                HTTPRequest(method: "GET", url: "\(listener.redirectURI)?code=evil&state=guessed"), timeout: .seconds(5)
            )
            #expect(forged.status == 400)
            #expect(String(decoding: forged.body, as: UTF8.self).contains("the state is not this flow"))
            let noState = try await transport.send(
                HTTPRequest(method: "GET", url: "\(listener.redirectURI)?code=evil"), timeout: .seconds(5))
            #expect(noState.status == 400)
            let wrongMethod = try await transport.send(
                HTTPRequest(method: "PUT", url: "\(listener.redirectURI)?code=evil&state=the-real-state"),
                timeout: .seconds(5))
            #expect(wrongMethod.status == 400)
            let real = try await transport.send(
                HTTPRequest(method: "GET", url: "\(listener.redirectURI)?code=good&state=the-real-state"),
                timeout: .seconds(5))
            #expect(real.status == 200)
            #expect(try await caught == "\(listener.redirectURI)?code=good&state=the-real-state")
            #expect(
                listener.ignored.map(\.reason) == [
                    "the state is not this flow's", "no state parameter",
                    "method PUT (a redirect is a GET, or a POST for form_post)",
                ])
        }
    }

    @Test func aFormPostWithAnotherStateIsIgnoredToo() async throws {
        try await withListener(redirectURI: "http://127.0.0.1/cb") { listener, transport in
            async let caught = listener.callback(timeout: .seconds(20), expectedState: "s-real")
            let form = [HTTPHeader("Content-Type", "application/x-www-form-urlencoded")]
            let forged = try await transport.send(
                HTTPRequest(
                    method: "POST", url: listener.redirectURI, headers: form, body: Array("code=x&state=s-fake".utf8)),
                timeout: .seconds(5))
            #expect(forged.status == 400)
            _ = try await transport.send(
                HTTPRequest(
                    method: "POST", url: listener.redirectURI, headers: form, body: Array("code=y&state=s-real".utf8)),
                timeout: .seconds(5))
            #expect(URLParts(try await caught)?.queryParameters.first { $0.name == "code" }?.value == "y")
            #expect(listener.ignored.count == 1)
        }
    }

    @Test func itListensOnTheRedirectURIsOwnHost() async throws {
        let transport = LiveTransport()
        defer { Task { await transport.shutdown() } }
        let ipv6: CallbackListener
        do {
            ipv6 = try await CallbackListener.start(redirectURI: "http://[::1]/cb")
        } catch {
            // No IPv6 loopback on this machine: nothing to listen on, and the error says where.
            #expect(error.description.contains("[::1]"))
            return
        }
        #expect(ipv6.redirectURI == "http://[::1]:\(ipv6.port)/cb")
        async let caught = ipv6.callback(timeout: .seconds(10))
        let page = try await transport.send(
            HTTPRequest(method: "GET", url: "\(ipv6.redirectURI)?code=c6&state=s6"), timeout: .seconds(5))
        #expect(page.status == 200)
        #expect(try await caught == "\(ipv6.redirectURI)?code=c6&state=s6")
        await ipv6.stop()

        let named = try await CallbackListener.start(redirectURI: "http://localhost/cb")
        #expect(named.redirectURI == "http://localhost:\(named.port)/cb")
        async let caughtNamed = named.callback(timeout: .seconds(10))
        _ = try await transport.send(
            HTTPRequest(method: "GET", url: "http://127.0.0.1:\(named.port)/cb?code=c4"), timeout: .seconds(5))
        #expect(try await caughtNamed == "\(named.redirectURI)?code=c4")
        await named.stop()
    }

    /// Runs `body` with a listener on `redirectURI` and a transport to call it with; stops both after.
    private func withListener(
        redirectURI: String, _ body: (CallbackListener, LiveTransport) async throws -> Void
    ) async throws {
        let listener = try await CallbackListener.start(redirectURI: redirectURI)
        let transport = LiveTransport()
        do {
            try await body(listener, transport)
        } catch {
            await transport.shutdown()
            await listener.stop()
            throw error
        }
        await transport.shutdown()
        await listener.stop()
    }
}
