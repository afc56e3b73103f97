import Foundation

@testable import PingOneSimulator

/// A clock the test moves forward by hand, for expiry tests.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var offset: TimeInterval = 0

    /// Moves the clock forward.
    func advance(by seconds: TimeInterval) {
        lock.withLock { offset += seconds }
    }

    var simulatorClock: SimulatorClock {
        SimulatorClock { [self] in
            Date().addingTimeInterval(lock.withLock { offset })
        }
    }
}
