import FlowEngine
import Foundation
import Testing

@Suite struct CallbackListenerTests {
    @Test func catchesARedirectAndAnswersTheBrowser() async throws {
        let listener = try await CallbackListener.start(redirectURI: "http://127.0.0.1/callback")
        let transport = LiveTransport()
        defer {
            Task {
                await transport.shutdown()
                await listener.stop()
            }
        }
        #expect(listener.port > 0)
        async let caught = listener.callback(timeout: .seconds(5))
        let stray = try await transport.send(
            HTTPRequest(method: "GET", url: "http://127.0.0.1:\(listener.port)/favicon.ico"), timeout: .seconds(5))
        #expect(stray.status == 404)
        let page = try await transport.send(
            HTTPRequest(method: "GET", url: "\(listener.redirectURI)?code=c1&state=s1"), timeout: .seconds(5))
        #expect(page.status == 200)
        #expect(String(decoding: page.body, as: UTF8.self).contains("authflow caught the redirect"))
        #expect(try await caught == "http://127.0.0.1/callback?code=c1&state=s1")
    }

    @Test func foldsAFormPostIntoTheQuery() async throws {
        let listener = try await CallbackListener.start(redirectURI: "http://localhost/cb")
        let transport = LiveTransport()
        defer {
            Task {
                await transport.shutdown()
                await listener.stop()
            }
        }
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
}
