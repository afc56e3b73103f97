import Foundation

/// Named profiles in `$XDG_CONFIG_HOME/authflow/profiles.json` (default `~/.config/authflow/`).
///
/// ```json
/// {"profiles": {"eu-dev": {"region": "EU", "environmentId": "…", "clientId": "…",
///                          "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC", "clientSecretEnv": "EU_DEV_SECRET"}}}
/// ```
public enum ProfileStore {
    /// The profile file's path for this environment (XDG Base Directory Specification).
    public static func fileURL(environment: [String: String]) -> URL {
        let base: URL
        if let configHome = environment["XDG_CONFIG_HOME"], configHome.hasPrefix("/") {
            base = URL(fileURLWithPath: configHome)
        } else {
            base = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        }
        return base.appendingPathComponent("authflow/profiles.json")
    }

    /// Reads one profile, with warnings (such as a file others can read).
    public static func load(_ name: String, environment: [String: String]) throws(ProfileError) -> (
        FlowSettings, warnings: [String]
    ) {
        let url = fileURL(environment: environment)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .fileUnreadable(url.path)
        }
        let file: ProfileFile
        do {
            file = try JSONDecoder().decode(ProfileFile.self, from: data)
        } catch {
            throw .malformed(url.path, String(describing: error))
        }
        guard let profile = file.profiles[name] else {
            throw .unknownProfile(name, available: file.profiles.keys.sorted(), path: url.path)
        }
        var warnings: [String] = []
        // The mode of the file itself, through any symbolic link.
        if let warning = FilePermissions.warningIfShared(url.path, what: "the profile file") {
            warnings.append(warning)
        }
        return (profile, warnings)
    }
}

/// The profile file's shape.
struct ProfileFile: Codable {
    var profiles: [String: FlowSettings]
}

/// Why a profile could not be used.
public enum ProfileError: Error, Equatable, Sendable, CustomStringConvertible {
    case fileUnreadable(String)
    case malformed(String, String)
    case unknownProfile(String, available: [String], path: String)

    public var description: String {
        switch self {
        case .fileUnreadable(let path): "no profile file at \(path)"
        case .malformed(let path, let reason): "\(path) is not a valid profile file: \(reason)"
        case .unknownProfile(let name, let available, let path):
            "no profile '\(name)' in \(path)"
                + (available.isEmpty ? "" : "; it has \(available.joined(separator: ", "))")
        }
    }
}
