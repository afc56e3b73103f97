import FlowEngine
import Foundation

/// Values shared by the engine tests.
enum Fixture {
    static let base = "https://auth.pingone.com"
    static let environment = "5caa81af-ec05-41ff-a709-c7378007a99c"
    static let client = "724ec718-c41c-4d51-98b0-84a583f450f9"
    static let redirect = "https://app.example.com/callback"
    static let flowID = "03e52d0a-c55a-4807-889b-cd14f74ec4c5"
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func configuration(_ change: (inout FlowConfiguration) -> Void = { _ in }) -> FlowConfiguration {
        var configuration = FlowConfiguration(
            authBaseURL: base, environmentID: environment, region: "NA", clientID: client, clientSecret: "s3cret-value",
            redirectURI: redirect, scopes: ["openid", "profile"], username: "demo", password: "2Federate!")
        change(&configuration)
        return configuration
    }

    /// The path of `shared/vectors/NAME` beside the repository.
    static func vectorURL(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/vectors/\(name)")
    }
}
