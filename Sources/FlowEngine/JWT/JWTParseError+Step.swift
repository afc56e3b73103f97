extension JWTParseError {
    /// The parsing step that failed, so a reader knows how far the token got.
    public enum Step: String, Equatable, Sendable, CaseIterable {
        /// Reading the input at all.
        case input
        /// Splitting into 3 (JWS) or 5 (JWE) segments (RFC 7515 §7.1, RFC 7516 §7.1).
        case segments
        /// Decoding a segment as unpadded base64url (RFC 7515 §2).
        case base64url
        /// Parsing the header or payload as JSON (RFC 7519 §7.2 steps 3 and 9).
        case json
        /// Checking that the JSON is an object (RFC 7515 §4, RFC 7519 §7.2 step 10).
        case object

        /// The step number, counting from 1, for "failed at step 3 of 5".
        public var number: Int { (Self.allCases.firstIndex(of: self) ?? 0) + 1 }
    }

    /// The step that failed.
    public var step: Step {
        switch self {
        case .empty: .input
        case .segmentCount: .segments
        case .segment: .base64url
        case .segmentNotJSON: .json
        case .segmentNotObject: .object
        }
    }

    /// The segment the error is about (`header`, `payload`, `signature`), when it is about one.
    public var segmentName: String? {
        switch self {
        case .empty, .segmentCount: nil
        case .segment(let name, _), .segmentNotJSON(let name, _), .segmentNotObject(let name): name
        }
    }
}
