import Foundation

/// The source of the current time, injected so tests can move time forward.
struct SimulatorClock: Sendable {
    var now: @Sendable () -> Date

    static let system = SimulatorClock { Date() }
}
