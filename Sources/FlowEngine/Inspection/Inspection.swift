/// Everything the inspector found about one token: the parse, the readable claims, the signature
/// result and the check list. A value the TUI and the CLI render; it does no I/O.
public struct Inspection: Equatable, Sendable {
    /// The token as given, surrounding white space removed.
    public var input: String
    /// The parsed token, or `nil` when parsing failed.
    public var token: JSONWebToken?
    /// Why parsing failed, with its step (`JWTParseError.step`).
    public var parseError: JWTParseError?
    /// The rules the token was checked against, and why; `nil` when it did not parse.
    public var kind: TokenKindDecision?
    /// The header members made readable, in the order sent.
    public var readableHeader: [ReadableClaim]
    /// The claims made readable, in the order sent.
    public var readableClaims: [ReadableClaim]
    /// The signature result; `nil` when the token did not parse.
    public var signature: SignatureResult?
    /// The checks, failures first.
    public var checks: [TokenCheck]
    /// What the token was checked against, clock included.
    public var expectations: TokenExpectations
    /// Keys in the JWKS that could not be used, and why.
    public var skippedKeys: [JSONWebKeySet.SkippedKey]

    /// An inspection from its parts; `TokenInspector.inspect` is the usual way to get one.
    public init(
        input: String, token: JSONWebToken?, parseError: JWTParseError?, kind: TokenKindDecision?,
        readableHeader: [ReadableClaim], readableClaims: [ReadableClaim], signature: SignatureResult?,
        checks: [TokenCheck], expectations: TokenExpectations, skippedKeys: [JSONWebKeySet.SkippedKey] = []
    ) {
        self.input = input
        self.token = token
        self.parseError = parseError
        self.kind = kind
        self.readableHeader = readableHeader
        self.readableClaims = readableClaims
        self.signature = signature
        self.checks = checks
        self.expectations = expectations
        self.skippedKeys = skippedKeys
    }

    /// Whether the token parsed.
    public var isParsed: Bool { token != nil }

    /// Whether it is an encrypted JWE.
    public var isEncrypted: Bool { token?.isEncrypted ?? false }

    /// The checks that failed.
    public var failures: [TokenCheck] { checks.filter { $0.outcome == .fail } }

    /// The check with a name, when there is one.
    public func check(_ name: String) -> TokenCheck? { checks.first { $0.name == name } }

    /// Whether the token parsed and no applicable check failed.
    public var passed: Bool { isParsed && failures.isEmpty }
}
