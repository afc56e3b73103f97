/// Which parts of a request are credentials: the engine's rule, which every view and export asks.
extension FormParameter {
    /// Parameters whose values are credentials: typed masked, shown masked, redacted in exports.
    public static let secretNames: Set<String> = [
        "password", "client_secret", "client_assertion", "code_verifier", "token", "refresh_token", "access_token",
        "otp", "currentPassword", "newPassword", "recoveryCode",
    ]

    /// Whether this parameter's value is a credential.
    public var isSecret: Bool { Self.isSecret(name: name) }

    /// Whether a parameter of this name carries a credential.
    public static func isSecret(name: String) -> Bool { secretNames.contains(name) }
}

extension HTTPRequest {
    /// The credentials of the `Authorization` header: what follows the scheme (RFC 9110 §11.6.2),
    /// such as the Basic pair or a bearer token.
    public var authorizationCredentials: String? {
        guard let value = header("Authorization"), let credentials = value.split(separator: " ").last else {
            return nil
        }
        return String(credentials)
    }

    /// Every credential this request carries: secret parameters (query, form or JSON body) and the
    /// `Authorization` credentials.
    public var credentials: [String] {
        var values = parameters.filter(\.isSecret).map(\.value)
        // A Flow API body (`usernamePassword.check`, `otp.check`…) carries secrets as JSON members: a
        // password typed earlier and replaced since is still a secret of this request.
        values += jsonSecretValues
        if let authorization = authorizationCredentials { values.append(authorization) }
        return values.filter { !$0.isEmpty }
    }
}

extension HTTPRequest {
    /// The values of secret-named members of a JSON body (`password`, `otp`, `newPassword`…), at any depth.
    var jsonSecretValues: [String] {
        guard !body.isEmpty, header("Content-Type")?.lowercased().contains("json") ?? false,
            let json = try? JSONValue.parse(body)
        else { return [] }
        func collect(_ value: JSONValue) -> [String] {
            if let members = value.members {
                return members.flatMap { member in
                    FormParameter.isSecret(name: member.key) && member.value.stringValue != nil
                        ? [member.value.stringValue ?? ""] : collect(member.value)
                }
            }
            return (value.elements ?? []).flatMap(collect)
        }
        return collect(json)
    }
}

extension Redactor {
    /// This redactor, also hiding the credentials `request` carries (a request built just now, whose
    /// client assertion may be signed afresh on every build). A view that shows secrets does not ask.
    public func hiding(credentialsOf request: HTTPRequest) -> Redactor {
        Redactor(secrets: secrets + request.credentials)
    }
}
