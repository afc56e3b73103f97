import FlowEngine
import Foundation
import Testing

/// Profiles, environment and flags: later layers win; secrets only by variable name.
@Suite struct FlowSettingsTests {
    func write(_ json: String, mode: Int = 0o600) throws -> [String: String] {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent(
            "authflow-profiles-\(UUID().uuidString)")
        let folder = home.appendingPathComponent("authflow")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("profiles.json")
        try Data(json.utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
        return ["XDG_CONFIG_HOME": home.path, "HOME": "/nonexistent"]
    }

    let file = """
        {"profiles": {"eu-dev": {"region": "EU", "environmentId": "0b5e3f2c-6f1e-4a47-9d8e-2f6a4c1b7e90", "clientId": "client-from-profile",
          "redirectUri": "https://app.example.com/cb", "tokenEndpointAuthMethod": "CLIENT_SECRET_POST",
          "scope": "openid", "clientSecretEnv": "EU_DEV_SECRET", "responseMode": "form_post", "par": true}}}
        """

    @Test func profileThenEnvironmentThenFlags() throws {
        var environment = try write(file)
        environment["AUTHFLOW_CLIENT_ID"] = "client-from-environment"
        environment["AUTHFLOW_SCOPE"] = "openid email"
        let (profile, warnings) = try ProfileStore.load("eu-dev", environment: environment)
        #expect(warnings.isEmpty)
        var flags = FlowSettings()
        flags.scope = "openid profile"
        let settings = profile.overlaid(with: .fromEnvironment(environment)).overlaid(with: flags)
        #expect(settings.environmentID == "0b5e3f2c-6f1e-4a47-9d8e-2f6a4c1b7e90")
        #expect(settings.clientID == "client-from-environment")
        #expect(settings.scope == "openid profile")
        #expect(settings.clientSecretVariable == "EU_DEV_SECRET")
        let configuration = try settings.configuration(clientSecret: "s", password: nil, clientKey: nil)
        #expect(configuration.authBaseURL == "https://auth.pingone.eu")
        #expect(configuration.issuer == "https://auth.pingone.eu/0b5e3f2c-6f1e-4a47-9d8e-2f6a4c1b7e90/as")
        #expect(configuration.clientAuthentication == .clientSecretPost)
        #expect(configuration.responseMode == "form_post")
        #expect(configuration.usesPushedAuthorization)
    }

    @Test func aFileOthersCanReadIsWarnedAbout() throws {
        let environment = try write(file, mode: 0o644)
        let (_, warnings) = try ProfileStore.load("eu-dev", environment: environment)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("chmod 600") == true)
    }

    @Test func theModeIsTheLinkedFilesOwn() throws {
        // A symbolic link's own mode is always 777; the file it points to is what others can read.
        let environment = try write(file, mode: 0o600)
        let url = ProfileStore.fileURL(environment: environment)
        let target = url.deletingLastPathComponent().appendingPathComponent("real-profiles.json")
        try FileManager.default.moveItem(at: url, to: target)
        try FileManager.default.createSymbolicLink(at: url, withDestinationURL: target)
        #expect(try ProfileStore.load("eu-dev", environment: environment).warnings.isEmpty)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target.path)
        let warnings = try ProfileStore.load("eu-dev", environment: environment).warnings
        #expect(warnings == ["the profile file \(url.path) can be read by other users (mode 640); run chmod 600 on it"])
        #expect(FilePermissions.mode(ofFileAt: url.path) == 0o640)
    }

    func settings(
        environmentID: String? = nil, redirectURI: String = "https://app.example.com/cb", clientID: String = "c"
    )
        -> FlowSettings
    {
        var settings = FlowSettings()
        settings.environmentID = environmentID
        settings.clientID = clientID
        settings.redirectURI = redirectURI
        settings.authMethod = "NONE"
        return settings
    }

    @Test(arguments: [
        "../x", "", "x/../../admin", "5caa81af-ec05-41ff-a709-c7378007a99c/..",
        "{5caa81af-ec05-41ff-a709-c7378007a99c}",
    ])
    func anEnvironmentIDMustBeAUUID(environmentID: String) {
        #expect(throws: SettingsError.self) {
            try settings(environmentID: environmentID).configuration(clientSecret: nil, password: nil, clientKey: nil)
        }
    }

    @Test func aUUIDEnvironmentIDIsThePathSegment() throws {
        let configuration = try settings(environmentID: "5caa81af-ec05-41ff-a709-c7378007a99c")
            .configuration(clientSecret: nil, password: nil, clientKey: nil)
        #expect(configuration.issuer == "https://auth.pingone.com/5caa81af-ec05-41ff-a709-c7378007a99c/as")
    }

    @Test(arguments: ["/cb", "cb", "//app.example.com/cb", "https:/cb", "http://", "https://a.example/cb#f", "a b:/c"])
    func aRedirectURIMustBeAbsolute(redirectURI: String) {
        #expect(throws: SettingsError.self) {
            try settings(redirectURI: redirectURI).configuration(clientSecret: nil, password: nil, clientKey: nil)
        }
    }

    @Test(arguments: [
        "https://app.example.com/cb", "http://127.0.0.1:8765/cb", "http://[::1]/cb", "com.example.app:/cb",
    ])
    func absoluteRedirectURIsAreAccepted(redirectURI: String) throws {
        let configuration = try settings(redirectURI: redirectURI).configuration(
            clientSecret: nil, password: nil, clientKey: nil)
        #expect(configuration.redirectURI == redirectURI)
    }

    @Test func aBlankClientIDIsMissing() {
        #expect(throws: SettingsError.self) {
            try settings(clientID: " \t").configuration(clientSecret: nil, password: nil, clientKey: nil)
        }
    }

    @Test func anUnknownProfileNamesTheOnesThatExist() throws {
        let environment = try write(file)
        #expect(
            throws: ProfileError.unknownProfile(
                "prod", available: ["eu-dev"], path: ProfileStore.fileURL(environment: environment).path)
        ) {
            try ProfileStore.load("prod", environment: environment)
        }
    }

    @Test func aCustomDomainDropsTheEnvironmentSegment() throws {
        var settings = FlowSettings()
        settings.authPath = "https://login.example.com"
        settings.clientID = "c"
        settings.redirectURI = "https://app.example.com/cb"
        settings.authMethod = "NONE"
        let configuration = try settings.configuration(clientSecret: nil, password: nil, clientKey: nil)
        #expect(configuration.endpoints.authorization == "https://login.example.com/as/authorize")
        #expect(configuration.endpoints.flowAPIBase == "https://login.example.com")
    }

    @Test(arguments: PingOneRegion.allCases)
    func regionsPickTheirHost(region: PingOneRegion) throws {
        var settings = FlowSettings()
        settings.region = region.rawValue.lowercased()
        #expect(try settings.resolvedAuthPath() == "https://auth.pingone.\(region.topLevelDomain)")
        #expect(PingOneRegion(authPath: region.authPath) == region)
    }

    @Test func aLaterRegionReplacesAnEarlierAuthPath() {
        var profile = FlowSettings()
        profile.authPath = "https://login.example.com"
        var flags = FlowSettings()
        flags.region = "CA"
        #expect((try? profile.overlaid(with: flags).resolvedAuthPath()) == "https://auth.pingone.ca")
    }

    @Test func missingOrWrongSettingsSayWhat() {
        var settings = FlowSettings()
        #expect(throws: SettingsError.self) {
            try settings.configuration(clientSecret: nil, password: nil, clientKey: nil)
        }
        settings.clientID = "c"
        settings.redirectURI = "https://x/cb"
        settings.authMethod = "PRIVATE_KEY_JWT"
        #expect(
            throws: SettingsError.missing(
                "private key", hint: "PRIVATE_KEY_JWT and key-signed request objects need --key FILE (PEM or JWK).")
        ) {
            try settings.configuration(clientSecret: nil, password: nil, clientKey: nil)
        }
        settings.authMethod = "CLIENT_SECRET_SOMETHING"
        #expect(throws: SettingsError.self) {
            try settings.configuration(clientSecret: "s", password: nil, clientKey: nil)
        }
    }

    @Test func allowedOriginsAddUpAcrossLayersAndAreChecked() throws {
        let environment = try write(
            """
            {"profiles": {"google": {"issuer": "https://accounts.google.com", "clientId": "c",
              "redirectUri": "http://127.0.0.1:8765/cb", "tokenEndpointAuthMethod": "NONE",
              "allowOrigins": ["https://oauth2.googleapis.com"]}}}
            """)
        let (profile, _) = try ProfileStore.load("google", environment: environment)
        var flags = FlowSettings()
        flags.allowOrigins = ["https://openidconnect.googleapis.com/v1/userinfo"]
        let settings = profile.overlaid(with: flags)
        let configuration = try settings.configuration(clientSecret: nil, password: nil, clientKey: nil)
        #expect(
            configuration.originPolicy.trusted == [
                "https://accounts.google.com", "https://oauth2.googleapis.com", "https://openidconnect.googleapis.com",
            ])
        #expect(configuration.originPolicy.trusts("https://oauth2.googleapis.com/token"))
        #expect(!configuration.originPolicy.trusts("https://oauth2.googleapis.com:8443/token"))
        var bad = settings
        bad.allowOrigins = ["oauth2.googleapis.com"]
        #expect(throws: SettingsError.self) { try bad.configuration(clientSecret: nil, password: nil, clientKey: nil) }
    }
}
