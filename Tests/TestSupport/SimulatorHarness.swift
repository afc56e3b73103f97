import AsyncHTTPClient
import FlowEngine
import Foundation
import NIOCore
import NIOHTTP1
import PingOneSimulator

/// A running simulator for one test, with the two ways the tests talk to it: an HTTP client that
/// never follows redirects (the simulator's endpoint tests, request by request) and the engine's
/// own transport and runner (whole flows against it).
public final class SimulatorHarness: Sendable {
    public let simulator: PingOneSimulator
    public let client: HTTPClient
    public let transport: LiveTransport

    /// Where the environment's paths start: `{base}/{environmentID}`, or the base of a custom domain.
    public var environmentURL: String {
        let configuration = simulator.configuration
        let base = simulator.baseURL.absoluteString
        return configuration.customDomain ? base : "\(base)/\(configuration.environmentID)"
    }
    public var issuer: String { simulator.issuer }
    /// Where the hosted sign-on page's paths start: `{signOnBase}/{environmentID}`, on the page's own
    /// origin (the base itself for a custom domain).
    public var signOnEnvironmentURL: String {
        let configuration = simulator.configuration
        let base = simulator.signOnBaseURL.absoluteString
        return configuration.customDomain ? base : "\(base)/\(configuration.environmentID)"
    }

    private init(simulator: PingOneSimulator) {
        self.simulator = simulator
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        transport = LiveTransport()
    }

    /// Starts a simulator on an ephemeral port of 127.0.0.1 with the demo configuration, changed
    /// by `faults` and `change`; the caller ends it with ``stop()``.
    public static func start(
        faults: Set<SimulatorFault> = [],
        changing change: (inout SimulatorConfiguration) -> Void = { _ in }
    ) async throws -> SimulatorHarness {
        var configuration = SimulatorConfiguration.demo
        configuration.faults = faults
        change(&configuration)
        return try await start(configuration)
    }

    /// Starts a simulator with `configuration` (by default with the suite's shared signing key;
    /// `starting` may start it otherwise, for example with a clock the test moves).
    public static func start(
        _ configuration: SimulatorConfiguration,
        starting: (SimulatorConfiguration, PingOneSimulator.SigningKey) async throws -> PingOneSimulator = {
            try await PingOneSimulator.start(configuration: $0, signingKey: $1)
        }
    ) async throws -> SimulatorHarness {
        SimulatorHarness(simulator: try await starting(configuration, try await sharedSigningKey.value))
    }

    /// Shuts the clients and the simulator down.
    public func stop() async {
        try? await client.shutdown()
        await transport.shutdown()
        await simulator.shutdown()
    }

    /// Starts a simulator, runs `body`, and always stops both.
    public static func run<T>(
        _ configuration: SimulatorConfiguration = .demo,
        starting: (SimulatorConfiguration, PingOneSimulator.SigningKey) async throws -> PingOneSimulator = {
            try await PingOneSimulator.start(configuration: $0, signingKey: $1)
        },
        _ body: (SimulatorHarness) async throws -> T
    ) async throws -> T {
        let harness = try await start(configuration, starting: starting)
        do {
            let result = try await body(harness)
            await harness.stop()
            return result
        } catch {
            await harness.stop()
            throw error
        }
    }

    /// One RSA key for every harness-started simulator: key generation dominates the suites' CPU time.
    /// (`PingOneSimulator.start` without a key, as the hang and port tests use it, still makes its own.)
    /// A task, not a lazily built value: awaiting it suspends, where a `static let` under
    /// construction would block every other thread that reads it; the key is made off the pool.
    private static let sharedSigningKey = Task { try await PingOneSimulator.SigningKey.generate() }

    // MARK: - Whole flows through the engine

    public enum App: Sendable { case web, spa }

    /// A flow configuration for one of the demo apps, with the demo user's credentials.
    public func configuration(_ app: App, _ change: (inout FlowConfiguration) -> Void = { _ in }) -> FlowConfiguration {
        let demo = simulator.configuration
        let application = demo.applications[app == .web ? 0 : 1]
        var configuration = FlowConfiguration(
            authBaseURL: simulator.baseURL.absoluteString,
            environmentID: demo.customDomain ? nil : demo.environmentID, clientID: application.id,
            clientSecret: application.secret, redirectURI: "http://127.0.0.1/callback",
            scopes: ["openid", "profile", "email"],
            clientAuthentication: ClientAuthenticationMethod(rawValue: application.tokenEndpointAuthMethod) ?? .none,
            username: demo.users[0].username, password: demo.users[0].password,
            requestTimeout: .seconds(5))
        // As `--demo` does: the hosted page's second origin is named as the simulator's.
        configuration.simulatorSignOnOrigins = [simulator.signOnBaseURL.absoluteString]
        change(&configuration)
        return configuration
    }

    public var runner: FlowRunner { FlowRunner(transport: transport) }

    /// Runs a whole flow; `beforeEachStep` may change it between requests.
    public func run(
        _ configuration: FlowConfiguration,
        beforeEachStep: (inout AuthorizationCodeFlow) -> Void = { _ in }
    ) async -> (AuthorizationCodeFlow, FlowOutcome) {
        var flow = AuthorizationCodeFlow(configuration: configuration, randomness: .system)
        let outcome = await runner.run(&flow, beforeEachStep: beforeEachStep)
        return (flow, outcome)
    }

    // MARK: - Requests

    /// Sends a request; `url` may be absolute or a path under the environment (`/as/jwks`).
    public func send(
        _ method: HTTPMethod, _ url: String, headers: [(String, String)] = [], body: Data? = nil,
        timeout: TimeAmount = .seconds(10)
    ) async throws -> HTTPResult {
        var request = HTTPClientRequest(url: url.hasPrefix("http") ? url : environmentURL + url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 4 << 20)
        return HTTPResult(
            status: Int(response.status.code), headers: response.headers.map { (name: $0.name, value: $0.value) },
            body: Data(buffer.readableBytesView))
    }

    public func get(_ url: String, headers: [(String, String)] = []) async throws -> HTTPResult {
        try await send(.GET, url, headers: headers)
    }

    public func postForm(
        _ url: String, _ pairs: [(String, String)], headers: [(String, String)] = [], timeout: TimeAmount = .seconds(10)
    )
        async throws -> HTTPResult
    {
        try await send(
            .POST, url, headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers,
            body: Data(Self.formEncode(pairs).utf8), timeout: timeout)
    }

    public func postJSON(_ url: String, _ json: String, contentType: String, headers: [(String, String)] = [])
        async throws
        -> HTTPResult
    {
        try await send(.POST, url, headers: [("Content-Type", contentType)] + headers, body: Data(json.utf8))
    }

    public static func formEncode(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map {
            "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    public static func basic(_ id: String, _ secret: String) -> (String, String) {
        ("Authorization", "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString())
    }

    // MARK: - The flow, step by step

    /// Authorize parameters for a client, with the usual defaults.
    public static func authorizeParameters(
        clientID: String = Demo.webAppID, redirectURI: String? = Demo.redirectURI,
        scope: String = "openid profile email",
        state: String? = "xyz-state", extra: [(String, String)] = []
    ) -> [(String, String)] {
        var pairs = [("response_type", "code"), ("client_id", clientID)]
        if let redirectURI { pairs.append(("redirect_uri", redirectURI)) }
        pairs.append(("scope", scope))
        if let state { pairs.append(("state", state)) }
        return pairs + extra
    }

    /// `GET /as/authorize`.
    public func authorize(_ pairs: [(String, String)], cookie: String? = nil) async throws -> HTTPResult {
        try await get("/as/authorize?" + Self.formEncode(pairs), headers: cookie.map { [("Cookie", "ST=\($0)")] } ?? [])
    }

    /// Authorize and return the flow id and the `ST` cookie value.
    public func startFlow(_ pairs: [(String, String)] = authorizeParameters()) async throws -> (
        flowID: String, sessionToken: String
    ) {
        let response = try await authorize(pairs)
        guard response.status == 302, let location = response.header("Location"),
            let flowID = URLComponents(string: location)?.queryItems?.first(where: { $0.name == "flowId" })?.value,
            let cookie = response.header("Set-Cookie"), let st = Self.cookieValue(cookie, name: "ST")
        else {
            throw TestFailure("authorize did not start a flow: \(response.status) \(response.headers) \(response.text)")
        }
        return (flowID, st)
    }

    /// `POST /flows/{id}` with `usernamePassword.check`.
    public func checkPassword(
        flowID: String, sessionToken: String?, username: String = Demo.username, password: String = Demo.password
    )
        async throws -> HTTPResult
    {
        let body = try JSONSerialization.data(withJSONObject: ["username": username, "password": password])
        return try await postJSON(
            "/flows/\(flowID)", String(decoding: body, as: UTF8.self),
            contentType: "application/vnd.pingidentity.usernamePassword.check+json",
            headers: sessionToken.map { [("Cookie", "ST=\($0)")] } ?? [])
    }

    /// Checks the demo user's password and returns the new `ST` the successful check set.
    public func signOn(flowID: String, sessionToken: String) async throws -> String {
        let response = try await checkPassword(flowID: flowID, sessionToken: sessionToken)
        guard response.status == 200, let cookie = response.header("Set-Cookie"),
            let renewed = Self.cookieValue(cookie, name: "ST")
        else {
            throw TestFailure("sign-on did not set a new ST: \(response.status) \(response.headers) \(response.text)")
        }
        return renewed
    }

    /// `GET /as/resume`.
    public func resume(flowID: String, sessionToken: String?) async throws -> HTTPResult {
        try await get("/as/resume?flowId=\(flowID)", headers: sessionToken.map { [("Cookie", "ST=\($0)")] } ?? [])
    }

    /// Authorize, sign on and resume; returns the authorization code.
    public func obtainCode(_ pairs: [(String, String)] = authorizeParameters()) async throws -> String {
        let (flowID, started) = try await startFlow(pairs)
        let st = try await signOn(flowID: flowID, sessionToken: started)
        let resumed = try await resume(flowID: flowID, sessionToken: st)
        guard let code = resumed.locationParameters()["code"] else {
            throw TestFailure("resume returned no code: \(resumed.status) \(resumed.headers)")
        }
        return code
    }

    /// Exchanges a code as the demo web app (Basic auth).
    public func exchange(code: String, redirectURI: String = Demo.redirectURI, extra: [(String, String)] = [])
        async throws
        -> HTTPResult
    {
        try await postForm(
            "/as/token", [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI)] + extra,
            headers: [Self.basic(Demo.webAppID, Demo.webAppSecret)])
    }

    /// The whole flow for the demo web app; returns the token response JSON.
    public func tokens(scope: String = "openid profile email", extra: [(String, String)] = []) async throws -> [String:
        Any]
    {
        let code = try await obtainCode(Self.authorizeParameters(scope: scope, extra: extra))
        let response = try await exchange(code: code)
        guard response.status == 200 else { throw TestFailure("token request failed: \(response.text)") }
        return try response.json()
    }

    public static func cookieValue(_ setCookie: String, name: String) -> String? {
        guard let first = setCookie.split(separator: ";").first else { return nil }
        let parts = first.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name else { return nil }
        return String(parts[1])
    }
}
