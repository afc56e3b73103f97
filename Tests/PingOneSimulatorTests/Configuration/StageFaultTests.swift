import Crypto
import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// The faults a presenter arms while the simulator runs (the demo's `F`): each changes the next
/// request it concerns, and clearing it restores the normal answer.
@Suite("Stage faults", .timeLimit(.minutes(2)))
struct StageFaultTests {
    private func detailCode(_ response: HTTPResult) throws -> String? {
        (try response.json()["details"] as? [[String: Any]])?.first?["code"] as? String
    }

    @Test func wrongPasswordRefusesTheRightPasswordUntilCleared() async throws {
        try await SimulatorHarness.run { harness in
            await harness.simulator.setFaults([.wrongPassword])
            let (flowID, st) = try await harness.startFlow()
            let refused = try await harness.checkPassword(flowID: flowID, sessionToken: st)
            #expect(refused.status == 400)
            #expect(try detailCode(refused) == "INVALID_CREDENTIALS")
            await harness.simulator.setFaults([])
            let accepted = try await harness.checkPassword(flowID: flowID, sessionToken: st)
            #expect(accepted.status == 200)
        }
    }

    @Test func lockedOutNamesTheSecondsUntilUnlock() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            await harness.simulator.setFaults([.lockedOut])
            let refused = try await harness.checkPassword(flowID: flowID, sessionToken: st)
            #expect(refused.status == 400)
            let detail = try #require((try refused.json()["details"] as? [[String: Any]])?.first)
            #expect(detail["code"] as? String == "PASSWORD_LOCKED_OUT")
            #expect((detail["innerError"] as? [String: Any])?["secondsUntilUnlock"] as? Int == 60)
        }
    }

    @Test func mfaRequiredAsksTheDemoUserForADevice() async throws {
        try await SimulatorHarness.run { harness in
            let (flowID, st) = try await harness.startFlow()
            await harness.simulator.setFaults([.mfaRequired])
            let checked = try await harness.checkPassword(flowID: flowID, sessionToken: st)
            #expect(checked.status == 200)
            let body = try checked.json()
            #expect(body["status"] as? String == "DEVICE_SELECTION_REQUIRED")
            let devices = try #require((body["_embedded"] as? [String: Any])?["devices"] as? [[String: Any]])
            #expect(devices.count == 2)
            // Without the fault the same user signs on with no second factor.
            await harness.simulator.setFaults([])
            let (otherFlow, otherST) = try await harness.startFlow()
            let plain = try await harness.checkPassword(flowID: otherFlow, sessionToken: otherST)
            #expect(try plain.json()["status"] as? String == "COMPLETED")
        }
    }

    @Test func redirectURIMismatchRefusesARegisteredURI() async throws {
        try await SimulatorHarness.run { harness in
            await harness.simulator.setFaults([.redirectURIMismatch])
            let refused = try await harness.authorize(SimulatorHarness.authorizeParameters())
            #expect(refused.header("Location")?.contains("error") == true)
            #expect(refused.header("Location")?.contains("flowId") != true)
            await harness.simulator.setFaults([])
            let accepted = try await harness.authorize(SimulatorHarness.authorizeParameters())
            #expect(accepted.header("Location")?.contains("flowId") == true)
        }
    }

    @Test func expiredCodeNeedsNoWait() async throws {
        try await SimulatorHarness.run { harness in
            let code = try await harness.obtainCode()
            await harness.simulator.setFaults([.expiredCode])
            let refused = try await harness.exchange(code: code)
            #expect(refused.status == 400)
            #expect(try refused.json()["error"] as? String == "invalid_grant")
            #expect(try (refused.json()["error_description"] as? String)?.contains("expired") == true)
        }
    }

    @Test func pkceMismatchRefusesTheRightVerifier() async throws {
        try await SimulatorHarness.run { harness in
            let verifier = String(repeating: "v", count: 43)
            let challenge = Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            let pkce = [("code_challenge", challenge), ("code_challenge_method", "S256")]
            let first = try await harness.obtainCode(SimulatorHarness.authorizeParameters(extra: pkce))
            await harness.simulator.setFaults([.pkceMismatch])
            let refused = try await harness.exchange(code: first, extra: [("code_verifier", verifier)])
            #expect(refused.status == 400)
            #expect(try (refused.json()["error_description"] as? String)?.contains("PKCE") == true)
            await harness.simulator.setFaults([])
            let second = try await harness.obtainCode(SimulatorHarness.authorizeParameters(extra: pkce))
            let accepted = try await harness.exchange(code: second, extra: [("code_verifier", verifier)])
            #expect(accepted.status == 200)
        }
    }

    @Test func everyFaultHasASummary() {
        for fault in SimulatorFault.allCases {
            #expect(!fault.summary.isEmpty, "\(fault.rawValue)")
        }
    }
}
