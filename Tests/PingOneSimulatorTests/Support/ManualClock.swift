import Foundation
import TestSupport

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

extension SimulatorHarness {
    /// As ``SimulatorHarness/run(_:starting:_:)``, with a simulator whose time the test moves.
    static func run<T>(
        _ configuration: SimulatorConfiguration = .demo, clock: ManualClock,
        _ body: (SimulatorHarness) async throws -> T
    ) async throws -> T {
        try await run(
            configuration,
            starting: { configuration, signingKey in
                try await PingOneSimulator.start(
                    configuration: configuration, host: "127.0.0.1", port: 0, clock: clock.simulatorClock,
                    signingKey: signingKey.key)
            }, body)
    }
}
