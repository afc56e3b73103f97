/// Edits to the request being built beyond a parameter's value: removing a parameter and changing
/// the client authentication method. Each is kept as an ``AttemptChange`` with the request it led to.
extension AuthorizationCodeFlow {
    /// Whether the ready step sends its parameters as drafted (a query, a form, a request object),
    /// so a parameter can be added or removed. The Flow API, resume, JWKS and UserInfo requests
    /// read only the parameters they need, so they take edits of a value only.
    public var readyStepSendsEveryParameter: Bool {
        guard case .ready(let step) = phase else { return false }
        switch step {
        case .par, .authorize, .token, .refresh, .introspect, .revoke, .signOff: return true
        case .signOn, .resume, .inspect, .userInfo: return false
        }
    }

    /// The user removed a parameter of the ready request; nothing is sent until asked.
    public mutating func removeParameter(_ name: String) {
        guard readyStepSendsEveryParameter, let index = draft.firstIndex(where: { $0.name == name }) else { return }
        pendingChanges.append(.parameterRemoved(name: name, value: draft[index].value))
        draft.remove(at: index)
    }

    /// The client authentication methods this configuration can use: `NONE` always, the secret
    /// methods with a client secret, `PRIVATE_KEY_JWT` with a client key.
    public var availableClientAuthentications: [ClientAuthenticationMethod] {
        ClientAuthenticationMethod.allCases.filter { method in
            switch method {
            case .none: true
            case .clientSecretBasic, .clientSecretPost, .clientSecretJWT: configuration.clientSecret != nil
            case .privateKeyJWT: configuration.clientKey != nil
            }
        }
    }

    /// Whether the ready step authenticates the client (token, introspection, revocation, PAR).
    public var readyStepAuthenticatesClient: Bool {
        guard case .ready(let step) = phase else { return false }
        switch step {
        case .token, .refresh, .introspect, .revoke, .par: return true
        default: return false
        }
    }

    /// The user changed how the client authenticates, from the next request on (this step's and
    /// every later one: refresh, introspection and revocation authenticate the same way). A
    /// method the configuration has no secret or key for is refused (nothing changes).
    public mutating func changeClientAuthentication(to method: ClientAuthenticationMethod) {
        guard case .ready = phase, method != configuration.clientAuthentication,
            availableClientAuthentications.contains(method)
        else { return }
        pendingChanges.append(.clientAuthenticationChanged(from: configuration.clientAuthentication, to: method))
        configuration.clientAuthentication = method
    }
}
