import Foundation
import TestSupport

/// A program of someone else's (tinyproxy, `openssl s_server`) run for one test on a loopback port.
final class ExternalServer: @unchecked Sendable {
    let process: BackgroundProcess
    let port: Int
    /// A temporary directory of the test's own, removed by `stop()`.
    let directory: URL

    private init(process: BackgroundProcess, port: Int, directory: URL) {
        self.process = process
        self.port = port
        self.directory = directory
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "authflow-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Finds a program on PATH.
    static func which(_ name: String) -> URL? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin:/usr/sbin").split(
            separator: ":")
        {
            let url = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    /// Debian's tinyproxy in the foreground on a free loopback port, logging every request to standard output.
    static func tinyproxy() async throws -> ExternalServer {
        guard let binary = which("tinyproxy") else {
            throw SetupError("tinyproxy is not installed: run scripts/setup.sh")
        }
        let directory = try temporaryDirectory()
        let port = try SilentServer.closedPort()
        let configuration = """
            Port \(port)
            Listen 127.0.0.1
            Timeout 30
            LogLevel Info
            MaxClients 20
            Allow 127.0.0.1
            """
        let file = directory.appendingPathComponent("tinyproxy.conf")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        let process = try BackgroundProcess(binary, ["-d", "-c", file.path])
        let server = ExternalServer(process: process, port: port, directory: directory)
        guard await process.waitFor("Accepting connections", inErrors: false, timeout: 20) else {
            await server.stop()
            throw SetupError("tinyproxy did not start: \(process.standardOutput) \(process.standardError)")
        }
        return server
    }

    /// `openssl s_server -www` with a self-signed certificate for 127.0.0.1 made by the openssl CLI;
    /// `certificate` is the PEM file a client must trust.
    static func selfSignedTLSServer() async throws -> (server: ExternalServer, certificate: URL) {
        guard let openssl = which("openssl") else { throw SetupError("openssl is not installed: run scripts/setup.sh") }
        let directory = try temporaryDirectory()
        let certificate = directory.appendingPathComponent("cert.pem")
        let key = directory.appendingPathComponent("key.pem")
        let generate = try BackgroundProcess(
            openssl,
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.path, "-out", certificate.path, "-days", "2", "-subj", "/CN=authflow test CA",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            ])
        generate.closeInput()
        guard await generate.waitForExit(timeout: 30) == 0 else {
            throw SetupError("openssl req failed: \(generate.standardError)")
        }
        let port = try SilentServer.closedPort()
        let process = try BackgroundProcess(
            openssl, ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificate.path, "-key", key.path, "-www"])
        let server = ExternalServer(process: process, port: port, directory: directory)
        guard await process.waitFor("ACCEPT", inErrors: false, timeout: 20) else {
            await server.stop()
            throw SetupError("openssl s_server did not start: \(process.standardOutput) \(process.standardError)")
        }
        return (server, certificate)
    }

    func stop() async {
        process.closeInput()
        if process.process.isRunning { kill(process.process.processIdentifier, SIGTERM) }
        _ = await process.waitForExit(timeout: 5)
        try? FileManager.default.removeItem(at: directory)
    }

    struct SetupError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
