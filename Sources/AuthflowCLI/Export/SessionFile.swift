import FlowEngine
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Saves a session to a file: `authflow run --out FILE` and the TUI's save key.
///
/// The file is created with mode 0600 (and an existing one is set to 0600 before anything is
/// written): a session holds URLs, cookies and, when asked, secrets.
enum SessionFile {
    /// The format for a file: the one named, else the one its extension names.
    static func format(for path: String, named name: String?) throws -> ExportFormat {
        if let name {
            guard let format = ExportFormat(name: name) else {
                throw SessionFileError("unknown format '\(name)': use har, md, sh or json")
            }
            return format
        }
        guard let format = ExportFormat(fileName: path) else {
            throw SessionFileError(
                "cannot tell the format of '\(path)' from its extension: name it .har, .md, .sh or .json, or pass --format"
            )
        }
        return format
    }

    /// Writes the text with mode 0600, replacing what the file held.
    static func save(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw SessionFileError("cannot write \(path): \(errorText())") }
        defer { close(descriptor) }
        // An existing file keeps its mode through O_CREAT: narrow it before writing.
        guard fchmod(descriptor, 0o600) == 0 else {
            throw SessionFileError("cannot set \(path) to mode 0600: \(errorText())")
        }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw SessionFileError("cannot write \(path): \(errorText())")
            }
            bytes = bytes.dropFirst(written)
        }
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}

/// Why a session could not be saved.
struct SessionFileError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = TerminalSafe.line(description)
    }
}
