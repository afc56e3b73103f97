import FlowEngine

/// authflow's version: the release number, and the commit it was built from when it was built
/// from a git checkout (`gitDescription`, written at build time by the BuildVersion plugin).
public enum AuthflowVersion {
    /// The release number (the one HAR exports name as their creator's version).
    public static let number = AuthorizationCodeFlow.toolVersion

    /// What `authflow --version` prints: `0.1.0`, or `0.1.0 (git a7818a2-dirty)` from a checkout.
    public static var description: String {
        guard let git = gitDescription else { return number }
        return "\(number) (git \(git))"
    }
}
