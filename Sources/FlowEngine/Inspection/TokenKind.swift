/// Which rules a token is checked against.
public enum TokenKind: String, Equatable, Sendable, CaseIterable {
    /// An OpenID Connect ID token: OIDC Core §3.1.3.7, §3.2.2.11, §3.3.2.11.
    case idToken = "id_token"
    /// An OAuth access token in JWT form: RFC 9068 §4.
    case accessToken = "access_token"
    /// Any other JWT (a refresh token, a request object): signature and time checks only.
    case other = "jwt"

    /// The kind in words.
    public var title: String {
        switch self {
        case .idToken: "ID token"
        case .accessToken: "access token"
        case .other: "JWT"
        }
    }
}
