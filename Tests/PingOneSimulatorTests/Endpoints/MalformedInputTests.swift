import Foundation
import PingOneSimulator
import TestSupport
import Testing

@Suite("Malformed input")
struct MalformedInputTests {
    @Test(arguments: [
        "Basic %%%notbase64", "Basic " + Data("no-colon".utf8).base64EncodedString(), "Basic",
        "Basic " + Data(":secret".utf8).base64EncodedString(),
    ])
    func garbageBasicCredentialsAreInvalidClient(header: String) async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.postForm(
                "/as/token", [("grant_type", "authorization_code"), ("code", "x")], headers: [("Authorization", header)]
            )
            #expect(response.status == 401)
            #expect(try response.json()["error"] as? String == "invalid_client")
        }
    }

    @Test func twoAuthenticationMethodsAtOnceAreRejected() async throws {
        try await SimulatorHarness.run { harness in
            let code = try await harness.obtainCode()
            let response = try await harness.exchange(code: code, extra: [("client_secret", Demo.webAppSecret)])
            #expect(response.status == 400)
            #expect(try response.json()["error"] as? String == "invalid_request")
        }
    }

    @Test func repeatedTokenParametersAreInvalidRequest() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.postForm(
                "/as/token", [("grant_type", "authorization_code"), ("code", "a"), ("code", "b")],
                headers: [SimulatorHarness.basic(Demo.webAppID, Demo.webAppSecret)])
            #expect(try response.json()["error"] as? String == "invalid_request")
        }
    }

    @Test func authorizePostMustBeAForm() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.postJSON(
                "/as/authorize", #"{"client_id":"x"}"#, contentType: "application/json")
            #expect(response.status == 400)
            #expect(try response.json()["code"] as? String == "INVALID_REQUEST")
        }
    }

    @Test func aCodeIssuedToOneClientCannotBeRedeemedByAnother() async throws {
        try await SimulatorHarness.run { harness in
            let code = try await harness.obtainCode(
                SimulatorHarness.authorizeParameters(
                    clientID: Demo.spaID,
                    extra: [("code_challenge", Vectors.pkceChallenge), ("code_challenge_method", "S256")]))
            let response = try await harness.exchange(code: code, extra: [("code_verifier", Vectors.pkceVerifier)])
            #expect(response.status == 400)
            #expect(try response.json()["error"] as? String == "invalid_grant")
        }
    }

    @Test func headersAreSentOnceWithAnAccurateLength() async throws {
        try await SimulatorHarness.run { harness in
            let response = try await harness.get("/as/.well-known/openid-configuration")
            #expect(response.headers(named: "Date").count == 1)
            #expect(response.headers(named: "Correlation-Id").count == 1)
            #expect(response.header("Content-Length") == String(response.body.count))
            #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
        }
    }

    @Test func flowIDsInPathsAreNotTrusted() async throws {
        try await SimulatorHarness.run { harness in
            let (_, st) = try await harness.startFlow()
            for path in ["/flows/..%2F..%2Fas%2Fjwks", "/flows/%00", "/flows/" + String(repeating: "a", count: 5000)] {
                let response = try await harness.get(path, headers: [("Cookie", "ST=\(st)")])
                #expect(response.status == 404)
            }
        }
    }
}
