/// Why the simulator could not start.
public enum PingOneSimulatorError: Error, Equatable, CustomStringConvertible {
    case bindFailed(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .bindFailed(let host, let port, let reason): "cannot listen on \(host):\(port): \(reason)"
        }
    }
}
