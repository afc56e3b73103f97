/// One line of the check list: what was checked, whether it passed, and why.
public struct TokenCheck: Equatable, Sendable {
    /// Pass, fail or not applicable.
    public enum Outcome: String, Equatable, Sendable, CaseIterable {
        case fail
        case pass
        case notApplicable = "n/a"

        /// Failures first, then passes, then what did not apply.
        var sortRank: Int {
            switch self {
            case .fail: 0
            case .pass: 1
            case .notApplicable: 2
            }
        }
    }

    /// What a time check gives on each clock (see `ClockSkew`).
    public struct ClockVerdict: Equatable, Sendable {
        public var passesOnLocalClock: Bool
        public var passesOnServerClock: Bool

        /// The result on each clock.
        public init(passesOnLocalClock: Bool, passesOnServerClock: Bool) {
            self.passesOnLocalClock = passesOnLocalClock
            self.passesOnServerClock = passesOnServerClock
        }
    }

    /// The claim or header checked (`iss`, `aud`, `exp`, `signature`, `typ`…).
    public var name: String
    /// The result.
    public var outcome: Outcome
    /// Why, in a sentence, with the values involved.
    public var reason: String
    /// The spec section the check implements.
    public var reference: String
    /// For time checks when the server's clock is known: the result on each clock.
    public var clocks: ClockVerdict?

    /// A check result.
    public init(name: String, outcome: Outcome, reason: String, reference: String, clocks: ClockVerdict? = nil) {
        self.name = name
        self.outcome = outcome
        self.reason = reason
        self.reference = reference
        self.clocks = clocks
    }
}

extension Array where Element == TokenCheck {
    /// The checks with failures first, keeping the order within each outcome.
    public func failuresFirst() -> [TokenCheck] {
        enumerated()
            .sorted { ($0.element.outcome.sortRank, $0.offset) < ($1.element.outcome.sortRank, $1.offset) }
            .map(\.element)
    }
}
