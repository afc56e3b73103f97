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

    /// Compares a server time with the local time it was seen at.
    public init(serverDate: Date, localDate: Date) {
        self.serverDate = serverDate
        self.localDate = localDate
    }

    /// Why a `Date` header value cannot be read.
    public struct DateHeaderError: Error, Equatable, Sendable, CustomStringConvertible {
        public var value: String

        /// The error for an unreadable value.
        public init(value: String) {
            self.value = value
        }

        public var description: String {
            "\"\(value)\" is not an HTTP date like \"Sun, 06 Nov 1994 08:49:37 GMT\" (RFC 9110 §5.6.7)"
        }
    }

    /// Reads a `Date` header value received at `localDate`.
    public init(dateHeader: String, receivedAt localDate: Date) throws(DateHeaderError) {
        guard let serverDate = HTTPDate.parse(dateHeader) else { throw DateHeaderError(value: dateHeader) }
        self.init(serverDate: serverDate, localDate: localDate)
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
