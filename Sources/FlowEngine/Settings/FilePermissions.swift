import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The permission bits of files that hold settings or secrets, read from the file itself.
///
/// `stat(2)` follows symbolic links, so a profile or key reached through a link (as dotfile
/// managers make them) is judged by the file's own mode, not the link's (always 777).
public enum FilePermissions {
    /// The file's permission bits (`0o7777`), or `nil` when it cannot be read.
    public static func mode(ofFileAt path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int(status.st_mode) & 0o7777
    }

    /// A warning when users other than the owner may read the file (any group or other bit).
    ///
    /// `what` names the file for the user, as in "the key file /home/u/key.pem".
    public static func warningIfShared(_ path: String, what: String) -> String? {
        guard let mode = mode(ofFileAt: path), mode & 0o077 != 0 else { return nil }
        let access = mode & 0o044 != 0 ? "can be read by other users" : "is open to other users"
        return "\(what) \(path) \(access) (mode \(String(mode, radix: 8))); run chmod 600 on it"
    }
}
