import FlowEngine
import Foundation
import Testing

/// The page the loopback listener shows the browser: a provider's error explained, every value
/// from the URL HTML-escaped, and the port kept in the URL it hands to the flow.
@Suite struct CallbackListenerPageTests {
    /// Sends `query` to a fresh listener's redirect URI; returns the page and the URL caught.
    func send(query: String, form: Bool = false) async throws -> (page: String, caught: String, port: Int) {
        let listener = try await CallbackListener.start(redirectURI: "http://127.0.0.1/callback")
        let transport = LiveTransport()
        do {
            async let caught = listener.callback(timeout: .seconds(30))
            let request =
                form
                ? HTTPRequest(
                    method: "POST", url: listener.redirectURI,
                    headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded")], body: Array(query.utf8))
                : HTTPRequest(method: "GET", url: "\(listener.redirectURI)?\(query)")
            let response = try await transport.send(request, timeout: .seconds(10))
            let url = try await caught
            await transport.shutdown()
            await listener.stop()
            #expect(response.status == 200)
            return (String(decoding: response.body, as: UTF8.self), url, listener.port)
        } catch {
            await transport.shutdown()
            await listener.stop()
            throw error
        }
    }

    @Test func aProvidersErrorIsExplainedWithEveryValueEscaped() async throws {
        let (page, caught, port) = try await send(
            query: "error=access_denied%3Cscript%3E&error_description=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E+%22no%22"
                + "&error_uri=https%3A%2F%2Fidp.example%2Ferr%3Fa%3D1%26b%3D%22x%22&state=s1")
        #expect(page.contains("The provider refused the sign-on"))
        #expect(page.contains("<code>access_denied&lt;script&gt;</code>"))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt; &quot;no&quot;"))
        #expect(page.contains("href=\"https://idp.example/err?a=1&amp;b=&quot;x&quot;\""))
        #expect(!page.contains("<script>") && !page.contains("<img"))
        #expect(page.contains("step 1 Authorize"))
        #expect(page.contains("press r in authflow, or run it again"))
        #expect(caught.hasPrefix("http://127.0.0.1:\(port)/callback?error="))
    }

    @Test func anErrorURIThatIsNotAWebAddressIsNotALink() async throws {
        let (page, _, _) = try await send(query: "error=server_error&error_uri=javascript%3Aalert(1)&state=s1")
        #expect(!page.contains("href="))
        #expect(page.contains("<code>javascript:alert(1)</code>"))
        #expect(!page.contains("Its description"))
    }

    @Test func aFormPostErrorIsExplainedToo() async throws {
        let (page, caught, _) = try await send(query: "error=login_required&state=s1", form: true)
        #expect(page.contains("<code>login_required</code>"))
        #expect(URLParts(caught)?.queryParameters.value("error") == "login_required")
    }

    @Test func aCodeGetsTheSuccessPageAndKeepsThePort() async throws {
        let (page, caught, port) = try await send(query: "code=c1&state=s1")
        #expect(page.contains("authflow caught the redirect"))
        #expect(page.contains("redeems the code"))
        #expect(!page.contains("refused"))
        #expect(caught == "http://127.0.0.1:\(port)/callback?code=c1&state=s1")
        #expect(URLComponents(string: caught)?.port == port)
    }
}
