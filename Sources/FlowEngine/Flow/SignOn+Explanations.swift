/// The words for the Flow API's sign-on states: what a status is, the way on from one authflow does
/// not answer itself, and what an OTP or password-policy error means (reference §2.2, §7.1).
extension SignOn {
    /// What each status authflow does not answer asks of the user.
    static let statusMeanings: [String: String] = [
        "AGREEMENT_CONSENT_REQUIRED": "the user must accept an agreement (terms of use)",
        "PROFILE_DATA_REQUIRED": "the user must fill in profile data (progressive profiling)",
        "SIGN_ON_REQUIRED": "the policy is identifier-first: the username comes alone, then a sign-on method",
        "PASSWORD_REQUIRED": "the password is asked alone (a live session, or identifier-first after the username)",
        "EXTERNAL_AUTHENTICATION_REQUIRED": "the user signs on with a social or external identity provider",
        "ACCOUNT_LINKING_REQUIRED": "an external identity must be linked to a PingOne account",
        "PUSH_CONFIRMATION_REQUIRED": "the user must approve a push notification on the mobile app",
        "PUSH_CONFIRMATION_TIMED_OUT": "the push notification was not approved in time",
        "ASSERTION_REQUIRED": "a FIDO2 or security-key assertion from a browser",
        "VERIFICATION_CODE_REQUIRED": "the account must be verified with a code sent by email",
        "RECOVERY_CODE_REQUIRED": "a password recovery code",
        "REGISTRATION_REQUIRED": "the user must register",
        "DaVinci interaction":
            "a DaVinci flow policy (the response has an interactionId): DaVinci drives it, not the Flow API",
    ]

    /// `the flow is at AGREEMENT_CONSENT_REQUIRED (the user must accept an agreement), offering user.consent, signOnPage`.
    static func describe(status: String, links: [String]) -> String {
        let meaning = statusMeanings[status].map { " (\($0))" } ?? ""
        let offered = links.isEmpty ? "with no links" : "offering " + links.joined(separator: ", ")
        return "the flow is at \(status)\(meaning), \(offered); authflow does not answer it in the Flow API"
    }

    /// A concrete way on from a status authflow does not answer.
    static func wayOn(status: String) -> String {
        let browser =
            "Run it again with --browser: the hosted sign-on page answers it, and authflow takes the callback."
        switch status {
        case "PUSH_CONFIRMATION_REQUIRED", "PUSH_CONFIRMATION_TIMED_OUT":
            return
                "Approve the push on the device and read the flow again, or choose an OTP device; or sign on with --browser."
        case "DaVinci interaction":
            return "The app's sign-on policy is a DaVinci flow, which the Flow API does not drive. " + browser
        case "SIGN_ON_REQUIRED", "PASSWORD_REQUIRED":
            return "The sign-on policy is identifier-first (user.lookup, then a method). " + browser
        default:
            return browser
        }
    }

    /// `INVALID_OTP`: how many attempts are left, when the error says.
    static func otpCause(_ error: PingOneError) -> String {
        let inner = error.details.first?.innerError.flatMap { try? JSONValue.parse($0) }
        let left = inner.flatMap { inner in
            ["remainingAttempts", "attemptsRemaining", "failuresRemaining"].lazy.compactMap {
                inner[$0]?.int64Value
            }.first
        }
        let attempts = left.map { " \($0) attempt\($0 == 1 ? "" : "s") left before the flow fails." } ?? ""
        return "The one-time password is wrong or expired: check the code on the selected device and type it again."
            + attempts
    }

    /// A recovery code PingOne refused (`password.recover`, target `recoveryCode`): wrong, expired, or
    /// none typed.
    static func recoveryCodeCause(_ error: PingOneError) -> String {
        if error.details.first?.code == "REQUIRED_VALUE" {
            return "No recovery code was sent: type the code PingOne sent by email or SMS after password.forgot."
        }
        return "The recovery code is wrong or expired: type the code from the latest recovery message "
            + "(each password.forgot sends a new one), or start again from authorize to ask for another."
    }

    /// A new password the policy refused: each broken rule from `innerError.errors`, in words.
    static func passwordPolicyCause(_ error: PingOneError) -> String {
        let inner = error.details.first?.innerError.flatMap { try? JSONValue.parse($0) }
        let rules = (inner?["errors"]?.elements ?? []).compactMap { rule -> String? in
            let code = rule["code"]?.stringValue
            let message = rule["message"]?.stringValue
            switch (code, message) {
            case (let code?, let message?): return "\(code): \(message)"
            case (let code?, nil): return code
            case (nil, let message?): return message
            default: return nil
            }
        }
        let listed = rules.isEmpty ? "" : " Broken rules: " + rules.joined(separator: "; ") + "."
        return "The new password does not meet the environment's password policy (_embedded.passwordPolicy)."
            + listed + " Choose another new password."
    }

    /// The rules of `_embedded.passwordPolicy`, in words (its members as in PingOne's password policies).
    static func passwordRules(in policy: JSONValue?) -> [String] {
        guard let policy, policy.members != nil else { return [] }
        var rules: [String] = []
        if let minimum = policy["length"]?["min"]?.int64Value {
            let maximum = policy["length"]?["max"]?.int64Value.map { " (at most \($0))" } ?? ""
            rules.append("at least \(minimum) characters\(maximum)")
        }
        for set in policy["minCharacters"]?.members ?? [] {
            if let count = set.value.int64Value { rules.append("at least \(count) of \(set.key)") }
        }
        if let repeated = policy["maxRepeatedCharacters"]?.int64Value {
            rules.append("no character more than \(repeated) times in a row")
        }
        if let unique = policy["minUniqueCharacters"]?.int64Value {
            rules.append("at least \(unique) different characters")
        }
        if policy["notSimilarToCurrent"]?.boolValue == true { rules.append("not similar to the current password") }
        if policy["excludesCommonlyUsed"]?.boolValue == true { rules.append("not a commonly used password") }
        if policy["excludesProfileData"]?.boolValue == true { rules.append("not the user's profile data") }
        if let history = policy["history"]?["count"]?.int64Value {
            rules.append("not one of the last \(history) passwords")
        }
        return rules.map { TerminalSafe.line($0) }
    }
}
