import FlowEngine

/// `--present`: the personal data a presenter's screen should not show: the values of the
/// standard claims that name or reach a person (OIDC Core §5.1), found in any response of the
/// session and in the claims of any JWT a response carries.
///
/// `username` and `preferred_username` are left out: the user name is typed at sign-on and shown
/// with the demo's credentials, and when it is an email address the `email` claim hides it.
enum PersonalClaims {
    /// The claims hidden, by name; every string inside `address` is hidden too.
    static let names: Set<String> = [
        "email", "name", "given_name", "family_name", "middle_name", "nickname", "phone_number", "birthdate",
        "address",
    ]

    /// The values to hide, from every response body of the record.
    static func values(in record: [StepRecord]) -> [String] {
        var found: Set<String> = []
        for entry in record {
            guard let body = entry.response?.body, !body.isEmpty,
                let json = try? JSONValue.parse(body)
            else { continue }
            collect(json, into: &found, depth: 0)
        }
        return found.sorted()
    }

    /// Walks a JSON value: personal members' strings, and the claims of JWTs met on the way.
    private static func collect(_ value: JSONValue, into found: inout Set<String>, depth: Int) {
        guard depth < 16 else { return }
        switch value {
        case .object(let members):
            for member in members {
                if names.contains(member.key) {
                    strings(in: member.value, into: &found)
                } else {
                    collect(member.value, into: &found, depth: depth + 1)
                }
            }
        case .array(let elements):
            for element in elements { collect(element, into: &found, depth: depth + 1) }
        case .string(let string):
            if JSONWebToken.looksLikeJWT(string), let claims = try? JSONWebToken.parse(string).claims {
                collect(claims, into: &found, depth: depth + 1)
            }
        default:
            break
        }
    }

    /// Every string inside a value (a claim may be a string or, as `address`, an object).
    private static func strings(in value: JSONValue, into found: inout Set<String>) {
        switch value {
        case .string(let string) where !string.isEmpty: found.insert(string)
        case .object(let members): for member in members { strings(in: member.value, into: &found) }
        case .array(let elements): for element in elements { strings(in: element, into: &found) }
        default: break
        }
    }
}
