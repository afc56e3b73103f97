import PingOneSimulator

/// The demo environment's values, read from the simulator's own demo configuration
/// (`SimulatorConfiguration.demo`) so the tests keep no copy of them.
public enum Demo {
    private static let webApp = SimulatorConfiguration.demo.applications[0]
    private static let spa = SimulatorConfiguration.demo.applications[1]
    private static let user = SimulatorConfiguration.demo.users[0]

    public static let environmentID = SimulatorConfiguration.demo.environmentID
    /// The confidential web app (`client_secret_basic`).
    public static let webAppID = webApp.id
    public static let webAppSecret = webApp.secret ?? ""
    /// The public single-page app (PKCE required).
    public static let spaID = spa.id
    public static let username = user.username
    public static let password = user.password
    /// A loopback redirect URI on a port that is not registered (RFC 8252 §7.3 ignores it).
    public static let redirectURI = "http://127.0.0.1:53682/callback"

    /// The demo configuration with one application replaced or added.
    public static func configuration(with app: SimulatedApplication, faults: Set<SimulatorFault> = [])
        -> SimulatorConfiguration
    {
        var configuration = SimulatorConfiguration.demo
        configuration.applications.removeAll { $0.id == app.id }
        configuration.applications.append(app)
        configuration.faults = faults
        return configuration
    }
}
