import FlowEngine
import Foundation
import TestSupport

/// Values shared by the engine tests.
enum Fixture {
    static let base = "https://auth.pingone.com"
    static let environment = Demo.environmentID
    static let client = Demo.webAppID
    static let redirect = "https://app.example.com/callback"
    static let flowID = "03e52d0a-c55a-4807-889b-cd14f74ec4c5"
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func configuration(_ change: (inout FlowConfiguration) -> Void = { _ in }) -> FlowConfiguration {
        var configuration = FlowConfiguration(
            authBaseURL: base, environmentID: environment, region: "NA", clientID: client, clientSecret: "s3cret-value",
            redirectURI: redirect, scopes: ["openid", "profile"], username: Demo.username, password: Demo.password)
        change(&configuration)
        return configuration
    }

    /// The path of `shared/vectors/NAME` beside the repository.
    static func vectorURL(_ name: String) -> URL {
        Vectors.directory.appendingPathComponent(name)
    }
}
