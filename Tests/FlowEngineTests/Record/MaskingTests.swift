import Foundation
import TestSupport
import Testing

@testable import FlowEngine

/// Masking is total: a password and a client secret full of `" \ / & = + % é` and spaces are
/// hidden in every form they take (raw, form-encoded, JSON-escaped, inside Basic credentials),
/// in the transcript and the JSON export, whatever their length.
@Suite struct MaskingTests {
    /// Every spelling a secret can take in a view or an export.
    static func spellings(of secret: String, clientID: String = HostilePingOne.clientID) -> [String] {
        var json = ""
        JSONValue.writeString(secret, into: &json)
        let escaped = String(json.dropFirst().dropLast())
        var exportJSON = ""
        JSONValue.writeString(escaped, into: &exportJSON)
        var spellings = [
            secret, FormURLEncoding.escape(secret), escaped, String(exportJSON.dropFirst().dropLast()),
            escaped.replacingOccurrences(of: "/", with: "\\/"),
            FormURLEncoding.escape(secret).replacingOccurrences(of: "+", with: "%20"),
            Data("\(clientID):\(FormURLEncoding.escape(secret))".utf8).base64EncodedString(),
            Data("\(clientID):\(secret)".utf8).base64EncodedString(),
        ]
        if let percent = secret.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) {
            spellings.append(percent)
        }
        return spellings
    }

    static func leaked(_ secrets: [String], in text: String) -> [String] {
        secrets.flatMap { spellings(of: $0) }.filter { text.contains($0) }
    }

    @Test(arguments: [ClientAuthenticationMethod.clientSecretBasic, .clientSecretPost])
    func nastySecretsAreMaskedInTheTranscriptAndTheJSON(method: ClientAuthenticationMethod) async throws {
        let home = try await HostileServer.start()
        let foreign = try await HostileServer.start()
        var script = HostilePingOne(home: home.baseURL, foreign: foreign.baseURL)
        script.password = HostilePingOne.nastyPassword
        script.clientSecret = HostilePingOne.nastySecret
        home.respond(script.responder(sentState: Box([:])))
        let transport = LiveTransport()
        var flow = AuthorizationCodeFlow(
            configuration: script.configuration { $0.clientAuthentication = method }, randomness: .system)
        let outcome = await FlowRunner(transport: transport).run(&flow)
        await transport.shutdown()
        await home.shutdown()
        await foreign.shutdown()
        #expect(outcome == .completed)
        // The secrets did go over the wire (the test is not vacuous).
        let wire = home.received.map(\.wholeText).joined(separator: "\n")
        #expect(!Self.leaked([HostilePingOne.nastyPassword], in: wire).isEmpty)
        #expect(!Self.leaked([HostilePingOne.nastySecret], in: wire).isEmpty)

        let redactor = Redactor(secrets: flow.secrets)
        let secrets = [HostilePingOne.nastyPassword, HostilePingOne.nastySecret]
        let transcript = TranscriptWriter(redactor: redactor, now: Date()).transcript(of: flow.record)
        #expect(Self.leaked(secrets, in: transcript) == [])
        #expect(transcript.contains(#""password": "••••••""#))
        let json = RecordExport(redactor: redactor).json(
            configuration: flow.configuration, record: flow.record, outcome: outcome
        ).compactText
        #expect(Self.leaked(secrets, in: json) == [])
        // Nothing else is lost: the username and the flow are still there.
        #expect(transcript.contains(HostilePingOne.username))
        #expect(json.contains("flow-1"))
    }

    @Test func shortSecretsAreMaskedWhereverTheyAreAValue() {
        let redactor = Redactor(secrets: ["é", "a\"", "xy"])
        let request = HTTPRequest(
            method: "POST", url: "https://h.example/x?token=xy&other=xyz",
            headers: [HTTPHeader("Content-Type", "application/x-www-form-urlencoded"), HTTPHeader("Cookie", "ST=xy")],
            body: Array("client_secret=%C3%A9&keep=1".utf8))
        let masked = redactor.redact(request)
        #expect(masked.url == "https://h.example/x?token=••••••&other=xyz")
        #expect(masked.header("Cookie") == "ST=••••••")
        #expect(String(decoding: masked.body, as: UTF8.self) == "client_secret=••••••&keep=1")
        let json = HTTPRequest(
            method: "POST", url: "https://h.example/flows/1",
            headers: [HTTPHeader("Content-Type", "application/json")],
            body: Array(#"{"username":"xyz","password":"a\""}"#.utf8))
        #expect(
            String(decoding: redactor.redact(json).body, as: UTF8.self) == #"{"username":"xyz","password":"••••••"}"#)
        // In free text a short secret is left alone: "xy" inside "xyz" is not a secret.
        #expect(redactor.redact("xyz") == "xyz")
    }

    @Test func basicCredentialsAreMaskedEvenWhenTheSecretIsEncodedInside() {
        let secret = HostilePingOne.nastySecret
        let basic = Data("client:\(FormURLEncoding.escape(secret))".utf8).base64EncodedString()
        // The redactor knows the secret, not the Basic value built from it.
        let redactor = Redactor(secrets: [secret])
        let request = HTTPRequest(
            method: "POST", url: "https://h.example/token", headers: [HTTPHeader("Authorization", "Basic \(basic)")])
        #expect(redactor.redact(request).header("Authorization") == "Basic ••••••")
    }

    @Test func aJSONEscapedSecretIsMaskedInText() {
        let secret = #"a"b\c/d"#
        let redactor = Redactor(secrets: [secret])
        #expect(redactor.redact(#"{"password":"a\"b\\c/d"}"#) == #"{"password":"••••••"}"#)
        #expect(redactor.redact(#"{"password":"a\"b\\c\/d"}"#) == #"{"password":"••••••"}"#)
        #expect(redactor.redact("password=a%22b%5Cc%2Fd") == "password=••••••")
    }
}
