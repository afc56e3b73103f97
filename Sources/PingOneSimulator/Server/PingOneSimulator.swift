import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// A PingOne-compatible authorization server on loopback, for `authflow demo`, `authflow simulate` and tests.
///
/// The server runs until ``shutdown()``; dropping the last reference does not stop it.
///
/// ```swift
/// let simulator = try await PingOneSimulator.start()
/// print(simulator.issuer)   // http://127.0.0.1:PORT/5caa81af-…/as
/// await simulator.shutdown()
/// ```
public final class PingOneSimulator: Sendable {
    /// `http://host:PORT`, with the port actually bound.
    public let baseURL: URL
    /// The port actually bound (an ephemeral one when started with port 0).
    public let port: Int
    /// The configuration the simulator was started with; run-time fault changes are read with ``faults()``.
    public let configuration: SimulatorConfiguration
    /// `{baseURL}/{environmentID}/as`, or `{baseURL}/as` when served as a custom domain.
    public let issuer: String
    /// Where the hosted sign-on page lives: a second port on the same host, as `https://apps.pingone.<tld>`
    /// is to `https://auth.pingone.<tld>`, so the page calls the Flow API cross-origin. A custom
    /// domain serves the page on its own origin, as PingOne does: then this is ``baseURL``.
    public let signOnBaseURL: URL

    /// The server state, made once the signing key is ready (it is generated beside the listener's start).
    private let server: Task<AuthorizationServer, any Error>
    private let serviceGroup: ServiceGroup
    private let runTask: Task<Void, Never>

    private init(
        baseURL: URL, signOnBaseURL: URL, port: Int, configuration: SimulatorConfiguration,
        server: Task<AuthorizationServer, any Error>, serviceGroup: ServiceGroup, runTask: Task<Void, Never>
    ) {
        self.baseURL = baseURL
        self.signOnBaseURL = signOnBaseURL
        self.port = port
        self.configuration = configuration
        self.issuer =
            AuthorizationServer.environmentURL(base: baseURL.absoluteString, configuration: configuration) + "/as"
        self.server = server
        self.serviceGroup = serviceGroup
        self.runTask = runTask
    }

    /// Generates a signing key (or uses `signingKey`), binds `host:port` (0 = ephemeral) and serves
    /// until ``shutdown()``.
    public static func start(
        configuration: SimulatorConfiguration = .demo, host: String = "127.0.0.1", port: Int = 0,
        signingKey: SigningKey? = nil
    ) async throws -> PingOneSimulator {
        try await start(
            configuration: configuration, host: host, port: port, clock: .system, signingKey: signingKey?.key)
    }

    /// An RS256 signing key for the simulator, made ahead of time so several simulators (a test suite's)
    /// can share one: RSA key generation is the costliest part of a start.
    public struct SigningKey: Sendable {
        let key: JWTSigningKey

        /// Generates an RSA-2048 key on a thread of its own, off Swift's cooperative pool.
        public static func generate() async throws -> SigningKey {
            SigningKey(key: try await JWTSigningKey.generateOffPool())
        }
    }

    /// As ``start(configuration:host:port:)``, with an injected clock (for tests that move time) and,
    /// optionally, a signing key made earlier (tests share one to save RSA key generation).
    static func start(
        configuration: SimulatorConfiguration, host: String, port: Int, clock: SimulatorClock,
        signingKey: JWTSigningKey? = nil
    ) async throws -> PingOneSimulator {
        try configuration.validate()
        // RSA key generation is the costliest part of a start (a tenth of a second or more): it runs on
        // a thread of its own while the listener binds, so `start` returns (and the demo draws its first
        // frame) without waiting for it. Requests wait for it, and for the bound address, before
        // any endpoint runs.
        let keyGeneration = Task<JWTSigningKey, any Error> {
            if let signingKey { return signingKey }
            return try await JWTSigningKey.generateOffPool()
        }
        let (address, addressContinuation) = AsyncStream<(String, String)>.makeStream()
        let server = Task<AuthorizationServer, any Error> {
            let server = AuthorizationServer(
                configuration: configuration, clock: clock, signingKey: try await keyGeneration.value)
            for await (base, signOnBase) in address {
                await server.setBaseURL(base, signOnBase: signOnBase)
                break
            }
            return server
        }
        var logger = Logger(label: "authflow.PingOneSimulator")
        logger.logLevel = .critical

        // The auth origin, and (unless a custom domain) the sign-on page's origin on a second port.
        let separateSignOnOrigin = !configuration.customDomain
        let (bound, boundContinuation) = AsyncStream<(Bool, Int)>.makeStream()
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        for signOnOrigin in separateSignOnOrigin ? [false, true] : [false] {
            let httpServer = try HTTPServerBuilder.http1().buildServer(
                configuration: ServerConfiguration(
                    address: .hostname(host, port: signOnOrigin ? 0 : port), serverName: nil),
                eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                logger: logger,
                responder: { (request: Request, responseWriter: consuming ResponseWriter, _: any Channel) in
                    let response: Response
                    do {
                        response = await Self.handle(
                            request, server: try await server.value, onSignOnOrigin: signOnOrigin)
                    } catch {
                        response = Self.keyUnavailable(error)
                    }
                    try await responseWriter.write(response: response.head, body: response.body)
                },
                onServerRunning: { channel in
                    boundContinuation.yield((signOnOrigin, channel.localAddress?.port ?? port))
                }
            )
            services.append(.init(service: httpServer))
        }
        let serviceGroup = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: services, logger: logger))
        let (failure, failureContinuation) = AsyncStream<String>.makeStream()
        let runTask = Task {
            do {
                try await serviceGroup.run()
            } catch {
                failureContinuation.yield(String(describing: error))
            }
            failureContinuation.finish()
            boundContinuation.finish()
        }
        var boundPort: Int?
        var signOnPort: Int?
        for await (signOnOrigin, value) in bound {
            if signOnOrigin { signOnPort = value } else { boundPort = value }
            if boundPort != nil, signOnPort != nil || !separateSignOnOrigin { break }
        }
        guard let boundPort, signOnPort != nil || !separateSignOnOrigin else {
            addressContinuation.finish()
            var reason = "the server stopped before it was listening"
            for await message in failure { reason = message }
            throw PingOneSimulatorError.bindFailed(host: host, port: port, reason: reason)
        }
        let hostInURL = host.contains(":") ? "[\(host)]" : host
        let base = "http://\(hostInURL):\(boundPort)"
        let signOnBase = signOnPort.map { "http://\(hostInURL):\($0)" } ?? base
        guard let baseURL = URL(string: base), let signOnBaseURL = URL(string: signOnBase) else {
            addressContinuation.finish()
            runTask.cancel()
            throw PingOneSimulatorError.bindFailed(host: host, port: port, reason: "\(base) is not a URL")
        }
        addressContinuation.yield((base, signOnBase))
        addressContinuation.finish()
        return PingOneSimulator(
            baseURL: baseURL, signOnBaseURL: signOnBaseURL, port: boundPort, configuration: configuration,
            server: server, serviceGroup: serviceGroup,
            runTask: runTask)
    }

    /// Replaces the injected faults while running.
    public func setFaults(_ faults: Set<SimulatorFault>) async {
        try? await server.value.setFaults(faults)
    }

    /// Returns once the signing key is made and every endpoint answers without waiting for it; a
    /// caller whose first request has a deadline (`authflow run --demo`) waits here first, so the
    /// key's generation is not counted against that request.
    public func ready() async {
        _ = try? await server.value
    }

    /// The faults in force now.
    public func faults() async -> Set<SimulatorFault> {
        guard let server = try? await server.value else { return configuration.faults }
        return await server.faults
    }

    /// Returns once the server has stopped, after ``shutdown()`` or a fatal server error (for `authflow simulate`).
    public func waitUntilShutdown() async {
        await runTask.value
    }

    /// Stops the server: releases hanging requests, closes the listener and waits for connections to finish.
    ///
    /// If connections have not closed after 2 s, the server task is cancelled.
    public func shutdown() async {
        try? await server.value.releaseHangingRequests()
        await serviceGroup.triggerGracefulShutdown()
        let runTask = self.runTask
        let watchdog = Task {
            try? await Task.sleep(for: .seconds(2))
            if !Task.isCancelled { runTask.cancel() }
        }
        await runTask.value
        watchdog.cancel()
    }

    // MARK: - HTTP edge

    /// The answer to every request when the signing key could not be generated.
    private static func keyUnavailable(_ error: any Error) -> Response {
        Response(
            status: .internalServerError,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(
                byteBuffer: ByteBuffer(string: "the simulator's signing key could not be made: \(error)\n")))
    }

    /// Converts a Hummingbird request into a ``SimulatorRequest``, answers it, and converts back.
    private static func handle(_ request: Request, server: AuthorizationServer, onSignOnOrigin: Bool) async
        -> Response
    {
        var request = request
        var bodyTooLarge = false
        var body = Data()
        do {
            let buffer = try await request.collectBody(upTo: AuthorizationServer.bodyLimit)
            body = Data(buffer.readableBytesView)
        } catch {
            bodyTooLarge = true
        }
        let simulatorRequest = SimulatorRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            query: request.uri.query,
            headers: request.headers.map { (name: $0.name.canonicalName, value: $0.value) },
            body: body)
        let response = await server.respond(
            to: simulatorRequest, bodyTooLarge: bodyTooLarge, onSignOnOrigin: onSignOnOrigin)
        var fields = HTTPFields()
        for header in response.headers {
            guard let name = HTTPField.Name(header.name) else { continue }
            // Lenient: only NUL, CR and LF are replaced; other bytes go out as given.
            fields.append(HTTPField(name: name, lenientValue: Array(header.value.utf8)))
        }
        fields[.contentLength] = String(response.body.count)
        return Response(
            status: HTTPResponse.Status(code: response.status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
    }
}
