extension AuthorizationCodeFlow {
    /// The tokens whose claims a redacted export keeps: the access, ID and refresh tokens received
    /// and the client assertions sent. Only those that are signed JWTs keep anything; passwords,
    /// the client secret, the code, the PKCE verifier, cookies (`ST`) and opaque tokens stay masked.
    public var claimBearingTokens: [String] {
        var tokens = self.tokens?.secrets ?? []
        tokens += record.compactMap { $0.decoded.tokens }.flatMap(\.secrets)
        tokens += record.flatMap { $0.request.parameters.filter { $0.name == "client_assertion" }.map(\.value) }
        return tokens.filter { !$0.isEmpty }
    }

    /// The redactor for a redacted save (`run --out`, the TUI's save, the kept last session):
    /// every secret masked, except that a signed JWT keeps its header and payload
    /// (`<header>.<payload>.••••••`), so that `authflow open` can show its claims and checks.
    public var exportRedactor: Redactor {
        Redactor(secrets: secrets).keepingClaims(of: claimBearingTokens)
    }
}
