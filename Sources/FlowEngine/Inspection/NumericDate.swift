import Foundation

/// A claim read as a NumericDate: seconds since the epoch (RFC 7519 §2).
public enum NumericDate: Equatable, Sendable {
    /// The claim is not there.
    case absent
    /// The claim is a usable date.
    case date(Date)
    /// The claim is there but is not a number, or is out of any sensible range.
    case invalid(String)

    /// The dates accepted: 0001-01-01 00:00:00Z to 9999-12-31 23:59:59Z.
    static let range: ClosedRange<Double> = -62_135_596_800...253_402_300_799

    /// Reads a claim value.
    public init(_ value: JSONValue?) {
        guard let value else {
            self = .absent
            return
        }
        guard let seconds = value.doubleValue else {
            self = .invalid("\(value.compactText) is not a number of seconds (RFC 7519 §2 NumericDate)")
            return
        }
        guard Self.range.contains(seconds) else {
            self = .invalid("\(value.compactText) is outside the years 0001–9999")
            return
        }
        self = .date(Date(timeIntervalSince1970: seconds))
    }

    /// The date, when usable.
    public var date: Date? {
        if case .date(let date) = self { return date }
        return nil
    }
}
