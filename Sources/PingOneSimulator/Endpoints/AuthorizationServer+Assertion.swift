import Foundation

/// FIDO2 at sign-on: ASSERTION_REQUIRED and `assertion.check` (reference §2.2: the media type and the
/// body `{"origin", "assertion", "compatibility"}` are documented).
///
/// The simulator's authenticator is simulated: the hosted page's "simulated security key" step builds
/// the WebAuthn assertion itself. The simulator checks what a relying party checks first (the
/// credential, the client data's type, challenge and origin) and not a signature: there is no key.
extension AuthorizationServer {
    /// The WebAuthn request options of an ASSERTION_REQUIRED flow, as a JSON string (as PingOne's MFA
    /// API gives `publicKeyCredentialRequestOptions`). UNCONFIRMED: the member's name and place in a
    /// Flow API answer, and its encoding (the MFA API writes `challenge` and credential ids as arrays of
    /// signed bytes; base64url strings here).
    func assertionRequestOptions(_ flow: Flow) -> String? {
        guard flow.status == .assertionRequired, let challenge = flow.assertionChallenge,
            let device = selectedFIDODevice(flow)
        else { return nil }
        return JSONValue.object([
            JSONMember("challenge", .string(challenge)),
            JSONMember("timeout", .int(120_000)),
            JSONMember("rpId", .string(URLComponents(string: signOnBaseURL)?.host ?? "localhost")),
            JSONMember(
                "allowCredentials",
                .array([
                    .object([
                        JSONMember("type", .string("public-key")), JSONMember("id", .string(device.credentialID)),
                    ])
                ])),
            JSONMember("userVerification", .string("discouraged")),
        ]).serialized
    }

    /// The origins an assertion may come from: the hosted sign-on page's (both loopback names), or the
    /// environment's own for a custom domain.
    var assertionOrigins: [String] {
        signOnPageOrigins.isEmpty ? [baseURL] : signOnPageOrigins
    }

    private func selectedFIDODevice(_ flow: Flow) -> SimulatedDevice? {
        flowUser(flow).flatMap { user in
            mfaDevices(of: user).first { $0.id == flow.selectedDeviceID && $0.isFIDO }
        }
    }

    /// `assertion.check`: `{"origin", "assertion", "compatibility"}`, `assertion` the JSON of a WebAuthn
    /// `PublicKeyCredential` (`id`, `rawId`, `type`, `response {clientDataJSON, authenticatorData,
    /// signature}`, base64url). A refused assertion is `400 INVALID_DATA`, detail `INVALID_VALUE`, target
    /// `assertion` (UNCONFIRMED: PingOne's error for a bad assertion); a good one completes the flow with
    /// a new `ST`, as a password check does.
    func checkAssertion(flow: Flow, body: JSONValue) -> SimulatorResponse {
        func refuse(_ message: String, target: String = "assertion") -> SimulatorResponse {
            flowError(.invalidData(message, detailCode: "INVALID_VALUE", target: target))
        }
        guard let origin = body["origin"]?.stringValue, !origin.isEmpty else {
            return flowError(.invalidData("origin is required.", detailCode: "REQUIRED_VALUE", target: "origin"))
        }
        guard assertionOrigins.contains(origin) else {
            return refuse("The origin \(origin) is not this environment's sign-on page.", target: "origin")
        }
        guard let text = body["assertion"]?.stringValue, !text.isEmpty else {
            return flowError(
                .invalidData("assertion is required.", detailCode: "REQUIRED_VALUE", target: "assertion"))
        }
        guard let credential = try? JSONValue(parsing: Data(text.utf8)) else {
            return refuse("The assertion is not a JSON PublicKeyCredential.")
        }
        guard let user = flowUser(flow), let device = selectedFIDODevice(flow), let challenge = flow.assertionChallenge
        else {
            return flowError(.invalidRequest("The flow has no selected security key.", target: "selectedDevice"))
        }
        guard credential["type"]?.stringValue == "public-key", credential["id"]?.stringValue == device.credentialID
        else {
            return refuse("The credential is not one of the user's security keys.")
        }
        guard let clientDataText = credential["response"]?["clientDataJSON"]?.stringValue,
            let clientDataBytes = Base64URL.decode(clientDataText),
            let clientData = try? JSONValue(parsing: clientDataBytes)
        else {
            return refuse("response.clientDataJSON is missing or not base64url JSON.")
        }
        guard clientData["type"]?.stringValue == "webauthn.get" else {
            return refuse("The client data's type is not webauthn.get.")
        }
        guard clientData["challenge"]?.stringValue == challenge else {
            return refuse("The client data's challenge is not this flow's.")
        }
        guard clientData["origin"]?.stringValue == origin else {
            return refuse("The client data's origin does not match the request's origin.")
        }
        guard let signature = credential["response"]?["signature"]?.stringValue, !signature.isEmpty,
            credential["response"]?["authenticatorData"]?.stringValue?.isEmpty == false
        else {
            return refuse("response.authenticatorData and response.signature are required.")
        }
        return signOnStepDone(flow: flow, user: user, passwordChecked: false)
    }
}
