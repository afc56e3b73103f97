import Foundation

/// Everything a simulated PingOne environment knows: its ids, applications, users and injected faults.
public struct SimulatorConfiguration: Codable, Sendable, Equatable {
    /// The environment UUID; every endpoint lives under `/{environmentID}`.
    public var environmentID: String
    /// The organization UUID, sent as the `org` claim.
    public var organizationID: String
    /// The region code (`NA`, `EU`, …), sent as the `p1.region` claim.
    public var region: String
    /// The registered OAuth clients.
    public var applications: [SimulatedApplication]
    /// The users who can sign on.
    public var users: [SimulatedUser]
    /// Failures injected on purpose, for demos and tests.
    public var faults: Set<SimulatorFault>
    /// Served as a PingOne custom domain: no `/{environmentID}` segment in any path, issuer `{base}/as`
    /// (reference §0: with a custom domain the `/{envId}` segment is dropped).
    public var customDomain = false

    /// Creates a configuration.
    public init(
        environmentID: String,
        organizationID: String,
        region: String = "NA",
        applications: [SimulatedApplication],
        users: [SimulatedUser],
        faults: Set<SimulatorFault> = []
    ) {
        self.environmentID = environmentID
        self.organizationID = organizationID
        self.region = region
        self.applications = applications
        self.users = users
        self.faults = faults
    }

    enum CodingKeys: String, CodingKey {
        case environmentID, organizationID, region, applications, users, faults, customDomain
    }

    /// Decodes a configuration; `region` defaults to `NA`, `faults` to none, `customDomain` to false.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.environmentID = try container.decode(String.self, forKey: .environmentID)
        self.organizationID = try container.decode(String.self, forKey: .organizationID)
        self.region = try container.decodeIfPresent(String.self, forKey: .region) ?? "NA"
        self.applications = try container.decode([SimulatedApplication].self, forKey: .applications)
        self.users = try container.decode([SimulatedUser].self, forKey: .users)
        self.faults = try container.decodeIfPresent(Set<SimulatorFault>.self, forKey: .faults) ?? []
        self.customDomain = try container.decodeIfPresent(Bool.self, forKey: .customDomain) ?? false
    }

    /// Encodes a configuration; faults are written sorted, so the JSON is stable.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(environmentID, forKey: .environmentID)
        try container.encode(organizationID, forKey: .organizationID)
        try container.encode(region, forKey: .region)
        try container.encode(applications, forKey: .applications)
        try container.encode(users, forKey: .users)
        try container.encode(faults.map(\.rawValue).sorted(), forKey: .faults)
        if customDomain { try container.encode(customDomain, forKey: .customDomain) }
    }

    /// Reads and validates a configuration from a JSON file.
    public static func load(from fileURL: URL) throws -> SimulatorConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: fileURL)
        } catch {
            throw SimulatorConfigurationError.unreadableFile(path: fileURL.path, reason: error.localizedDescription)
        }
        let configuration: SimulatorConfiguration
        do {
            configuration = try JSONDecoder().decode(SimulatorConfiguration.self, from: data)
        } catch {
            throw SimulatorConfigurationError.invalidJSON(path: fileURL.path, reason: String(describing: error))
        }
        try configuration.validate()
        return configuration
    }

    /// The application with this client id, if registered.
    func application(id: String) -> SimulatedApplication? {
        applications.first { $0.id == id }
    }

    /// The user with this id, if any.
    func user(id: String) -> SimulatedUser? {
        users.first { $0.id == id }
    }
}
