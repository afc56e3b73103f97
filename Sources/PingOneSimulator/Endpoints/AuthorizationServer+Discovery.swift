import Foundation

extension AuthorizationServer {
    /// `GET /as/.well-known/openid-configuration`: reference §5.1(a), key for key and value for value, with this
    /// server's URLs.
    ///
    /// Like PingOne's documented example it advertises hybrid response types, implicit, client_credentials and
    /// the device endpoint; this simulator answers only `code` (hybrid support in PingOne is UNCONFIRMED,
    /// reference §1.1) and 404 on the device endpoint. It does not advertise `check_session_iframe`: PingOne's
    /// documented discovery document has none (only Ping's JS-SDK mock does).
    func discovery() -> SimulatorResponse {
        func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }
        let document = JSONValue.object([
            JSONMember("issuer", .string(issuer)),
            JSONMember("authorization_endpoint", .string("\(issuer)/authorize")),
            JSONMember("pushed_authorization_request_endpoint", .string("\(issuer)/par")),
            JSONMember("token_endpoint", .string(tokenEndpoint)),
            JSONMember("userinfo_endpoint", .string("\(issuer)/userinfo")),
            JSONMember("jwks_uri", .string("\(issuer)/jwks")),
            JSONMember("end_session_endpoint", .string("\(issuer)/signoff")),
            JSONMember("introspection_endpoint", .string("\(issuer)/introspect")),
            JSONMember("revocation_endpoint", .string("\(issuer)/revoke")),
            JSONMember("device_authorization_endpoint", .string("\(issuer)/device_authorization")),
            JSONMember("claims_parameter_supported", false),
            JSONMember("request_parameter_supported", true),
            JSONMember("request_uri_parameter_supported", false),
            JSONMember("require_pushed_authorization_requests", false),
            JSONMember("scopes_supported", strings(["openid", "profile", "email", "address", "phone"])),
            JSONMember(
                "response_types_supported",
                strings(["code", "id_token", "token id_token", "code id_token", "code token", "code token id_token"])),
            JSONMember("response_modes_supported", strings(["pi.flow", "query", "fragment", "form_post"])),
            JSONMember(
                "grant_types_supported",
                strings([
                    "authorization_code", "implicit", "client_credentials", "refresh_token",
                    "urn:ietf:params:oauth:grant-type:device_code",
                ])),
            JSONMember("subject_types_supported", strings(["public"])),
            JSONMember("id_token_signing_alg_values_supported", strings(["RS256"])),
            JSONMember("userinfo_signing_alg_values_supported", strings(["none"])),
            JSONMember(
                "request_object_signing_alg_values_supported",
                strings(["none", "HS256", "HS384", "HS512", "RS256", "RS384", "RS512"])),
            JSONMember(
                "token_endpoint_auth_methods_supported",
                strings(["client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt"])),
            JSONMember(
                "token_endpoint_auth_signing_alg_values_supported",
                strings(["HS256", "HS384", "HS512", "RS256", "RS384", "RS512"])),
            JSONMember("claim_types_supported", strings(["normal"])),
            JSONMember(
                "claims_supported",
                strings([
                    "sub", "iss", "auth_time", "acr", "name", "given_name", "family_name", "middle_name",
                    "preferred_username", "profile", "picture", "zoneinfo", "phone_number", "updated_at", "address",
                    "email", "locale",
                ])),
            JSONMember("code_challenge_methods_supported", strings(["plain", "S256"])),
        ])
        return .json(200, document)
    }

    /// `GET /as/jwks`: the public half of the signing key (RFC 7517). The `badSignature` key is never listed.
    func jwks() -> SimulatorResponse {
        do {
            return .json(200, .object([JSONMember("keys", .array([try signingKey.publicJWK()]))]))
        } catch {
            return PingOneError.unexpected.response()
        }
    }
}
