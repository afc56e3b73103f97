import Foundation

extension AuthorizationServer {
    /// `GET /as/.well-known/openid-configuration`: the document of reference §5.1(a), with this server's URLs.
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
            JSONMember("claims_parameter_supported", false),
            JSONMember("request_parameter_supported", true),
            JSONMember("request_uri_parameter_supported", false),
            JSONMember("require_pushed_authorization_requests", false),
            JSONMember("scopes_supported", strings(["openid", "profile", "email", "address", "phone", "offline_access"])),
            JSONMember("response_types_supported", strings(["code"])),
            JSONMember("response_modes_supported", strings(["pi.flow", "query", "fragment", "form_post"])),
            JSONMember("grant_types_supported", strings(["authorization_code", "refresh_token"])),
            JSONMember("subject_types_supported", strings(["public"])),
            JSONMember("id_token_signing_alg_values_supported", strings(["RS256"])),
            JSONMember("userinfo_signing_alg_values_supported", strings(["none"])),
            JSONMember("request_object_signing_alg_values_supported", strings(["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256"])),
            JSONMember(
                "token_endpoint_auth_methods_supported",
                strings(["client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"])),
            JSONMember(
                "token_endpoint_auth_signing_alg_values_supported",
                strings(["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256"])),
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
