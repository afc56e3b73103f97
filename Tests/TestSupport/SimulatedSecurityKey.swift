import Foundation

/// Plays the simulator's hosted page's "simulated security key": builds the `assertion.check` body a
/// browser would post for an ASSERTION_REQUIRED flow, from the flow's `publicKeyCredentialRequestOptions`.
public enum SimulatedSecurityKey {
    /// The `assertion.check` JSON body for `flow` (the flow JSON as read), signed for `origin`;
    /// `challenge` replaces the flow's (to test a wrong one).
    public static func assertionBody(flow: [String: Any], origin: String, challenge: String? = nil) throws -> String {
        guard let optionsText = flow["publicKeyCredentialRequestOptions"] as? String,
            let options = try JSONSerialization.jsonObject(with: Data(optionsText.utf8)) as? [String: Any],
            let flowChallenge = options["challenge"] as? String,
            let credentialID = (options["allowCredentials"] as? [[String: Any]])?.first?["id"] as? String
        else {
            throw TestFailure("the flow has no publicKeyCredentialRequestOptions: \(flow)")
        }
        let clientData = try JSONSerialization.data(
            withJSONObject: ["type": "webauthn.get", "challenge": challenge ?? flowChallenge, "origin": origin],
            options: [.sortedKeys])
        let credential: [String: Any] = [
            "id": credentialID, "rawId": credentialID, "type": "public-key",
            "response": [
                "clientDataJSON": base64URL(clientData),
                "authenticatorData": base64URL(Data("simulated authenticator data".utf8)),
                "signature": base64URL(Data("simulated signature".utf8)),
            ],
        ]
        let assertion = String(decoding: try JSONSerialization.data(withJSONObject: credential), as: UTF8.self)
        let body = try JSONSerialization.data(
            withJSONObject: ["origin": origin, "assertion": assertion, "compatibility": "FULL"])
        return String(decoding: body, as: UTF8.self)
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
