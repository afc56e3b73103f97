import Foundation

/// A registered OAuth client, with the PingOne application settings the simulator honours.
public struct SimulatedApplication: Codable, Sendable, Equatable {
    /// The client id (an application UUID).
    public var id: String
    /// The display name shown in the flow's `_embedded.application.name`.
    public var name: String
    /// The client secret, for the secret-based auth methods and HS256 request objects.
    public var secret: String?
    /// `NONE`, `CLIENT_SECRET_BASIC`, `CLIENT_SECRET_POST`, `CLIENT_SECRET_JWT` or `PRIVATE_KEY_JWT`.
    public var tokenEndpointAuthMethod: String
    /// `OPTIONAL`, `REQUIRED` or `S256_REQUIRED`.
    public var pkceEnforcement: String
    /// Registered redirect URIs; loopback http URIs match on any port (RFC 8252 §7.3).
    public var redirectURIs: [String]
    /// The client's public JWKS JSON, for `PRIVATE_KEY_JWT` and RS256/ES256 request objects.
    public var jwks: String?
    /// `JSON_WEB_TOKEN` or `OPAQUE_TOKEN`.
    public var refreshTokenType: String
    /// `OPTIONAL` or `REQUIRED`.
    public var parRequirement: String

    /// Creates an application.
    public init(
        id: String,
        name: String,
        secret: String? = nil,
        tokenEndpointAuthMethod: String = "CLIENT_SECRET_BASIC",
        pkceEnforcement: String = "OPTIONAL",
        redirectURIs: [String],
        jwks: String? = nil,
        refreshTokenType: String = "JSON_WEB_TOKEN",
        parRequirement: String = "OPTIONAL"
    ) {
        self.id = id
        self.name = name
        self.secret = secret
        self.tokenEndpointAuthMethod = tokenEndpointAuthMethod
        self.pkceEnforcement = pkceEnforcement
        self.redirectURIs = redirectURIs
        self.jwks = jwks
        self.refreshTokenType = refreshTokenType
        self.parRequirement = parRequirement
    }

    enum CodingKeys: String, CodingKey {
        case id, name, secret, tokenEndpointAuthMethod, pkceEnforcement, redirectURIs, jwks, refreshTokenType,
            parRequirement
    }

    /// Decodes an application; the settings default as in PingOne (Basic auth, PKCE optional, JWT refresh tokens, PAR optional).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.name = try container.decode(String.self, forKey: .name)
        self.secret = try container.decodeIfPresent(String.self, forKey: .secret)
        self.tokenEndpointAuthMethod =
            try container.decodeIfPresent(String.self, forKey: .tokenEndpointAuthMethod) ?? "CLIENT_SECRET_BASIC"
        self.pkceEnforcement = try container.decodeIfPresent(String.self, forKey: .pkceEnforcement) ?? "OPTIONAL"
        self.redirectURIs = try container.decode([String].self, forKey: .redirectURIs)
        self.jwks = try container.decodeIfPresent(String.self, forKey: .jwks)
        self.refreshTokenType =
            try container.decodeIfPresent(String.self, forKey: .refreshTokenType) ?? "JSON_WEB_TOKEN"
        self.parRequirement = try container.decodeIfPresent(String.self, forKey: .parRequirement) ?? "OPTIONAL"
    }
}
