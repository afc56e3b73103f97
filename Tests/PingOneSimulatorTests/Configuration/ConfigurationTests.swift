import Foundation
import PingOneSimulator
import TestSupport
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    @Test func demoHasTheDocumentedValues() throws {
        let demo = SimulatorConfiguration.demo
        #expect(demo.environmentID == "5caa81af-ec05-41ff-a709-c7378007a99c")
        #expect(UUID(uuidString: demo.organizationID) != nil)
        #expect(demo.region == "NA")
        let web = try #require(demo.applications.first { $0.id == Demo.webAppID })
        #expect(web.name == "authflow demo web app")
        #expect(web.secret == "demo-secret-7Hq2")
        #expect(web.tokenEndpointAuthMethod == "CLIENT_SECRET_BASIC")
        #expect(web.pkceEnforcement == "OPTIONAL")
        let spa = try #require(demo.applications.first { $0.id == Demo.spaID })
        #expect(spa.name == "authflow demo SPA")
        #expect(spa.tokenEndpointAuthMethod == "NONE")
        #expect(spa.pkceEnforcement == "S256_REQUIRED")
        for app in [web, spa] {
            #expect(
                app.redirectURIs == [
                    "http://127.0.0.1/callback", "http://localhost/callback", "https://app.example.com/callback",
                ])
            #expect(app.refreshTokenType == "JSON_WEB_TOKEN")
        }
        let user = try #require(demo.users.first)
        #expect(
            demo.users.map(\.username) == ["demo", "mfa", "temp", "expired", "locked", "push", "pushtimeout", "fido"])
        #expect(demo.users[7].devices?.map(\.type) == ["SECURITY_KEY"])
        #expect(demo.users[1].devices?.map(\.type) == ["EMAIL", "TOTP"])
        #expect(demo.users[2].mustChangePassword == true)
        #expect(UUID(uuidString: user.id) != nil)
        #expect(
            [user.username, user.password, user.givenName, user.familyName, user.email]
                == ["demo", "2Federate!", "Demo", "User", "demo@example.com"])
        #expect(demo.faults.isEmpty)
    }

    @Test func loadRoundTripsAndDefaultsOptionalFields() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let full = directory.appendingPathComponent("full.json")
        try JSONEncoder().encode(SimulatorConfiguration.demo).write(to: full)
        #expect(try SimulatorConfiguration.load(from: full) == .demo)

        let minimal = directory.appendingPathComponent("minimal.json")
        try Data(
            #"""
            {"environmentID":"env-1","organizationID":"org-1",
             "applications":[{"id":"app","name":"App","secret":"s","redirectURIs":["http://127.0.0.1/cb"]}],
             "users":[{"id":"u","username":"u","password":"p","givenName":"G","familyName":"F","email":"e@x"}],
             "faults":["slowToken"]}
            """#.utf8
        ).write(to: minimal)
        let loaded = try SimulatorConfiguration.load(from: minimal)
        #expect(loaded.region == "NA")
        #expect(loaded.faults == [.slowToken])
        #expect(loaded.applications.first?.tokenEndpointAuthMethod == "CLIENT_SECRET_BASIC")
        #expect(loaded.applications.first?.refreshTokenType == "JSON_WEB_TOKEN")
    }

    @Test func loadRejectsBadFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("broken.json")
        try Data("{not json".utf8).write(to: broken)
        #expect(throws: SimulatorConfigurationError.self) { try SimulatorConfiguration.load(from: broken) }
        #expect(throws: SimulatorConfigurationError.self) {
            try SimulatorConfiguration.load(from: directory.appendingPathComponent("missing.json"))
        }
        var bad = SimulatorConfiguration.demo
        bad.applications[0].tokenEndpointAuthMethod = "MAGIC"
        #expect(
            throws: SimulatorConfigurationError.invalidValue(
                field: "applications[\(Demo.webAppID)].tokenEndpointAuthMethod", value: "MAGIC")
        ) {
            try bad.validate()
        }
        var noKeys = SimulatorConfiguration.demo
        noKeys.applications[0].tokenEndpointAuthMethod = "PRIVATE_KEY_JWT"
        #expect(throws: SimulatorConfigurationError.self) { try noKeys.validate() }
    }

    @Test func faultsEncodeSortedAndEachHasASummary() throws {
        var configuration = SimulatorConfiguration.demo
        configuration.faults = Set(SimulatorFault.allCases)
        let json = try #require(String(data: try JSONEncoder().encode(configuration), encoding: .utf8))
        let expected = SimulatorFault.allCases.map(\.rawValue).sorted().map { "\"\($0)\"" }.joined(separator: ",")
        #expect(json.contains("\"faults\":[\(expected)]"))
        #expect(Set(SimulatorFault.allCases.map(\.summary)).count == SimulatorFault.allCases.count)
    }

    @Test func unknownFaultNamesFailToDecode() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(SimulatorFault.self, from: Data(#""nope""#.utf8))
        }
        #expect(SimulatorFault.allCases.count == 20)
    }

    @Test func startRejectsAnInvalidConfiguration() async {
        var bad = SimulatorConfiguration.demo
        bad.applications[0].pkceEnforcement = "SOMETIMES"
        await #expect(throws: SimulatorConfigurationError.self) {
            _ = try await PingOneSimulator.start(configuration: bad)
        }
    }

    @Test func startFailsCleanlyOnABusyPort() async throws {
        let first = try await PingOneSimulator.start()
        await #expect(throws: (any Error).self) { _ = try await PingOneSimulator.start(port: first.port) }
        await first.shutdown()
    }
}
