import Foundation

extension AuthorizationServer {
    /// Answers one request: routes it, then adds the headers every PingOne response carries.
    ///
    /// `onSignOnOrigin`: the request came to the sign-on page's own origin (the second port, as
    /// `apps.pingone.<tld>`), which serves the page and nothing else.
    func respond(to request: SimulatorRequest, bodyTooLarge: Bool = false, onSignOnOrigin: Bool = false) async
        -> SimulatorResponse
    {
        var response: SimulatorResponse
        if bodyTooLarge {
            response = PingOneError.bodyTooLarge.response()
        } else if onSignOnOrigin {
            response = routeSignOnOrigin(request)
        } else if let preflight = corsPreflight(request) ?? flowAPIPreflight(request) {
            response = preflight
        } else {
            response = await route(request)
        }
        if !onSignOnOrigin {
            addCORSHeaders(to: &response, for: request)
            addFlowAPICORSHeaders(to: &response, for: request)
        }
        // A PingOne error's `id` is its Correlation-Id: what support asks for is in the body and the header.
        response.add("Correlation-Id", response.errorID ?? Self.newID())
        response.add("Date", HTTPDate.imfFixdate(serverTime))
        response.add("X-Frame-Options", "DENY")
        if faults.contains(.hostileBytes) {
            response.add("X-Simulator-Note", HostileText.headerSample)
        }
        return response
    }

    private func route(_ request: SimulatorRequest) async -> SimulatorResponse {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let rest: [String]
        if configuration.customDomain {
            // A custom domain serves the environment at its root.
            rest = segments
        } else {
            guard let environment = segments.first else {
                return PingOneError.notFound("No environment in the request path.").response()
            }
            guard environment == configuration.environmentID else {
                return PingOneError.notFound("The environment \(environment) does not exist.").response()
            }
            rest = Array(segments.dropFirst())
        }
        let method = request.method.uppercased()

        switch (rest.first, rest.count) {
        case ("as", 2), ("as", 3):
            return await routeAuthorizationServer(
                rest.dropFirst().joined(separator: "/"), method: method, request: request)
        case ("flows", 2):
            if faults.contains(.requestLimited) {
                return PingOneError.requestLimited(retryAfterSeconds: Self.retryAfterSeconds).response()
            }
            if faults.contains(.unexpectedError) { return PingOneError.unexpected.response() }
            switch method {
            case "GET": return readFlow(id: rest[1], request: request)
            case "POST": return updateFlow(id: rest[1], request: request)
            default: return methodNotAllowed(method)
            }
        case ("signon", 1):
            switch method {
            case "GET": return signOnPage(request: request)
            case "POST": return submitSignOnPage(request: request)
            default: return methodNotAllowed(method)
            }
        default:
            return PingOneError.notFound("No resource at \(request.path).").response()
        }
    }

    /// The sign-on page's origin: `/{envID}/signon/` only (`/signon/` for a custom domain, which
    /// has no origin of its own for the page).
    private func routeSignOnOrigin(_ request: SimulatorRequest) -> SimulatorResponse {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard segments == [configuration.environmentID, "signon"] else {
            return PingOneError.notFound("No resource at \(request.path).").response()
        }
        switch request.method.uppercased() {
        case "GET": return signOnPage(request: request)
        case "POST": return submitSignOnPage(request: request)
        default: return methodNotAllowed(request.method.uppercased())
        }
    }

    private func routeAuthorizationServer(_ endpoint: String, method: String, request: SimulatorRequest) async
        -> SimulatorResponse
    {
        switch (endpoint, method) {
        case (".well-known/openid-configuration", "GET"): return discovery()
        case ("authorize", "GET"), ("authorize", "POST"): return authorize(request: request)
        case ("resume", "GET"): return resume(request: request)
        case ("token", "POST"): return await token(request: request)
        case ("jwks", "GET"): return jwks()
        case ("userinfo", "GET"), ("userinfo", "POST"): return userInfo(request: request)
        case ("introspect", "POST"): return introspect(request: request)
        case ("revoke", "POST"): return revoke(request: request)
        case ("signoff", "GET"), ("signoff", "POST"): return signOff(request: request)
        case ("par", "POST"): return pushAuthorizationRequest(request: request)
        case (".well-known/openid-configuration", _), ("authorize", _), ("resume", _), ("token", _), ("jwks", _),
            ("userinfo", _), ("introspect", _), ("revoke", _), ("signoff", _), ("par", _):
            return methodNotAllowed(method)
        default:
            return PingOneError.notFound("No resource at \(request.path).").response()
        }
    }

    /// The `Retry-After` of the `requestLimited` fault.
    static let retryAfterSeconds = 10

    private func methodNotAllowed(_ method: String) -> SimulatorResponse {
        PingOneError(
            status: 405, code: "INVALID_REQUEST",
            message: "The request could not be completed. Method \(method) is not allowed.",
            details: [
                .init(
                    code: "INVALID_VALUE", target: "method",
                    message: "Method \(method) is not allowed on this resource.")
            ]
        ).response()
    }
}
