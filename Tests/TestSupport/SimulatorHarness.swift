import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

@testable import PingOneSimulator

/// A running simulator and an HTTP client that never follows redirects, for one test.
final class SimulatorHarness {
    let simulator: PingOneSimulator
    let client: HTTPClient

    var environmentURL: String { "\(simulator.baseURL.absoluteString)/\(simulator.configuration.environmentID)" }
    var issuer: String { simulator.issuer }

    private init(simulator: PingOneSimulator, client: HTTPClient) {
        self.simulator = simulator
        self.client = client
    }

    /// Starts a simulator on an ephemeral port, runs `body`, and always shuts both down.
    static func run<T>(
        _ configuration: SimulatorConfiguration = .demo, clock: ManualClock? = nil,
        _ body: (SimulatorHarness) async throws -> T
    ) async throws -> T {
        let simulator = try await PingOneSimulator.start(
            configuration: configuration, host: "127.0.0.1", port: 0, clock: clock?.simulatorClock ?? .system,
            signingKey: try await sharedSigningKey.value)
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let harness = SimulatorHarness(simulator: simulator, client: client)
        do {
            let result = try await body(harness)
            try await client.shutdown()
            await simulator.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            await simulator.shutdown()
            throw error
        }
    }

    /// One RSA key for every harness-started simulator: key generation dominates the suite's CPU time.
    /// (`PingOneSimulator.start` without a key, as the hang and port tests use it, still makes its own.)
    /// A task, not a lazily built value: awaiting it suspends, where a `static let` under
    /// construction would block every other thread that reads it.
    private static let sharedSigningKey = Task { try await JWTSigningKey.generateOffPool() }

    // MARK: - Requests

    /// Sends a request; `url` may be absolute or a path under the environment (`/as/jwks`).
    func send(
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

    func get(_ url: String, headers: [(String, String)] = []) async throws -> HTTPResult {
        try await send(.GET, url, headers: headers)
    }

    func postForm(
        _ url: String, _ pairs: [(String, String)], headers: [(String, String)] = [], timeout: TimeAmount = .seconds(10)
    )
        async throws -> HTTPResult
    {
        try await send(
            .POST, url, headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers,
            body: Data(Self.formEncode(pairs).utf8), timeout: timeout)
    }

    func postJSON(_ url: String, _ json: String, contentType: String, headers: [(String, String)] = []) async throws
        -> HTTPResult
    {
        try await send(.POST, url, headers: [("Content-Type", contentType)] + headers, body: Data(json.utf8))
    }

    static func formEncode(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map {
            "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    static func basic(_ id: String, _ secret: String) -> (String, String) {
        ("Authorization", "Basic " + Data("\(id):\(secret)".utf8).base64EncodedString())
    }

    // MARK: - The flow, step by step

    /// Authorize parameters for a client, with the usual defaults.
    static func authorizeParameters(
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
    func authorize(_ pairs: [(String, String)], cookie: String? = nil) async throws -> HTTPResult {
        try await get("/as/authorize?" + Self.formEncode(pairs), headers: cookie.map { [("Cookie", "ST=\($0)")] } ?? [])
    }

    /// Authorize and return the flow id and the `ST` cookie value.
    func startFlow(_ pairs: [(String, String)] = authorizeParameters()) async throws -> (
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
    func checkPassword(
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

    /// `GET /as/resume`.
    func resume(flowID: String, sessionToken: String?) async throws -> HTTPResult {
        try await get("/as/resume?flowId=\(flowID)", headers: sessionToken.map { [("Cookie", "ST=\($0)")] } ?? [])
    }

    /// Authorize, sign on and resume; returns the authorization code.
    func obtainCode(_ pairs: [(String, String)] = authorizeParameters()) async throws -> String {
        let (flowID, st) = try await startFlow(pairs)
        let signOn = try await checkPassword(flowID: flowID, sessionToken: st)
        guard signOn.status == 200 else { throw TestFailure("sign-on failed: \(signOn.text)") }
        let resumed = try await resume(flowID: flowID, sessionToken: st)
        guard let code = resumed.locationParameters()["code"] else {
            throw TestFailure("resume returned no code: \(resumed.status) \(resumed.headers)")
        }
        return code
    }

    /// Exchanges a code as the demo web app (Basic auth).
    func exchange(code: String, redirectURI: String = Demo.redirectURI, extra: [(String, String)] = []) async throws
        -> HTTPResult
    {
        try await postForm(
            "/as/token", [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI)] + extra,
            headers: [Self.basic(Demo.webAppID, Demo.webAppSecret)])
    }

    /// The whole flow for the demo web app; returns the token response JSON.
    func tokens(scope: String = "openid profile email", extra: [(String, String)] = []) async throws -> [String: Any] {
        let code = try await obtainCode(Self.authorizeParameters(scope: scope, extra: extra))
        let response = try await exchange(code: code)
        guard response.status == 200 else { throw TestFailure("token request failed: \(response.text)") }
        return try response.json()
    }

    static func cookieValue(_ setCookie: String, name: String) -> String? {
        guard let first = setCookie.split(separator: ";").first else { return nil }
        let parts = first.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name else { return nil }
        return String(parts[1])
    }
}
