import FlowEngine
import Foundation
import TestSupport
import Testing

/// `authflow run --demo --username fido`: the Flow API asks for a FIDO assertion, `run` hands the flow
/// to the hosted sign-on page and reads the pasted callback URL; the test plays the browser.
@Suite struct RunAssertionHandOffTests {
    /// The browser on the hosted page: reads the page (it names the Flow API resource), the flow, posts
    /// the simulated key's assertion from the page's origin, follows `resumeUrl` with the new `ST`, and
    /// returns the redirect back to the client.
    static func playBrowser(page: String) async throws -> String {
        let transport = LiveTransport(verifiesCertificates: true)
        defer { Task { await transport.shutdown() } }
        let html = try await transport.send(HTTPRequest(method: "GET", url: page), timeout: .seconds(10))
        let text = String(decoding: html.body, as: UTF8.self)
        guard html.status == 200, let start = text.range(of: "data-flow=\""),
            let end = text[start.upperBound...].firstIndex(of: "\"")
        else { throw TestFailure("the hosted page did not load: \(html.status) \(text)") }
        let flowURL = String(text[start.upperBound..<end])
        let read = try await transport.send(HTTPRequest(method: "GET", url: flowURL), timeout: .seconds(10))
        guard read.status == 200,
            let flow = try JSONSerialization.jsonObject(with: Data(read.body)) as? [String: Any],
            let pageOrigin = URLParts(page)?.origin
        else { throw TestFailure("the handed-off flow could not be read: \(read.status)") }
        #expect(flow["status"] as? String == "ASSERTION_REQUIRED")
        let body = try SimulatedSecurityKey.assertionBody(flow: flow, origin: pageOrigin)
        let asserted = try await transport.send(
            HTTPRequest(
                method: "POST", url: flowURL,
                headers: [
                    HTTPHeader("Content-Type", "application/vnd.pingidentity.assertion.check+json"),
                    HTTPHeader("Origin", pageOrigin),
                ],
                body: Array(body.utf8)),
            timeout: .seconds(10))
        guard asserted.status == 200,
            let completed = try JSONSerialization.jsonObject(with: Data(asserted.body)) as? [String: Any],
            let resumeURL = completed["resumeUrl"] as? String,
            let cookie = asserted.header("Set-Cookie"), let st = cookie.split(separator: ";").first
        else {
            throw TestFailure(
                "assertion.check refused: \(asserted.status) \(String(decoding: asserted.body, as: UTF8.self))")
        }
        #expect(asserted.header("Access-Control-Allow-Origin") == pageOrigin)
        let resumed = try await transport.send(
            HTTPRequest(method: "GET", url: resumeURL, headers: [HTTPHeader("Cookie", String(st))]),
            timeout: .seconds(10))
        guard let location = resumed.header("Location") else {
            throw TestFailure("resume did not redirect: \(resumed.status)")
        }
        return location
    }

    @Test func theFIDOUserIsHandedToTheBrowserAndRunRedeemsTheCallback() async throws {
        let process = try BackgroundProcess(AuthflowProcess.binary, ["run", "--demo", "--username", "fido"])
        defer { process.stop() }
        #expect(await process.waitFor("paste the URL", timeout: 60), "stderr: \(process.standardError)")
        let stderr = process.standardError
        #expect(stderr.contains("ASSERTION_REQUIRED"))
        let page = try #require(
            stderr.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.first {
                $0.hasPrefix("http://") && $0.contains("/signon/?flowId=")
            })
        let callback = try await Self.playBrowser(page: page)
        #expect(callback.hasPrefix("http://127.0.0.1/callback?code="))
        process.type(callback)
        let status = await process.waitForExit(timeout: 60)
        #expect(status == 0, "stderr: \(process.standardError)")
        #expect(process.standardOutput.contains("✓ tokens received"))
    }

    @Test func withNothingPastedTheRunEndsWithAClearError() async throws {
        let process = try BackgroundProcess(AuthflowProcess.binary, ["run", "--demo", "--username", "fido"])
        defer { process.stop() }
        #expect(await process.waitFor("paste the URL", timeout: 60))
        process.closeInput()
        let status = await process.waitForExit(timeout: 60)
        #expect(status == 1)
        #expect(process.standardError.contains("no callback URL was pasted"))
    }
}
