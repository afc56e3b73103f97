/// Parses, verifies and checks tokens: the one entry point for the TUI, `authflow run` and
/// `authflow decode`.
///
/// ```swift
/// let inspector = TokenInspector(keys: jwks, clientSecret: nil)
/// let inspection = inspector.inspect(idToken, expecting: TokenExpectations(issuer: issuer, clientID: clientID,
///                                                                          nonce: nonce, now: clock.now))
/// ```
public struct TokenInspector: Equatable, Sendable {
    /// Verifies signatures with the keys and secret given.
    public var verifier: SignatureVerifier

    /// An inspector that verifies with these keys and, for HS algorithms, this client secret.
    public init(keys: JSONWebKeySet? = nil, clientSecret: String? = nil) {
        verifier = SignatureVerifier(keys: keys, clientSecret: clientSecret)
    }

    /// Inspects a compact token. Never throws: a token that does not parse gives an `Inspection`
    /// with its `parseError`.
    public func inspect(_ compact: String, expecting expectations: TokenExpectations) -> Inspection {
        let input = compact.trimmingWhitespace()
        let skipped = verifier.keys?.skipped ?? []
        let token: JSONWebToken
        do {
            token = try JSONWebToken.parse(compact)
        } catch {
            return Inspection(
                input: input, token: nil, parseError: error, kind: nil, readableHeader: [],
                readableClaims: [], signature: nil, checks: [], expectations: expectations,
                skippedKeys: skipped)
        }
        let readableHeader = ClaimReader.readHeader(token.header)
        let signature = verifier.verify(token)

        guard let claims = token.claims else {
            // RFC 7516: the claims are inside the ciphertext; only the header can be shown.
            let kind = TokenKindDecision(
                kind: expectations.kind ?? .other, reason: "encrypted (JWE); claims not readable")
            let checks = [TokenChecks.signatureCheck(signature, reference: "RFC 7516 §5.2")]
            return Inspection(
                input: input, token: token, parseError: nil, kind: kind, readableHeader: readableHeader,
                readableClaims: [], signature: signature, checks: checks, expectations: expectations,
                skippedKeys: skipped)
        }

        let kind =
            expectations.kind.map { TokenKindDecision(kind: $0, reason: "given") }
            ?? TokenKindDecision.detect(header: token.header, claims: claims)
        let checks = TokenChecks.run(
            kind: kind.kind, header: token.header, claims: claims, signature: signature,
            expectations: expectations)
        return Inspection(
            input: input, token: token, parseError: nil, kind: kind, readableHeader: readableHeader,
            readableClaims: ClaimReader.read(claims, now: expectations.now), signature: signature,
            checks: checks, expectations: expectations, skippedKeys: skipped)
    }
}
