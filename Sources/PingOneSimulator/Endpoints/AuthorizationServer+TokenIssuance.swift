import Crypto
import Foundation

extension AuthorizationServer {
    static let accessTokenLifetime: TimeInterval = 3600
    static let refreshTokenLifetime: TimeInterval = 30 * 24 * 3600

    /// Signs the token response for a grant: access token, refresh token, and ID token when `openid` was granted.
    func issueTokens(_ grant: TokenGrant, app: SimulatedApplication) -> Result<JSONValue, OAuthError> {
        guard let user = configuration.user(id: grant.userID) else {
            return .failure(.invalidGrant("The user of this grant no longer exists."))
        }
        let issuedAt = serverTime
        let iat = Int(issuedAt.timeIntervalSince1970)
        let skew = faults.contains(.clockSkew) ? 600 : 0
        let authTime = Int(grant.authTime.timeIntervalSince1970) + skew
        let acr: JSONValue = .string(grant.acr)
        let key: JWTSigningKey
        do {
            key = try signingKeyForIssuance()
        } catch {
            return .failure(
                OAuthError(error: "server_error", description: "The signing key could not be made.", status: 500))
        }

        // reference §6.1, claims in PingOne's order.
        let accessJTI = Self.newID()
        let accessClaims = JSONValue.object([
            JSONMember("client_id", .string(grant.clientID)),
            JSONMember("iss", .string(issuer)),
            JSONMember("iat", .int(iat)),
            JSONMember("exp", .int(iat + Int(Self.accessTokenLifetime))),
            JSONMember("aud", .array([.string(platformAudience)])),
            JSONMember("scope", .string(grant.scope)),
            JSONMember("sub", .string(user.id)),
            JSONMember("sid", .string(grant.sessionID)),
            JSONMember("auth_time", .int(authTime)),
            JSONMember("acr", acr),
            JSONMember("jti", .string(accessJTI)),
            JSONMember("env", .string(configuration.environmentID)),
            JSONMember("org", .string(configuration.organizationID)),
        ])
        let accessToken: String
        let refreshToken: String
        var idToken: String?
        let refreshJTI = Self.newID()
        do {
            accessToken = try key.sign(accessClaims)
            if app.refreshTokenType == "OPAQUE_TOKEN" {
                refreshToken = Self.randomToken(byteCount: 48)
            } else {
                // reference §6.3.
                refreshToken = try key.sign(
                    .object([
                        JSONMember("sub", .string(user.id)),
                        JSONMember("jti", .string(refreshJTI)),
                        JSONMember("exp", .int(iat + Int(Self.refreshTokenLifetime))),
                        JSONMember("sid", .string(grant.sessionID)),
                        JSONMember("scope", .string(grant.scope)),
                        JSONMember("auth_time", .int(authTime)),
                        JSONMember("acr", acr),
                        JSONMember("amr", .array(grant.methods.map { .string($0) })),
                        JSONMember("iss", .string(issuer)),
                    ]))
            }
            if grant.scopes.contains("openid") {
                idToken = try key.sign(
                    idTokenClaims(grant, user: user, iat: iat, authTime: authTime, accessToken: accessToken))
            }
        } catch {
            return .failure(OAuthError(error: "server_error", description: "Token signing failed.", status: 500))
        }

        let realNow = now
        let accessRecord = IssuedToken(
            kind: .access, grant: grant, issuedAt: realNow,
            expiresAt: realNow.addingTimeInterval(Self.accessTokenLifetime), jti: accessJTI)
        tokens[accessToken] = accessRecord
        var refreshRecord = accessRecord
        refreshRecord.kind = .refresh
        refreshRecord.jti = refreshJTI
        refreshRecord.expiresAt = realNow.addingTimeInterval(Self.refreshTokenLifetime)
        tokens[refreshToken] = refreshRecord

        // reference §4.3, keys in this order.
        var body = [
            JSONMember("access_token", .string(accessToken)),
            JSONMember("token_type", "Bearer"),
            JSONMember("expires_in", .int(Int(Self.accessTokenLifetime))),
            JSONMember("refresh_token", .string(refreshToken)),
            JSONMember("scope", .string(grant.scope)),
        ]
        if let idToken { body.append(JSONMember("id_token", .string(idToken))) }
        return .success(.object(body))
    }

    /// ID token claims (reference §6.2); the faults `wrongNonce`, `wrongAudience` and `hostileBytes` alter them.
    private func idTokenClaims(_ grant: TokenGrant, user: SimulatedUser, iat: Int, authTime: Int, accessToken: String)
        -> JSONValue
    {
        var audience = grant.clientID
        if faults.contains(.wrongAudience) {
            audience = configuration.applications.first { $0.id != grant.clientID }?.id ?? Self.newID()
        }
        var acr = grant.acr
        if faults.contains(.hostileBytes) { acr += HostileText.sample }
        var claims = [
            JSONMember("iss", .string(issuer)),
            JSONMember("sub", .string(user.id)),
            JSONMember("aud", .string(audience)),
            JSONMember("iat", .int(iat)),
            JSONMember("exp", .int(iat + Int(Self.accessTokenLifetime))),
            JSONMember("acr", .string(acr)),
            JSONMember("amr", .array(grant.methods.map { .string($0) })),
            JSONMember("auth_time", .int(authTime)),
            JSONMember("at_hash", .string(Self.atHash(accessToken))),
            JSONMember("sid", .string(grant.sessionID)),
        ]
        if faults.contains(.wrongNonce) {
            claims.append(JSONMember("nonce", .string((grant.nonce ?? "") + "-altered")))
        } else if let nonce = grant.nonce {
            claims.append(JSONMember("nonce", .string(nonce)))
        }
        claims += profileClaims(user, scopes: grant.scopes)
        claims += [
            JSONMember("env", .string(configuration.environmentID)),
            JSONMember("org", .string(configuration.organizationID)),
            JSONMember("p1.region", .string(configuration.region)),
        ]
        return .object(claims)
    }

    /// `preferred_username`, names (scope `profile`), `email` (scope `email`) and `updated_at`.
    func profileClaims(_ user: SimulatedUser, scopes: Set<String>) -> [JSONMember] {
        var claims: [JSONMember] = []
        if scopes.contains("profile") {
            claims.append(JSONMember("preferred_username", .string(user.username)))
            claims.append(JSONMember("given_name", .string(user.givenName)))
            claims.append(JSONMember("family_name", .string(user.familyName)))
        }
        if scopes.contains("email") {
            claims.append(JSONMember("email", .string(user.email)))
        }
        claims.append(JSONMember("updated_at", .int(Int(startedAt.timeIntervalSince1970))))
        return claims
    }

    /// OIDC Core §3.1.3.6: base64url of the left half of SHA-256 over the access token's ASCII.
    static func atHash(_ accessToken: String) -> String {
        let digest = Array(SHA256.hash(data: Data(accessToken.utf8)))
        return Base64URL.encode(digest.prefix(digest.count / 2))
    }

    /// The JWKS key, or under `badSignature` a second key with the same `kid` that the JWKS does not list.
    private func signingKeyForIssuance() throws -> JWTSigningKey {
        guard faults.contains(.badSignature) else { return signingKey }
        if let rogueKey { return rogueKey }
        let rogue = try JWTSigningKey.generate(keyID: signingKey.keyID)
        rogueKey = rogue
        return rogue
    }
}
