import FlowEngine
import Foundation
import Testing

/// `authflow run --demo --param acr_values=…`: the policy asked for changes what the sign-on asks, and
/// the ID token's `acr` check says what was asked against what was satisfied.
@Suite struct RunAcrValuesTests {
    @Test func multiFactorMakesTheDemoUserTypeAnOTP() async throws {
        let result = try await AuthflowProcess.run(
            ["run", "--demo", "--param", "acr_values=Multi_Factor", "--device", "EMAIL"],
            environment: ["AUTHFLOW_OTP": "428913"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.contains("Select the MFA device"))
        #expect(result.standardOutput.contains("Check the one-time password"))
        #expect(result.standardOutput.contains(#"acr "Multi_Factor" is one of those requested"#))
    }

    @Test func anUnknownPolicyFailsAtAuthorizeNamingIt() async throws {
        let result = try await AuthflowProcess.run(["run", "--demo", "--param", "acr_values=Gold_Policy"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("invalid_request"))
        #expect(result.standardError.contains("Gold_Policy"))
    }
}
