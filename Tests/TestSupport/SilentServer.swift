import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback TCP listener that accepts connections and never answers, for timeout tests.
public final class SilentServer: @unchecked Sendable {
    public let port: Int
    private let descriptor: Int32

    public init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 8) == 0 else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// A loopback port where a connection is refused, for tests of "nothing listening": a privileged port
    /// that no test server binds. (A port bound and closed again is not safe for that: another test's
    /// server may be given it by the kernel a moment later.)
    public static let refusingPort = 1

    /// A loopback port with nothing listening right now: bound, then closed (for a server to bind next).
    public static func closedPort() throws -> Int {
        let server = try SilentServer()
        let port = server.port
        server.stop()
        return port
    }

    public func stop() {
        close(descriptor)
    }
}
