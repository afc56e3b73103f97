import Foundation

extension AuthorizationServer {
    /// `GET /as/resume?flowId=…` (reference §3): needs the flow's `ST` cookie, then returns the code to the client.
    func resume(request: SimulatorRequest) -> SimulatorResponse {
        guard let flowID = request.queryParameters["flowId"] else {
            return PingOneError.invalidRequest("flowId is required.", detailCode: "REQUIRED_VALUE", target: "flowId")
                .response()
        }
        guard let flow = flows[flowID], flow.expiresAt > now else {
            return PingOneError.notFound("The flow \(flowID) was not found or has expired.").response()
        }
        // UNCONFIRMED: PingOne's answer to a resume without the session cookie is not documented;
        // 400 INVALID_REQUEST naming the missing cookie is this simulator's choice.
        guard let token = request.cookie("ST"), token == flow.sessionToken, sessions[token]?.ended == false else {
            return PingOneError.invalidRequest(
                "The session cookie (ST) is missing or does not belong to this flow.", detailCode: "INVALID_VALUE",
                target: "ST"
            ).response()
        }
        guard flow.status == .completed else {
            // UNCONFIRMED: an unfinished flow is reported to the client as OIDC login_required.
            flows[flowID] = nil
            return authorizationError(
                "login_required", "User authentication is required", redirectURI: flow.request.redirectURI,
                state: flow.request.state, responseMode: flow.request.responseMode)
        }
        if flow.request.isPiFlow {
            // reference §3.2: in pi.flow mode resume answers JSON whose `authorizeResponse` holds the code
            // and state. UNCONFIRMED: the members beside `authorizeResponse`; this is the completed flow.
            let response = completePiFlow(flowID)
            flows[flowID] = nil
            return response
        }
        return authorizationSuccess(flowID: flowID)
    }

    /// Issues the code for a completed flow and delivers it by `response_mode` (RFC 6749 §4.1.2).
    func authorizationSuccess(flowID: String) -> SimulatorResponse {
        guard let flow = flows[flowID], let redirectURI = flow.request.redirectURI, let code = issueCode(for: flow)
        else {
            return PingOneError.notFound("The flow \(flowID) was not found.").response()
        }
        flows[flowID] = nil
        var parameters = [("code", code.value)]
        if faults.contains(.stateTampered) {
            parameters.append(("state", "tampered-" + Self.randomToken(byteCount: 8)))
        } else if let state = flow.request.state {
            parameters.append(("state", state))
        }
        let mode = flow.request.responseMode == "pi.flow" ? "query" : flow.request.responseMode
        return deliver(parameters, to: redirectURI, responseMode: mode)
    }

    /// A single-use code, valid 60 s, bound to the client, redirect URI, PKCE challenge, nonce, scope, user and session.
    func issueCode(for flow: Flow) -> AuthorizationCode? {
        guard let userID = flow.userID, let session = sessions[flow.sessionToken] else { return nil }
        let value = Self.newID()
        let code = AuthorizationCode(
            value: value,
            grant: TokenGrant(
                clientID: flow.request.clientID, userID: userID, sessionID: session.id, sessionToken: session.token,
                scope: flow.request.scope, authTime: session.authTime ?? now,
                methods: session.methods.isEmpty ? ["pwd"] : session.methods,
                acr: flow.request.policy ?? session.policy
                    ?? Self.satisfiedPolicy(requested: nil, methods: session.methods),
                nonce: flow.request.nonce, grantID: value),
            redirectURI: flow.request.redirectURI, codeChallenge: flow.request.codeChallenge,
            codeChallengeMethod: flow.request.codeChallengeMethod, expiresAt: now.addingTimeInterval(60))
        codes[code.value] = code
        return code
    }
}
