import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a saved session: created with mode 0600, an existing file narrowed to 0600 before
/// anything is written, a symbolic link refused. Used by the TUI's save key and `run --out`.
public enum SessionFileWriter {
    /// Writes the text, replacing what the file held; throws a worded reason.
    public static func write(_ text: String, to path: String) throws(SessionFileWriteError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw SessionFileWriteError("cannot write \(path): \(errorText())") }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else {
            throw SessionFileWriteError("cannot set \(path) to mode 0600: \(errorText())")
        }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw SessionFileWriteError("cannot write \(path): \(errorText())")
            }
            bytes = bytes.dropFirst(written)
        }
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}

/// Why a session file could not be written.
public struct SessionFileWriteError: Error, Equatable, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
