import Foundation

/// Runs a blocking call (a `waitpid`, a sleep, a read) on a thread of its own and awaits it.
///
/// Swift's cooperative pool has one thread per core: a test that blocks one of them starves every
/// other test of the run, and a wait with a wall-clock deadline then times out while it never got
/// to look. Blocking work goes here instead.
public func offPool<Result: Sendable>(_ body: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Swift.Result { try body() })
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
}

/// A time budget that only counts time the waiter could use.
///
/// Between two looks it charges at most `slice`: if the test's task was not scheduled for a while
/// (a loaded machine, a starved pool), that time is not charged, so the wait is bounded by how long
/// the awaited program had to run while being watched, not by wall time spent starving. A hard cap
/// (`wallLimit`) still ends a wait that is really stuck.
public struct WaitBudget {
    private let budget: TimeInterval
    private let slice: TimeInterval
    private let wallDeadline: Date
    private var charged: TimeInterval = 0
    private var lastLook = Date()

    public init(_ budget: TimeInterval, slice: TimeInterval = 0.5, wallLimit: TimeInterval? = nil) {
        self.budget = budget
        self.slice = slice
        self.wallDeadline = Date().addingTimeInterval(wallLimit ?? max(60, budget * 4))
    }

    /// Charges the time since the last look; false once the budget or the wall limit is spent.
    public mutating func hasTimeLeft() -> Bool {
        let now = Date()
        charged += min(now.timeIntervalSince(lastLook), slice)
        lastLook = now
        return charged < budget && now < wallDeadline
    }
}
