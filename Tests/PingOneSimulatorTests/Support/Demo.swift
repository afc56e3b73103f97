import PingOneSimulator

/// The demo configuration's fixed values, as the tests refer to them.
enum Demo {
    static let environmentID = "5caa81af-ec05-41ff-a709-c7378007a99c"
    static let webAppID = "724ec718-c41c-4d51-98b0-84a583f450f9"
    static let webAppSecret = "demo-secret-7Hq2"
    static let spaID = "9b1f5a2e-3c4d-4e8f-a1b2-c3d4e5f60718"
    static let username = "demo"
    static let password = "2Federate!"
    /// A loopback redirect URI on a port that is not registered (RFC 8252 §7.3 ignores it).
    static let redirectURI = "http://127.0.0.1:53682/callback"

    /// RFC 7636 Appendix B.
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

    /// The demo configuration with one application replaced or added.
    static func configuration(with app: SimulatedApplication, faults: Set<SimulatorFault> = [])
        -> SimulatorConfiguration
    {
        var configuration = SimulatorConfiguration.demo
        configuration.applications.removeAll { $0.id == app.id }
        configuration.applications.append(app)
        configuration.faults = faults
        return configuration
    }
}
