import FlowEngine
import Foundation

/// Reads the system's public suffix list for the cookie jar (the engine itself does no I/O).
enum PublicSuffixListFile {
    /// Where Debian's `publicsuffix` package installs the list.
    static let defaultPath = "/usr/share/publicsuffix/public_suffix_list.dat"

    /// The list at `path`, or the engine's small built-in one when the file cannot be read.
    static func load(path: String = defaultPath) -> PublicSuffixList {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return .builtIn }
        let list = PublicSuffixList(text: text, source: path)
        return list.count > 0 ? list : .builtIn
    }
}
