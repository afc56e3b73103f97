import Foundation

/// Pure functions that turn claims into `ReadableClaim` values, in the order they were sent.
public enum ClaimReader {
    /// Claims that are NumericDates (RFC 7519 §4.1.4–4.1.6, OIDC Core §2 and §5.1).
    public static let timeClaims: Set<String> = ["exp", "iat", "nbf", "auth_time", "updated_at"]

    /// Labels for registered, OIDC and PingOne claims.
    public static let labels: [String: String] = [
        "iss": "issuer",
        "sub": "subject",
        "aud": "audience",
        "exp": "expires",
        "nbf": "not before",
        "iat": "issued at",
        "jti": "token ID",
        "auth_time": "authenticated at",
        "updated_at": "profile updated",
        "nonce": "nonce",
        "at_hash": "access token hash",
        "c_hash": "code hash",
        "azp": "authorized party",
        "client_id": "client",
        "scope": "scopes",
        "sid": "PingOne session",
        "acr": "sign-on policy (acr)",
        "amr": "authentication methods (amr)",
        "env": "PingOne environment",
        "org": "PingOne organization",
        "p1.region": "PingOne region",
        "p1.userId": "PingOne user ID",
        "preferred_username": "username",
        "email": "email",
        "name": "name",
        "given_name": "given name",
        "family_name": "family name",
        "typ": "token type",
        "alg": "algorithm",
        "kid": "key ID",
        "cty": "content type",
        "enc": "content encryption",
        "x5t": "certificate thumbprint",
        "x5t#S256": "certificate thumbprint (SHA-256)",
    ]

    /// The label for a claim: a known one, or `PingOne claim` for other `p1.*` names.
    public static func label(for name: String) -> String? {
        if let label = labels[name] { return label }
        if name.hasPrefix("p1.") { return "PingOne claim" }
        return nil
    }

    /// Every claim made readable, in the order sent; a missing `exp` is added as "no expiry".
    public static func read(_ claims: JSONValue, now: Date) -> [ReadableClaim] {
        let members = claims.members ?? []
        var readable = members.map { read(name: $0.key, value: $0.value, now: now) }
        if claims["exp"] == nil {
            // jwt-cli #70: an absent exp was shown as expired. It means the token does not expire.
            readable.append(ReadableClaim(name: "exp", label: label(for: "exp"), value: .absent("no expiry")))
        }
        return readable
    }

    /// The header made readable, in the order sent.
    public static func readHeader(_ header: JSONValue) -> [ReadableClaim] {
        (header.members ?? []).map { ReadableClaim(name: $0.key, label: label(for: $0.key), value: plain($0.value)) }
    }

    /// One claim made readable.
    public static func read(name: String, value: JSONValue, now: Date) -> ReadableClaim {
        let label = label(for: name)
        if timeClaims.contains(name) {
            switch NumericDate(value) {
            case .date(let date):
                return ReadableClaim(
                    name: name, label: label,
                    value: .time(date, utc: TimeText.utc(date), relative: TimeText.relative(date, to: now)))
            case .invalid(let reason):
                return ReadableClaim(name: name, label: label, value: .invalid(raw: value.compactText, reason: reason))
            case .absent:
                break
            }
        }
        switch name {
        case "scope":
            // RFC 6749 §3.3: space-delimited; some servers send an array.
            if let scope = value.stringValue {
                return ReadableClaim(
                    name: name, label: label, value: .list(scope.split(separator: " ").map(String.init)))
            }
        case "aud", "amr":
            if let items = value.stringList {
                return ReadableClaim(name: name, label: label, value: .list(items))
            }
        default:
            break
        }
        return ReadableClaim(name: name, label: label, value: plain(value))
    }

    private static func plain(_ value: JSONValue) -> ReadableClaim.Value {
        if let string = value.stringValue { return .text(string) }
        if let items = value.elements, items.allSatisfy({ $0.stringValue != nil }), !items.isEmpty {
            return .list(items.compactMap(\.stringValue))
        }
        return .json(value.compactText)
    }
}
