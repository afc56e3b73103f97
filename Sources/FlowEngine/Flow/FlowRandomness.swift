/// Where the flow's random values come from: injected so transcripts are reproducible in tests.
public struct FlowRandomness: Sendable {
    /// Returns `count` random octets.
    public var octets: @Sendable (_ count: Int) -> [UInt8]

    public init(octets: @escaping @Sendable (_ count: Int) -> [UInt8]) {
        self.octets = octets
    }

    /// The system's cryptographically secure generator.
    public static let system = FlowRandomness { count in
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// A fixed sequence for tests: octet `i` of every draw is `seed &+ i`, and each draw advances the seed.
    public static func fixed(seed: UInt8 = 1) -> FlowRandomness {
        let counter = Counter(seed)
        return FlowRandomness { count in
            let start = counter.next()
            return (0..<count).map { start &+ UInt8(truncatingIfNeeded: $0) }
        }
    }

    /// A base64url string of `count` random octets, for `state` and `nonce`.
    public func token(octets count: Int = 16) -> String {
        Base64URL.encode(octets(count))
    }
}

/// A thread-safe counter for ``FlowRandomness/fixed(seed:)``.
private final class Counter: @unchecked Sendable {
    private var value: UInt8
    private let lock = Lock()

    init(_ value: UInt8) { self.value = value }

    func next() -> UInt8 {
        lock.withLock {
            defer { value &+= 37 }
            return value
        }
    }
}
