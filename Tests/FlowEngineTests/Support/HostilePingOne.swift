import Crypto
import FlowEngine
import Foundation
import TestSupport

/// A PingOne look-alike on a ``HostileServer`` whose answers a test bends: where `_links`,
/// `resumeUrl` and the resume redirect point, which cookies it sets, the ID token's header and
/// UserInfo's `sub`. Left alone it behaves like PingOne: the authorize redirect goes to another
/// origin (the "apps" host of the hosted sign-on page) and everything else stays on its own.
struct HostilePingOne: Sendable {
    static let environment = "env"
    static let clientID = "client-1"
    static let clientSecret = "client-secret-value"
    static let nastyPassword = #"p"a\s/s&w=o+r%d é \u00e9 "\"#
    static let nastySecret = #"s\e"c/r&e=t+% é  x"#
    static let username = "alice"
    static let password = "alice-password"
    static let redirectURI = "http://127.0.0.1/callback"
    static let subject = "user-1"

    /// The server playing PingOne.
    var home: String
    /// Another origin, where the hostile answers point.
    var foreign: String

    var checkHref: String?
    var resumeURL: String?
    /// Where resume sends the browser, given the authorize `state`.
    var resumeLocation: @Sendable (_ home: String, _ state: String) -> String = { _, state in
        "\(HostilePingOne.redirectURI)?code=code-1&state=\(state)"
    }
    var authorizeCookies = ["ST=st-session-value; Path=/; HttpOnly"]
    var idTokenHeader = #"{"alg":"HS256","typ":"JWT"}"#
    var userInfoSubject = HostilePingOne.subject
    var clientSecret = HostilePingOne.clientSecret
    var password = HostilePingOne.password

    var issuer: String { "\(home)/\(Self.environment)/as" }

    /// A flow configuration pointed at the home server, with the credentials configured.
    func configuration(_ change: (inout FlowConfiguration) -> Void = { _ in }) -> FlowConfiguration {
        var configuration = FlowConfiguration(
            authBaseURL: home, environmentID: Self.environment, clientID: Self.clientID,
            clientSecret: clientSecret, redirectURI: Self.redirectURI, username: Self.username,
            password: password, requestTimeout: .seconds(5))
        change(&configuration)
        return configuration
    }

    /// The answers, to pass to ``HostileServer/respond(_:)`` of the home server.
    func responder(sentState: Box<[String: String]>) -> HostileServer.Responder {
        let script = self
        return { request in script.answer(request, sent: sentState) }
    }

    private func answer(_ request: HostileServer.Received, sent: Box<[String: String]>) -> HostileServer.Reply {
        let base = "/\(Self.environment)"
        switch (request.method, request.path) {
        case ("GET", "\(base)/as/authorize"):
            sent.value = request.query
            return .redirect(
                "\(foreign)/\(Self.environment)/signon/?flowId=flow-1",
                headers: authorizeCookies.map { ("Set-Cookie", $0) })
        case ("GET", "\(base)/flows/flow-1"):
            let href = checkHref ?? "\(home)\(base)/flows/flow-1"
            return .json(
                #"{"id":"flow-1","status":"USERNAME_PASSWORD_REQUIRED","_links":{"self":{"href":"\#(home)\#(base)/flows/flow-1"},"usernamePassword.check":{"href":"\#(href)"}}}"#
            )
        case ("POST", "\(base)/flows/flow-1"):
            let resume = resumeURL ?? "\(home)\(base)/as/resume?flowId=flow-1"
            return .json(#"{"id":"flow-1","status":"COMPLETED","resumeUrl":"\#(resume)"}"#)
        case ("GET", "\(base)/as/resume"):
            return .redirect(resumeLocation(home, sent.value["state"] ?? ""))
        case ("POST", "\(base)/as/token"):
            let now = Int(Date().timeIntervalSince1970)
            var claims = #"{"iss":"\#(issuer)","sub":"\#(Self.subject)","aud":"\#(Self.clientID)","#
            claims += #""iat":\#(now),"exp":\#(now + 3600),"auth_time":\#(now)"#
            if let nonce = sent.value["nonce"] { claims += #","nonce":"\#(nonce)""# }
            claims += "}"
            let idToken = Self.signed(header: idTokenHeader, claims: claims, secret: clientSecret)
            return .json(
                #"{"access_token":"opaque-access-token-value","token_type":"Bearer","expires_in":3600,"scope":"openid profile email","id_token":"\#(idToken)"}"#
            )
        case ("GET", "\(base)/as/jwks"):
            return .json(#"{"keys":[]}"#)
        case ("GET", "\(base)/as/userinfo"):
            return .json(#"{"sub":"\#(userInfoSubject)","name":"Alice"}"#)
        default:
            return .notFound
        }
    }

    /// An HS256 JWS with this header and these claims (OIDC Core §10.1: keyed with the client secret).
    static func signed(header: String, claims: String, secret: String) -> String {
        let input = Base64URL.encode(header) + "." + Base64URL.encode(claims)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: Array(secret.utf8)))
        return input + "." + Base64URL.encode(Array(mac))
    }
}

/// A value shared between a test and a server's answers.
final class Box<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
