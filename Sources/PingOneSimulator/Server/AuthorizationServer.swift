import Foundation

/// The simulated PingOne authorization server: all state, and one method per endpoint.
///
/// An actor, so endpoint handlers see a consistent store; handlers do no I/O of their own.
actor AuthorizationServer {
    let configuration: SimulatorConfiguration
    let clock: SimulatorClock
    let signingKey: JWTSigningKey
    /// `http://host:port`, set once the listener is bound.
    private(set) var baseURL = "http://127.0.0.1"
    /// The hosted sign-on page's origin, `http://host:port2` (the base itself for a custom domain).
    private(set) var signOnBaseURL = "http://127.0.0.1"
    var faults: Set<SimulatorFault>
    /// Made on first use by the `badSignature` fault: same `kid`, not in the JWKS.
    var rogueKey: JWTSigningKey?
    let startedAt: Date

    var sessions: [String: BrowserSession] = [:]
    var flows: [String: Flow] = [:]
    var codes: [String: AuthorizationCode] = [:]
    var tokens: [String: IssuedToken] = [:]
    var pushedRequests: [String: PushedRequest] = [:]
    var lockouts: [String: PasswordLockout] = [:]
    /// New passwords set with `password.reset`, by user id.
    var changedPasswords: [String: String] = [:]
    var usedAssertionIDs: Set<String> = []
    var hanging = HangingRequests()

    static let bodyLimit = 1_048_576

    init(configuration: SimulatorConfiguration, clock: SimulatorClock, signingKey: JWTSigningKey) {
        self.configuration = configuration
        self.clock = clock
        self.signingKey = signingKey
        self.faults = configuration.faults
        self.startedAt = clock.now()
        for user in configuration.users {
            guard let seconds = user.lockedForSeconds else { continue }
            lockouts[user.username.lowercased()] = PasswordLockout(
                lockedUntil: startedAt.addingTimeInterval(TimeInterval(seconds)))
        }
    }

    func setBaseURL(_ url: String, signOnBase: String? = nil) {
        baseURL = url
        signOnBaseURL = signOnBase ?? url
    }

    func setFaults(_ faults: Set<SimulatorFault>) {
        self.faults = faults
    }

    var now: Date { clock.now() }

    /// The time written into tokens and the `Date` header; 10 minutes ahead under `clockSkew`.
    var serverTime: Date {
        faults.contains(.clockSkew) ? now.addingTimeInterval(600) : now
    }

    // MARK: - URLs

    /// `{base}/{environmentID}`, or the base alone when served as a custom domain.
    var environmentURL: String { Self.environmentURL(base: baseURL, configuration: configuration) }

    static func environmentURL(base: String, configuration: SimulatorConfiguration) -> String {
        configuration.customDomain ? base : "\(base)/\(configuration.environmentID)"
    }
    var issuer: String { "\(environmentURL)/as" }
    var tokenEndpoint: String { "\(issuer)/token" }

    func flowURL(_ flowID: String) -> String { "\(environmentURL)/flows/\(flowID)" }
    func resumeURL(_ flowID: String) -> String { "\(issuer)/resume?flowId=\(flowID)" }
    func signOnURL(_ flowID: String) -> String { "\(signOnEnvironmentURL)/signon/?flowId=\(flowID)" }
    /// The sign-on page's `{signOnBase}/{environmentID}`, as `https://apps.pingone.<tld>/{envId}`.
    var signOnEnvironmentURL: String { Self.environmentURL(base: signOnBaseURL, configuration: configuration) }

    /// `ST` cookie path: the environment, as PingOne writes it (`Path=/{envId}`, no trailing slash),
    /// so every endpoint under it receives the cookie.
    var cookiePath: String { configuration.customDomain ? "/" : "/\(configuration.environmentID)" }

    /// The audience of access tokens for the PingOne API: `https://api.pingone.<tld>` for the region.
    var platformAudience: String { "https://api.pingone.\(Self.topLevelDomain(region: configuration.region))" }

    /// The top-level domain of PingOne's hosts in a region (reference §0): `NA` → `com`, `AP` → `asia`, …
    static func topLevelDomain(region: String) -> String {
        switch region.uppercased() {
        case "EU": "eu"
        case "CA": "ca"
        case "AP", "ASIA": "asia"
        case "AU": "com.au"
        case "SG": "sg"
        default: "com"
        }
    }

    // MARK: - Hanging requests

    /// Suspends until shutdown or until the calling task is cancelled (the `hangToken` fault).
    func waitUntilReleased() async {
        let id = hanging.makeID()
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                hanging.park(id, continuation)
            }
        } onCancel: {
            Task { await self.cancelHanging(id) }
        }
    }

    private func cancelHanging(_ id: Int) {
        hanging.cancel(id)
    }

    /// Releases every hanging request; called at shutdown.
    func releaseHangingRequests() {
        hanging.releaseAll()
    }

    // MARK: - Randomness

    /// A random URL-safe token of `byteCount` random bytes.
    static func randomToken(byteCount: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode((0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    static func newID() -> String { UUID().uuidString.lowercased() }
}
