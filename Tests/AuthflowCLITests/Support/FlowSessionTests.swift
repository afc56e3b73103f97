import FlowEngine
import Testing

@testable import AuthflowCLI

/// The checks `FlowSession` makes before anything is sent.
@Suite struct FlowSessionTests {
    @Test func plainHTTPToAHostThatIsNotLoopbackIsFoundOncePerOrigin() throws {
        let options = try FlowOptions.parse([
            "--auth-path", "http://auth.example.com", "--env", "5caa81af-ec05-41ff-a709-c7378007a99c", "--client-id",
            "c", "--redirect-uri", "https://app.example.com/cb", "--auth-method", "NONE",
        ])
        let configuration = try options.configuration(environment: [:], prompter: SecretPrompter(isInteractive: false))
        #expect(FlowSession.plainHTTPURLs(configuration) == ["http://auth.example.com"])

        let loopback = try FlowOptions.parse([
            "--auth-path", "http://127.0.0.1:9", "--client-id", "c", "--redirect-uri", "https://app.example.com/cb",
            "--auth-method", "NONE",
        ]).configuration(environment: [:], prompter: SecretPrompter(isInteractive: false))
        #expect(FlowSession.plainHTTPURLs(loopback).isEmpty)
    }

    @Test func aBadProxyIsARuntimeFailureNamingTheProxy() throws {
        let options = try FlowOptions.parse([])
        let error = #expect(throws: RuntimeFailure.self) {
            _ = try FlowSession.makeTransport(flowOptions: options, environment: ["HTTPS_PROXY": "gopher://x"])
        }
        #expect(error?.description.hasPrefix("proxy: ") == true, "\(String(describing: error))")
    }
}
