/// Why a simulator configuration could not be used.
public enum SimulatorConfigurationError: Error, Equatable, CustomStringConvertible {
    case unreadableFile(path: String, reason: String)
    case invalidJSON(path: String, reason: String)
    case invalidValue(field: String, value: String)
    case missingValue(field: String)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason): "cannot read \(path): \(reason)"
        case .invalidJSON(let path, let reason): "\(path) is not a valid simulator configuration: \(reason)"
        case .invalidValue(let field, let value): "\(field) has an unsupported value \"\(value)\""
        case .missingValue(let field): "\(field) is required for this application"
        }
    }
}
