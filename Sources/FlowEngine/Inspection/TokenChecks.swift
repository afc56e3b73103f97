import Foundation

/// The check list for a token: pure functions from the token, its signature result and the
/// expectations to `TokenCheck` values, failures first.
public enum TokenChecks {
    /// Runs the checks for a kind of token.
    public static func run(
        kind: TokenKind, header: JSONValue, claims: JSONValue, signature: SignatureResult,
        expectations: TokenExpectations
    ) -> [TokenCheck] {
        let context = Context(header: header, claims: claims, expectations: expectations)
        var checks: [TokenCheck] =
            switch kind {
            case .idToken: idTokenChecks(context, signature: signature)
            case .accessToken: accessTokenChecks(context, signature: signature)
            case .other: otherChecks(context, signature: signature)
            }
        checks += duplicateChecks(header: header, claims: claims)
        return checks.failuresFirst()
    }

    /// RFC 7515 §5.2 step 4 and RFC 7519 §4: a name sent twice is rejected, because parsers disagree
    /// about which value wins (authflow reads the first). Listed only when it happens.
    static func duplicateChecks(header: JSONValue, claims: JSONValue) -> [TokenCheck] {
        var checks: [TokenCheck] = []
        for (part, value, reference) in [("header", header, "RFC 7515 §5.2 step 4"), ("claims", claims, "RFC 7519 §4")]
        {
            let members = value.members ?? []
            var repeated: [String] = []
            if members.count <= 32 {
                // A token has a few members: comparing each with those before it hashes nothing.
                for (index, member) in members.enumerated()
                where members[..<index].contains(where: { $0.key == member.key }) && !repeated.contains(member.key) {
                    repeated.append(member.key)
                }
            } else {
                var seen = Set<String>()
                for member in members where !seen.insert(member.key).inserted && !repeated.contains(member.key) {
                    repeated.append(member.key)
                }
            }
            if !repeated.isEmpty {
                checks.append(
                    TokenCheck(
                        name: part, outcome: .fail,
                        reason:
                            "the \(part) has \(list(repeated)) more than once; other parsers may read another value than the first, shown here",
                        reference: reference))
            }
        }
        return checks
    }

    /// Whether a `typ` value names an RFC 9068 access token (`at+jwt`, `application/at+jwt`, any case).
    public static func isAccessTokenType(_ typ: String) -> Bool {
        let lowered = typ.lowercased()
        return lowered == "at+jwt" || lowered == "application/at+jwt"
    }

    /// What every check reads.
    struct Context {
        var header: JSONValue
        var claims: JSONValue
        var expectations: TokenExpectations

        /// The header's `alg` when it is one authflow knows, for `at_hash` and `c_hash`.
        var algorithm: SignatureAlgorithm? { header["alg"]?.stringValue.flatMap(SignatureAlgorithm.init(rawValue:)) }
    }

    // MARK: - Kinds

    /// OIDC Core §3.1.3.7 (code flow), §3.2.2.11 and §3.3.2.11 (implicit and hybrid hashes).
    static func idTokenChecks(_ context: Context, signature: SignatureResult) -> [TokenCheck] {
        let expected = context.expectations
        return [
            signatureCheck(signature, reference: "OIDC Core §3.1.3.7 steps 6–8"),
            issuerCheck(context, required: true, reference: "OIDC Core §3.1.3.7 step 2"),
            audienceCheck(
                context, expected: expected.audience ?? expected.clientID, required: true,
                reference: "OIDC Core §3.1.3.7 step 3"),
            authorizedPartyCheck(context),
            presenceCheck(context, "sub", required: true, reference: "OIDC Core §2"),
            expiryCheck(context, required: true, reference: "OIDC Core §3.1.3.7 step 9"),
            issuedAtCheck(context, required: true, reference: "OIDC Core §3.1.3.7 step 10"),
            notBeforeCheck(context),
            nonceCheck(context),
            hashCheck(
                context, claim: "at_hash", value: expected.accessToken, valueName: "access token",
                reference: "OIDC Core §3.1.3.8, §3.2.2.9"),
            hashCheck(
                context, claim: "c_hash", value: expected.code, valueName: "code",
                reference: "OIDC Core §3.3.2.11"),
            authTimeCheck(context),
            acrCheck(context),
        ]
    }

    /// RFC 9068 §4: what a resource server checks in a JWT access token.
    static func accessTokenChecks(_ context: Context, signature: SignatureResult) -> [TokenCheck] {
        [
            signatureCheck(signature, reference: "RFC 9068 §4"),
            typeCheck(context),
            issuerCheck(context, required: true, reference: "RFC 9068 §4"),
            expiryCheck(context, required: true, reference: "RFC 9068 §2.2, §4"),
            audienceCheck(context, expected: context.expectations.audience, required: true, reference: "RFC 9068 §4"),
            presenceCheck(context, "sub", required: true, reference: "RFC 9068 §2.2"),
            clientIDCheck(context),
            issuedAtCheck(context, required: true, reference: "RFC 9068 §2.2"),
            presenceCheck(context, "jti", required: true, reference: "RFC 9068 §2.2"),
            notBeforeCheck(context),
        ]
    }

    /// Any other JWT: the signature, the registered time claims, and `iss`/`aud` when expected.
    static func otherChecks(_ context: Context, signature: SignatureResult) -> [TokenCheck] {
        let expected = context.expectations
        return [
            signatureCheck(signature, reference: "RFC 7515 §5.2"),
            issuerCheck(context, required: false, reference: "RFC 7519 §4.1.1"),
            audienceCheck(
                context, expected: expected.audience ?? expected.clientID, required: false,
                reference: "RFC 7519 §4.1.3"),
            expiryCheck(context, required: false, reference: "RFC 7519 §4.1.4"),
            issuedAtCheck(context, required: false, reference: "RFC 7519 §4.1.6"),
            notBeforeCheck(context),
        ]
    }

    // MARK: - Signature and header

    static func signatureCheck(_ signature: SignatureResult, reference: String) -> TokenCheck {
        TokenCheck(
            name: "signature", outcome: signatureOutcome(signature), reason: signature.description,
            reference: reference)
    }

    /// What a signature result counts as in the check list.
    static func signatureOutcome(_ signature: SignatureResult) -> TokenCheck.Outcome {
        switch signature {
        case .verified: .pass
        case .noKey, .encrypted, .redacted: .notApplicable
        default: .fail
        }
    }

    /// RFC 9068 §4: `typ` must be `at+jwt` or `application/at+jwt`.
    static func typeCheck(_ context: Context) -> TokenCheck {
        let reference = "RFC 9068 §2.1, §4"
        guard let value = context.header["typ"] else {
            return TokenCheck(
                name: "typ", outcome: .notApplicable,
                reason: "no typ header; RFC 9068 asks for at+jwt, but not every server sends it", reference: reference)
        }
        guard let typ = value.stringValue else {
            return TokenCheck(
                name: "typ", outcome: .fail, reason: "typ is \(value.compactText), not a string", reference: reference)
        }
        return isAccessTokenType(typ)
            ? TokenCheck(name: "typ", outcome: .pass, reason: "typ is \(quoted(typ))", reference: reference)
            : TokenCheck(
                name: "typ", outcome: .fail,
                reason: "typ is \(quoted(typ)); a JWT access token has at+jwt, so this may be another kind of token",
                reference: reference)
    }

    // MARK: - Identity claims

    static func issuerCheck(_ context: Context, required: Bool, reference: String) -> TokenCheck {
        let expected = context.expectations.issuer
        guard let value = context.claims["iss"] else {
            let outcome: TokenCheck.Outcome = required || expected != nil ? .fail : .notApplicable
            return TokenCheck(
                name: "iss", outcome: outcome,
                reason: required ? "no iss claim; it is required" : "no iss claim", reference: reference)
        }
        guard let iss = value.stringValue else {
            return TokenCheck(
                name: "iss", outcome: .fail, reason: "iss is \(value.compactText), not a string", reference: reference)
        }
        guard let expected else {
            return TokenCheck(
                name: "iss", outcome: .notApplicable,
                reason: "iss is \(quoted(iss)); no expected issuer given", reference: reference)
        }
        if iss == expected {
            return TokenCheck(
                name: "iss", outcome: .pass, reason: "iss is \(quoted(iss)), as expected", reference: reference)
        }
        var reason = "iss is \(quoted(iss)); expected exactly \(quoted(expected))"
        if trimmingSlash(iss) == trimmingSlash(expected) {
            reason += " (they differ only by a trailing slash, which still fails)"
        } else if iss.lowercased() == expected.lowercased() {
            reason += " (they differ only in case, which still fails)"
        }
        return TokenCheck(name: "iss", outcome: .fail, reason: reason, reference: reference)
    }

    static func audienceCheck(_ context: Context, expected: String?, required: Bool, reference: String) -> TokenCheck {
        guard let value = context.claims["aud"] else {
            let outcome: TokenCheck.Outcome = required || expected != nil ? .fail : .notApplicable
            return TokenCheck(
                name: "aud", outcome: outcome,
                reason: required ? "no aud claim; it is required" : "no aud claim", reference: reference)
        }
        guard let audiences = value.stringList, !audiences.isEmpty else {
            return TokenCheck(
                name: "aud", outcome: .fail,
                reason: "aud is \(value.compactText); it must be a string or an array of strings (RFC 7519 §4.1.3)",
                reference: reference)
        }
        let shown = list(audiences)
        guard let expected else {
            return TokenCheck(
                name: "aud", outcome: .notApplicable, reason: "aud is \(shown); no expected audience given",
                reference: reference)
        }
        return audiences.contains(expected)
            ? TokenCheck(
                name: "aud", outcome: .pass, reason: "aud \(shown) contains \(quoted(expected))", reference: reference)
            : TokenCheck(
                name: "aud", outcome: .fail, reason: "aud is \(shown); it does not contain \(quoted(expected))",
                reference: reference)
    }

    /// OIDC Core §3.1.3.7 steps 4 and 5.
    static func authorizedPartyCheck(_ context: Context) -> TokenCheck {
        let reference = "OIDC Core §3.1.3.7 steps 4–5"
        let audiences = context.claims["aud"]?.stringList ?? []
        let expected = context.expectations.clientID ?? context.expectations.audience
        guard let value = context.claims["azp"] else {
            if audiences.count > 1 {
                return TokenCheck(
                    name: "azp", outcome: .fail,
                    reason: "aud has \(audiences.count) audiences and there is no azp to say which client it is for",
                    reference: reference)
            }
            return TokenCheck(
                name: "azp", outcome: .notApplicable, reason: "no azp; not needed with a single audience",
                reference: reference)
        }
        return stringClaim(
            "azp", value, expected: expected, reference: reference,
            notGiven: { "azp is \(quoted($0)); no client ID given" },
            passed: { "azp is the client ID \(quoted($0))" },
            differs: { "azp is \(quoted($0)); expected the client ID \(quoted($1))" })
    }

    /// RFC 9068 §2.2: `client_id` is required; it must be this client when the client ID is known.
    static func clientIDCheck(_ context: Context) -> TokenCheck {
        let reference = "RFC 9068 §2.2"
        guard let value = context.claims["client_id"] else {
            return TokenCheck(
                name: "client_id", outcome: .fail, reason: "no client_id claim; it is required", reference: reference)
        }
        guard let clientID = value.stringValue else {
            return TokenCheck(
                name: "client_id", outcome: .fail, reason: "client_id is \(value.compactText), not a string",
                reference: reference)
        }
        guard let expected = context.expectations.clientID else {
            return TokenCheck(
                name: "client_id", outcome: .pass,
                reason: "client_id is \(quoted(clientID)); no client ID given to compare",
                reference: reference)
        }
        return clientID == expected
            ? TokenCheck(
                name: "client_id", outcome: .pass, reason: "client_id is \(quoted(clientID)), as expected",
                reference: reference)
            : TokenCheck(
                name: "client_id", outcome: .fail,
                reason: "client_id is \(quoted(clientID)); expected \(quoted(expected))",
                reference: reference)
    }

    /// A claim that must be a non-empty string.
    static func presenceCheck(_ context: Context, _ name: String, required: Bool, reference: String) -> TokenCheck {
        guard let value = context.claims[name] else {
            return TokenCheck(
                name: name, outcome: required ? .fail : .notApplicable,
                reason: required ? "no \(name) claim; it is required" : "no \(name) claim", reference: reference)
        }
        guard let string = value.stringValue, !string.isEmpty else {
            return TokenCheck(
                name: name, outcome: .fail, reason: "\(name) is \(value.compactText), not a non-empty string",
                reference: reference)
        }
        return TokenCheck(name: name, outcome: .pass, reason: "\(name) is \(quoted(string))", reference: reference)
    }

    // MARK: - Values sent in the request

    /// OIDC Core §3.1.3.7 step 11.
    static func nonceCheck(_ context: Context) -> TokenCheck {
        let reference = "OIDC Core §3.1.3.7 step 11"
        let value = context.claims["nonce"]
        guard let expected = context.expectations.nonce else {
            guard let value else {
                return TokenCheck(
                    name: "nonce", outcome: .notApplicable, reason: "no nonce sent and none in the token",
                    reference: reference)
            }
            return TokenCheck(
                name: "nonce", outcome: .notApplicable,
                reason: "nonce is \(value.stringValue.map(quoted) ?? value.compactText); no nonce given to compare",
                reference: reference)
        }
        guard let value else {
            return TokenCheck(
                name: "nonce", outcome: .fail,
                reason: "no nonce in the token, but \(quoted(expected)) was sent", reference: reference)
        }
        return stringClaim(
            "nonce", value, expected: expected, reference: reference,
            notGiven: { "nonce is \(quoted($0))" },
            passed: { "nonce is \(quoted($0)), the one sent" },
            differs: { "nonce is \(quoted($0)); the request sent \(quoted($1)) (a replayed or mixed-up token?)" })
    }

    /// A claim that must be a string equal to `expected`: another JSON type fails whether or not there is
    /// something to compare; with nothing to compare the check does not apply.
    private static func stringClaim(
        _ name: String, _ value: JSONValue, expected: String?, reference: String,
        notGiven: (String) -> String, passed: (String) -> String, differs: (String, String) -> String
    ) -> TokenCheck {
        guard let string = value.stringValue else {
            return TokenCheck(
                name: name, outcome: .fail, reason: "\(name) is \(value.compactText), not a string",
                reference: reference)
        }
        guard let expected else {
            return TokenCheck(name: name, outcome: .notApplicable, reason: notGiven(string), reference: reference)
        }
        return string == expected
            ? TokenCheck(name: name, outcome: .pass, reason: passed(string), reference: reference)
            : TokenCheck(name: name, outcome: .fail, reason: differs(string, expected), reference: reference)
    }

    /// `at_hash` and `c_hash`: OIDC Core §3.1.3.6 and §3.3.2.11.
    static func hashCheck(_ context: Context, claim: String, value: String?, valueName: String, reference: String)
        -> TokenCheck
    {
        let received = context.claims[claim]
        guard let value else {
            guard let received else {
                return TokenCheck(
                    name: claim, outcome: .notApplicable, reason: "no \(claim) and no \(valueName) given",
                    reference: reference)
            }
            return TokenCheck(
                name: claim, outcome: .notApplicable,
                reason:
                    "\(claim) is \(received.stringValue.map(quoted) ?? received.compactText); no \(valueName) given to compare",
                reference: reference)
        }
        guard let received else {
            return TokenCheck(
                name: claim, outcome: .notApplicable,
                reason: "no \(claim) in the token; it is optional when the ID token comes from the token endpoint",
                reference: reference)
        }
        guard let hash = received.stringValue else {
            return TokenCheck(
                name: claim, outcome: .fail, reason: "\(claim) is \(received.compactText), not a string",
                reference: reference)
        }
        if value == Redactor.mask || value.hasSuffix("." + Redactor.mask) {
            // A session saved redacted: the hash is of bytes the file no longer holds.
            return TokenCheck(
                name: claim, outcome: .notApplicable,
                reason: "\(claim) is \(quoted(hash)); not checkable: the \(valueName) was redacted when saved",
                reference: reference)
        }
        guard let algorithm = context.algorithm else {
            let alg = context.header["alg"]?.stringValue ?? "(none)"
            return TokenCheck(
                name: claim, outcome: .fail,
                reason: "cannot compute \(claim): alg \(quoted(alg)) names no hash function", reference: reference)
        }
        let computed = TokenHash.leftHalf(of: value, algorithm: algorithm)
        let rule = "left half of SHA-\(algorithm.hashBits) of the \(valueName), base64url"
        return hash == computed
            ? TokenCheck(
                name: claim, outcome: .pass, reason: "\(claim) matches the \(valueName) (\(rule))", reference: reference
            )
            : TokenCheck(
                name: claim, outcome: .fail,
                reason: "\(claim) is \(quoted(hash)); the \(valueName) given hashes to \(quoted(computed)) (\(rule))",
                reference: reference)
    }

    /// OIDC Core §3.1.3.7 step 12: `acr` against the requested `acr_values` (PingOne: sign-on policy names).
    static func acrCheck(_ context: Context) -> TokenCheck {
        let reference = "OIDC Core §3.1.3.7 step 12"
        let requested = context.expectations.acrValues
        let value = context.claims["acr"]
        guard !requested.isEmpty else {
            let shown = value.map { $0.stringValue.map(quoted) ?? $0.compactText }
            return TokenCheck(
                name: "acr", outcome: .notApplicable,
                reason: shown.map { "acr is \($0); no acr_values requested" } ?? "no acr_values requested",
                reference: reference)
        }
        guard let value else {
            return TokenCheck(
                name: "acr", outcome: .fail, reason: "no acr claim, but acr_values \(list(requested)) were requested",
                reference: reference)
        }
        guard let acr = value.stringValue else {
            return TokenCheck(
                name: "acr", outcome: .fail, reason: "acr is \(value.compactText), not a string", reference: reference)
        }
        return requested.contains(acr)
            ? TokenCheck(
                name: "acr", outcome: .pass, reason: "acr \(quoted(acr)) is one of those requested \(list(requested))",
                reference: reference)
            : TokenCheck(
                name: "acr", outcome: .fail,
                reason:
                    "acr is \(quoted(acr)); requested \(list(requested)) (is that sign-on policy assigned to the app?)",
                reference: reference)
    }

    // MARK: - Text helpers

    static func quoted(_ string: String) -> String { "\"\(string)\"" }

    static func list(_ strings: [String]) -> String { "[" + strings.map(quoted).joined(separator: ", ") + "]" }

    private static func trimmingSlash(_ string: String) -> String {
        string.hasSuffix("/") ? String(string.dropLast()) : string
    }
}
