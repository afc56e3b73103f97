import Foundation

extension SimulatorConfiguration {
    static let authMethods: Set<String> = [
        "NONE", "CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "CLIENT_SECRET_JWT", "PRIVATE_KEY_JWT",
    ]
    static let pkceEnforcements: Set<String> = ["OPTIONAL", "REQUIRED", "S256_REQUIRED"]
    static let refreshTokenTypes: Set<String> = ["JSON_WEB_TOKEN", "OPAQUE_TOKEN"]
    static let parRequirements: Set<String> = ["OPTIONAL", "REQUIRED"]

    /// Checks the enumerated settings and the secrets or keys each auth method needs.
    public func validate() throws {
        guard !environmentID.isEmpty, !environmentID.contains("/") else {
            throw SimulatorConfigurationError.invalidValue(field: "environmentID", value: environmentID)
        }
        for app in applications {
            func check(_ value: String, in allowed: Set<String>, field: String) throws {
                guard allowed.contains(value) else {
                    throw SimulatorConfigurationError.invalidValue(
                        field: "applications[\(app.id)].\(field)", value: value)
                }
            }
            try check(app.tokenEndpointAuthMethod, in: Self.authMethods, field: "tokenEndpointAuthMethod")
            try check(app.pkceEnforcement, in: Self.pkceEnforcements, field: "pkceEnforcement")
            try check(app.refreshTokenType, in: Self.refreshTokenTypes, field: "refreshTokenType")
            try check(app.parRequirement, in: Self.parRequirements, field: "parRequirement")
            switch app.tokenEndpointAuthMethod {
            case "CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "CLIENT_SECRET_JWT":
                guard let secret = app.secret, !secret.isEmpty else {
                    throw SimulatorConfigurationError.missingValue(field: "applications[\(app.id)].secret")
                }
            case "PRIVATE_KEY_JWT":
                guard let jwks = app.jwks, (try? JWKSet(json: jwks)) != nil else {
                    throw SimulatorConfigurationError.missingValue(field: "applications[\(app.id)].jwks")
                }
            default:
                break
            }
        }
    }
}
