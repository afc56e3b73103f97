import FlowEngine

/// The exit status of `authflow decode`, decided from its inspections.
enum DecodeExitStatus: Int32, Equatable, Sendable {
    /// Every token parsed and every applicable check passed.
    case passed = 0
    /// At least one check failed (signature included).
    case checkFailed = 1
    /// At least one token could not be parsed, or no token was given.
    case unparseable = 2
    /// The keys given with `--jwks` could not be loaded; no token was inspected.
    case keysUnavailable = 3

    /// The status for a run: an unparseable token outranks a failed check.
    init(_ inspections: [Inspection]) {
        self.init(
            count: inspections.count, anyUnparsed: inspections.contains { !$0.isParsed },
            anyFailed: inspections.contains { !$0.failures.isEmpty })
    }

    /// The status from what a streamed run saw: how many tokens, and whether any did not parse
    /// or failed a check.
    init(count: Int, anyUnparsed: Bool, anyFailed: Bool) {
        if count == 0 || anyUnparsed {
            self = .unparseable
        } else if anyFailed {
            self = .checkFailed
        } else {
            self = .passed
        }
    }
}
