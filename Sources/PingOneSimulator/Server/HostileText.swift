/// Bytes that must never reach a terminal raw, served by the `hostileBytes` fault.
enum HostileText {
    /// ESC `[2J` (clear screen), U+202E (right-to-left override) and BEL, for bodies and claims.
    static let sample = "\u{1B}[2J\u{202E}gnissecorp\u{07}"

    /// For a header value: U+202E only. Raw ESC or BEL in a header make NIO's HTTP/1 parser (and so
    /// AsyncHTTPClient) reject the whole response with "invalid character in header"; the bidi override
    /// is UTF-8 obs-text (RFC 9110 §5.5), which parsers pass through.
    static let headerSample = "note \u{202E}gnissecorp"
}
