import Foundation

/// The difference between the server's clock and the local one, from an HTTP `Date` header.
///
/// `Date` has one-second precision (RFC 9110 §6.6.1), so differences under two seconds are
/// reported as "in step".
public struct ClockSkew: Equatable, Sendable {
    /// The time the server's `Date` header gave.
    public var serverDate: Date
    /// The local time when that response arrived.
    public var localDate: Date

    public init(serverDate: Date, localDate: Date) {
        self.serverDate = serverDate
        self.localDate = localDate
    }

    /// Reads a `Date` header value received at `localDate`.
    public init(dateHeader: String, receivedAt localDate: Date) throws(HTTPDate.ParseError) {
        self.init(serverDate: try HTTPDate.parse(dateHeader), localDate: localDate)
    }

    /// Seconds the server is ahead of the local clock (negative: behind).
    public var offset: TimeInterval { serverDate.timeIntervalSince(localDate) }

    /// The server's time corresponding to a local time.
    public func serverTime(atLocal local: Date) -> Date { local.addingTimeInterval(offset) }

    /// Whether the clocks agree to within the header's precision.
    public var isInStep: Bool { abs(offset) < 2 }
}

extension ClockSkew: CustomStringConvertible {
    public var description: String {
        let header = "server Date \(TimeText.utc(serverDate)), local \(TimeText.utc(localDate))"
        if isInStep { return "clocks in step (\(header))" }
        let direction = offset > 0 ? "ahead of" : "behind"
        return "the server's clock is \(TimeText.duration(offset)) \(direction) the local clock (\(header))"
    }
}
