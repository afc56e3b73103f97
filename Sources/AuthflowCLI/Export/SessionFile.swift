import FlowEngine
import Foundation

/// The format of `authflow run --out FILE`; the file is written by ``SessionFileWriter`` (mode 0600).
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
}

/// Why a session could not be saved.
struct SessionFileError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = TerminalSafe.line(description)
    }
}
