import Foundation

extension AuthorizationServer {
    /// `GET /signon/?flowId=…`: a minimal sign-on page, so the demo also works in a real browser.
    func signOnPage(request: SimulatorRequest) -> SimulatorResponse {
        if request.queryParameters["flowId"] == nil, let error = request.queryParameters["error"] {
            // An authorize error that could not go to the client: show its message, as PingOne's page does.
            let message = (try? JSONValue(parsing: Data(error.utf8))).flatMap { json in
                guard case .array(let details)? = json["details"], let first = details.first else {
                    return json["message"]?.stringValue
                }
                return first["message"]?.stringValue ?? json["message"]?.stringValue
            }
            return .html(400, signOnHTML(flowID: nil, appName: nil, message: message ?? error))
        }
        guard let flowID = request.queryParameters["flowId"] else {
            return .html(400, signOnHTML(flowID: nil, appName: nil, message: "This sign-on link has no flowId."))
        }
        guard !flowID.isEmpty, flowID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            return .html(
                400, signOnHTML(flowID: nil, appName: nil, message: "This sign-on link's flowId is not valid."))
        }
        if case .success(let flow) = accessibleFlow(id: flowID, request: request) {
            if flow.status == .completed { return .found(resumeURL(flowID)) }
            return .html(200, signOnHTML(flowID: flowID, appName: appName(flow), message: nil))
        }
        // PingOne's page on apps.pingone.<tld> never sees the `ST` cookie of auth.pingone.<tld> (a host-only
        // cookie): the page is served all the same, and its script's Flow API call, which carries `ST` as
        // the browser's SameSite rules allow, says whether this browser may continue the flow.
        return .html(200, signOnHTML(flowID: flowID, appName: nil, message: nil))
    }

    /// `POST /signon/?flowId=…` from the page's form: checks the password, then continues at resume.
    func submitSignOnPage(request: SimulatorRequest) -> SimulatorResponse {
        answeringSignOnPage(request) { flowID, flow in
            guard flow.status == .usernamePasswordRequired || flow.status == .passwordRequired else {
                return .found(resumeURL(flowID))
            }
            let form = request.formParameters
            switch checkPassword(username: form["username"] ?? "", password: form["password"] ?? "") {
            case .failure(let error):
                return .html(
                    400,
                    signOnHTML(
                        flowID: flowID, appName: appName(flow), message: error.details.first?.message ?? error.message))
            case .success(let user):
                if let refusal = reauthenticationRefusal(flow: flow, user: user) {
                    return .html(
                        400, signOnHTML(flowID: flowID, appName: appName(flow), message: refusal.message))
                }
                completeFlow(flowID, userID: user.id)
                // As the hosted page's own usernamePassword.check does: a new `ST` for the signed-on session.
                let sessionToken = renewSessionToken(flow.sessionToken)
                return .found(resumeURL(flowID)).adding("Set-Cookie", signedOnSessionCookie(sessionToken))
            }
        }
    }

    /// Answers a sign-on page request with `answer` for the flow it names (`?flowId=`), or with the
    /// page that says why there is none.
    private func answeringSignOnPage(
        _ request: SimulatorRequest, _ answer: (String, Flow) -> SimulatorResponse
    ) -> SimulatorResponse {
        guard let flowID = request.queryParameters["flowId"] else {
            return .html(400, signOnHTML(flowID: nil, appName: nil, message: "This sign-on link has no flowId."))
        }
        switch accessibleFlow(id: flowID, request: request) {
        case .failure(let error):
            return .html(
                error.status,
                signOnHTML(flowID: nil, appName: nil, message: error.details.first?.message ?? error.message))
        case .success(let flow):
            return answer(flowID, flow)
        }
    }

    private func appName(_ flow: Flow) -> String {
        configuration.application(id: flow.request.clientID)?.name ?? "PingOne"
    }

    private func signOnHTML(flowID: String?, appName: String?, message: String?) -> String {
        let form =
            flowID.map { id in
                """
                <form method="post" action="\(HTML.escape(signOnURL(id)))" data-flow="\(HTML.escape(flowURL(id)))">
                <label>Username <input name="username" autocomplete="username" autofocus></label><br>
                <label>Password <input name="password" type="password" autocomplete="current-password"></label><br>
                <button type="submit">Sign On</button>
                </form>
                """
            } ?? ""
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Sign On</title></head>
            <body><h1>Sign On\(appName.map { " to " + HTML.escape($0) } ?? "")</h1>
            \(message.map { "<p role=\"alert\">\(HTML.escape($0))</p>" } ?? "")
            \(form)
            <p><small>authflow PingOne simulator</small></p>
            \(flowID == nil ? "" : "<script>\n\(Self.signOnScript)\n</script>")
            </body></html>
            """
    }
}
