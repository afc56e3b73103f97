import Foundation
import Testing

/// `authflow decode` on PingOne's shapes (shared/reference/pingone-api.md §6.1, §6.2): an access
/// token carries `auth_time` and `sid`, and must still be taken for an access token.
@Suite struct DecodeKindTests {
    static func base64URL(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// An unsigned-looking RS256 token with these claims (the signature does not matter to the kind).
    static func token(_ claims: String) -> String {
        base64URL(#"{"kid":"f4697cc0-f083-11ee-92d8-3dcc7b34d647","alg":"RS256"}"#) + "." + base64URL(claims) + "."
            + base64URL("not a signature")
    }

    @Test func aPingOneAccessTokenWithAuthTimeIsDecodedAsAnAccessToken() async throws {
        let access = Self.token(
            #"{"client_id":"724ec718-c41c-4d51-98b0-84a583f450f9","iss":"https://auth.pingone.ca/02fb4743-189a-4bc7-9d6c-a919edfe6447/as","iat":1719859270,"exp":1719862870,"aud":["https://api.pingone.ca"],"scope":"openid profile email","sub":"6f00a1ba-1d86-4b87-afb0-0ea1a952bc2e","sid":"21693d89-2c72-4cc0-b055-9fc728f187d3","auth_time":1719859270,"acr":"Single_Factor","env":"02fb4743-189a-4bc7-9d6c-a919edfe6447"}"#
        )
        let result = try await AuthflowProcess.run(["decode", access])
        #expect(
            result.standardOutput.contains(
                "access token (it has client_id, scope, and its aud (https://api.pingone.ca) is not that client)"),
            "\(result.standardOutput)\(result.standardError)")
        #expect(!result.standardOutput.contains("ID token ("))
    }

    @Test func aPingOneIDTokenIsDecodedAsAnIDToken() async throws {
        let id = Self.token(
            #"{"iss":"https://auth.pingone.ca/02fb4743-189a-4bc7-9d6c-a919edfe6447/as","sub":"6f00a1ba-1d86-4b87-afb0-0ea1a952bc2e","aud":"724ec718-c41c-4d51-98b0-84a583f450f9","iat":1719859270,"exp":1719862870,"amr":["pwd"],"auth_time":1719859270,"at_hash":"qD-IKcnDH8zVvUY2bJJMdg","sid":"21693d89-2c72-4cc0-b055-9fc728f187d3"}"#
        )
        let result = try await AuthflowProcess.run(["decode", id])
        #expect(result.standardOutput.contains("ID token (it has at_hash)"), "\(result.standardOutput)")
    }
}
