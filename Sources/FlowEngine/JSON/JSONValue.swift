/// A JSON value that keeps object members in the order they were sent.
///
/// Foundation's `JSONSerialization` loses member order; the token inspector and the response
/// pane show JSON as the server wrote it, so authflow parses JSON itself. Numbers keep their
/// literal text, so nothing is rounded on the way to the screen.
public indirect enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])
}

/// One member of a JSON object, in document order.
public struct JSONMember: Equatable, Sendable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}

// MARK: - Reading values

extension JSONValue {
    /// The first member named `key`, when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The members, when this is an object.
    public var members: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements, when this is an array.
    public var elements: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The boolean, when this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    /// The number as a `Double`, when this is a number.
    public var doubleValue: Double? {
        if case .number(let literal) = self { return Double(literal) }
        return nil
    }

    /// The number as an integer, when this is a number with no fraction that fits in 64 bits.
    public var int64Value: Int64? {
        guard case .number(let literal) = self else { return nil }
        if let exact = Int64(literal) { return exact }
        guard let double = Double(literal), double.rounded() == double,
            double >= -9.2e18, double <= 9.2e18
        else { return nil }
        return Int64(double)
    }

    /// A string or each string of an array, the shape `aud` and `amr` can take (RFC 7519 §4.1.3).
    public var stringList: [String]? {
        switch self {
        case .string(let string): [string]
        case .array(let elements):
            elements.compactMap(\.stringValue).count == elements.count
                ? elements.compactMap(\.stringValue) : nil
        default: nil
        }
    }
}

// MARK: - Building values

extension JSONValue {
    /// A number from an integer.
    public static func integer(_ value: some BinaryInteger) -> JSONValue {
        .number(String(value))
    }

    /// An object from ordered pairs.
    public static func object(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue {
        .object(pairs.map { JSONMember($0.key, $0.value) })
    }
}
