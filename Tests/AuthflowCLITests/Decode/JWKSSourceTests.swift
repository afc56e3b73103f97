import FlowEngine
import Foundation
import TestSupport
import Testing

@testable import AuthflowCLI

/// `--jwks FILE|URL`: files, loopback URLs, and each way loading fails.
@Suite struct JWKSSourceTests {
    @Test func argumentIsAURLOrAPath() {
        #expect(
            JWKSSource(argument: "https://auth.pingone.com/env/as/jwks")
                == .url(URL(string: "https://auth.pingone.com/env/as/jwks")!))
        #expect(JWKSSource(argument: "HTTP://127.0.0.1:9400/as/jwks").isURL)
        #expect(JWKSSource(argument: "keys/jwks.json") == .file("keys/jwks.json"))
    }

    @Test func fileWithAJWKS() async throws {
        let path = Vectors.directory.appendingPathComponent("rs256-test-jwks.json").path
        let keys = try await JWKSSource(argument: path).load()
        #expect(keys.keyIDs == ["fGYrysd1-IbnDo0TM0eja3etHW69KMR5DpVMQZivEPQ"])
    }

    @Test func fileWithAPEMKey() async throws {
        let path = Vectors.directory.appendingPathComponent("rs256-test-key.pem").path
        let keys = try await JWKSSource(argument: path).load()
        #expect(keys.keys.first?.origin == .pem)
    }

    @Test func missingFile() async {
        await #expect {
            _ = try await JWKSSource(argument: "/nonexistent/jwks.json").load()
        } throws: { error in
            error as? JWKSSource.LoadError == .unreadableFile(path: "/nonexistent/jwks.json", reason: "no such file")
        }
    }

    @Test func directoryIsNotAFile() async {
        await #expect(
            throws: JWKSSource.LoadError.unreadableFile(path: Vectors.directory.path, reason: "it is a directory")
        ) {
            _ = try await JWKSSource(argument: Vectors.directory.path).load()
        }
    }

    @Test func urlOnLoopback() async throws {
        let jwks = try Vectors.text("rs256-test-jwks.json")
        let server = try await HostileServer.start()
        server.respond { _ in .json(jwks) }
        do {
            let keys = try await JWKSSource(argument: server.baseURL + "/as/jwks").load()
            #expect(keys.keyIDs == ["fGYrysd1-IbnDo0TM0eja3etHW69KMR5DpVMQZivEPQ"])
        } catch {
            Issue.record("loading failed: \(error)")
        }
        await server.shutdown()
    }

    @Test func urlWithAnErrorStatusSaysSoWithTheBodySanitized() async throws {
        let server = try await HostileServer.start()
        server.respond { _ in .json("{\"code\":\"NOT_FOUND\u{1b}[2J\"}", status: 404) }
        let url = server.baseURL + "/as/jwks"
        await #expect(
            throws: JWKSSource.LoadError.httpStatus(url: url, status: 404, body: "{\"code\":\"NOT_FOUND\\x1b[2J\"}")
        ) {
            _ = try await JWKSSource(argument: url).load()
        }
        await server.shutdown()
    }

    @Test func urlThatIsNotAJWKS() async throws {
        let server = try await HostileServer.start()
        server.respond { _ in .json("<html>sign in</html>") }
        let url = server.baseURL + "/as/jwks"
        await #expect {
            _ = try await JWKSSource(argument: url).load()
        } throws: { error in
            guard case JWKSSource.LoadError.notKeys(url, .notJSON) = error else { return false }
            return true
        }
        await server.shutdown()
    }

    @Test func nothingListeningIsARequestFailure() async throws {
        let url = "http://127.0.0.1:\(SilentServer.refusingPort)/as/jwks"
        await #expect {
            _ = try await JWKSSource(argument: url).load(timeout: .seconds(1))
        } throws: { error in
            guard case JWKSSource.LoadError.requestFailed(url, _) = error else { return false }
            return true
        }
    }
}

extension JWKSSource {
    var isURL: Bool {
        if case .url = self { return true }
        return false
    }
}
