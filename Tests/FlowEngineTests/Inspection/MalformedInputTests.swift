import Foundation
import Testing

@testable import FlowEngine

/// Malformed input gives a clear result, never a crash: every byte of a valid token changed in turn,
/// truncations, and hostile shapes.
@Suite struct MalformedInputTests {
    private let inspector = TokenInspector(keys: Sample.keySet, clientSecret: "secret")

    @Test func everySingleCharacterChangeIsParsedOrRejectedWithAReason() throws {
        let compact = try Sample.idToken()
        let characters = Array(compact)
        var verified = 0
        for index in characters.indices {
            for replacement in ["A", ".", "=", "+", "\u{1b}", "é"] as [Character] where characters[index] != replacement
            {
                var changed = characters
                changed[index] = replacement
                let inspection = inspector.inspect(String(changed), expecting: Sample.expectations())
                if inspection.isParsed {
                    #expect(inspection.parseError == nil)
                    if inspection.signature?.isVerified == true { verified += 1 }
                } else {
                    let error = try #require(inspection.parseError)
                    #expect(!error.description.isEmpty)
                    #expect(!inspection.isParsed)
                }
                _ = inspection.text
                _ = inspection.jsonValue.prettyText()
            }
        }
        // Only a change to the unused low bits of the last signature character can still verify.
        #expect(verified <= 1)
    }

    @Test func everyTruncationIsHandled() throws {
        let compact = try Sample.idToken()
        for length in 0..<compact.count {
            let inspection = inspector.inspect(String(compact.prefix(length)), expecting: Sample.expectations())
            #expect(inspection.signature?.isVerified != true)
            _ = inspection.text
        }
    }

    static let hostile: [String] = [
        ".", "..", "....", "a.b.c.d.e.f",
        Base64URL.encode(String(repeating: "[", count: 10_000)) + ".e30.",
        Base64URL.encode("{\"alg\":\"RS256\",\"alg\":\"none\"}") + ".e30.",
        Base64URL.encode("{\"alg\":null}") + ".e30.",
        Base64URL.encode("{\"alg\":\"ES256\"}") + ".e30." + Base64URL.encode([UInt8](repeating: 0, count: 64)),
        Base64URL.encode("{\"alg\":\"EdDSA\"}") + ".e30." + Base64URL.encode([UInt8](repeating: 0xFF, count: 7)),
        Base64URL.encode("{\"alg\":\"RS256\"}") + "."
            + Base64URL.encode("{\"exp\":1e999,\"iat\":-1e999,\"nbf\":\"x\",\"aud\":[1,2]}") + ".",
        Base64URL.encode("{\"alg\":\"HS256\",\"kid\":{\"x\":1}}") + ".e30.",
        Base64URL.encode([0xFF, 0xFE, 0x00]) + ".e30.",
    ]

    @Test(arguments: hostile)
    func hostileShapesAreReported(input: String) {
        let inspection = inspector.inspect(input, expecting: Sample.expectations())
        #expect(inspection.isParsed || inspection.parseError != nil)
        #expect(inspection.signature?.isVerified != true)
        #expect(!inspection.passed)
        _ = inspection.text
        _ = inspection.jsonValue.prettyText()
    }
}
