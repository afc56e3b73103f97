import Foundation

/// Failed password attempts for one user, and the lockout they lead to.
struct PasswordLockout: Sendable, Equatable {
    static let maximumFailures = 5
    static let lockoutSeconds = 60

    var failures = 0
    var lockedUntil: Date?

    func secondsUntilUnlock(now: Date) -> Int? {
        guard let lockedUntil, lockedUntil > now else { return nil }
        return Int(lockedUntil.timeIntervalSince(now).rounded(.up))
    }
}
