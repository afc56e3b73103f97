import FlowEngine
import Foundation
import Testing

/// `authflow run --demo` walking the simulator's MFA and temporary-password users.
@Suite struct RunSignOnStateTests {
    @Test func theMFAUserSignsOnWithTheOTPFromTheEnvironment() async throws {
        let result = try await AuthflowProcess.run(
            ["run", "--demo", "--username", "mfa", "--json"], environment: ["AUTHFLOW_OTP": "428913"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let json = try JSONValue.parse(result.standardOutput)
        #expect(
            json["steps"]?.elements?.compactMap { $0["action_kind"]?.stringValue } == [
                "authorize.get", "flow.read", "flow.check_credentials", "flow.select_device", "flow.check_otp",
                "resume", "token.authorization_code", "jwks",
            ])
        // The OTP and the password are masked in the record.
        #expect(!result.standardOutput.contains("428913"))
        #expect(!result.standardOutput.contains("2Federate!"))
    }

    @Test func deviceChoosesTheTOTPDevice() async throws {
        let wrong = try await AuthflowProcess.run(
            ["run", "--demo", "--username", "mfa", "--device", "totp"], environment: ["AUTHFLOW_OTP": "428913"])
        #expect(wrong.status == 1)
        #expect(wrong.standardError.contains("INVALID_OTP"))
        #expect(wrong.standardError.contains("2 attempts left"))
        let right = try await AuthflowProcess.run(
            ["run", "--demo", "--username", "mfa", "--device", "TOTP"], environment: ["AUTHFLOW_OTP": "771204"])
        #expect(right.status == 0, "stderr: \(right.standardError)")
        #expect(right.standardOutput.contains("Select the MFA device"))
        #expect(right.standardOutput.contains("✓ tokens received"))
    }

    @Test func withoutAnOTPOrATerminalTheRunNamesTheVariable() async throws {
        let result = try await AuthflowProcess.run(["run", "--demo", "--username", "mfa"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("AUTHFLOW_OTP"))
    }

    @Test func theTemporaryPasswordUserChangesIt() async throws {
        let weak = try await AuthflowProcess.run(
            ["run", "--demo", "--username", "temp"], environment: ["AUTHFLOW_NEW_PASSWORD": "short"])
        #expect(weak.status == 1)
        #expect(weak.standardError.contains("password policy"))
        #expect(weak.standardError.contains("length"))
        let result = try await AuthflowProcess.run(
            ["run", "--demo", "--username", "temp"], environment: ["AUTHFLOW_NEW_PASSWORD": "Changed-5678"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.contains("Change the password"))
        #expect(result.standardOutput.contains("MUST_CHANGE_PASSWORD"))
        #expect(!result.standardOutput.contains("Changed-5678"))
        #expect(!result.standardOutput.contains("Temp-1234"))
    }

    @Test func thePushUserIsSignedOnAfterEachPollIsShown() async throws {
        let result = try await AuthflowProcess.run(["run", "--demo", "--username", "push", "--json"])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let json = try JSONValue.parse(result.standardOutput)
        #expect(
            json["steps"]?.elements?.compactMap { $0["action_kind"]?.stringValue } == [
                "authorize.get", "flow.read", "flow.check_credentials", "flow.poll_push", "flow.poll_push",
                "flow.poll_push", "resume", "token.authorization_code", "jwks",
            ])
    }

    @Test func anUnapprovedPushTimesOutWithTheWayOn() async throws {
        let result = try await AuthflowProcess.run(["run", "--demo", "--username", "pushtimeout"])
        #expect(result.status == 1)
        #expect(result.standardOutput.contains("Poll the push confirmation"))
        #expect(result.standardError.contains("PUSH_CONFIRMATION_TIMED_OUT"))
        #expect(result.standardError.contains("--browser"))
    }

    @Test func theLockedUserIsToldHowLongTheLockLasts() async throws {
        let result = try await AuthflowProcess.run(["run", "--demo", "--username", "locked"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("PASSWORD_LOCKED_OUT"))
        #expect(result.standardError.contains("the account stays locked for"))
    }

    @Test func theExpiredPasswordIsChanged() async throws {
        let result = try await AuthflowProcess.run(
            ["run", "--demo", "--username", "expired", "--json"], environment: ["AUTHFLOW_NEW_PASSWORD": "Renewed-5678"]
        )
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let json = try JSONValue.parse(result.standardOutput)
        let kinds = (json["steps"]?.elements ?? []).compactMap { $0["action_kind"]?.stringValue }
        #expect(kinds.contains("flow.change_password"))
        #expect(result.standardOutput.contains("PASSWORD_EXPIRED"))
        #expect(!result.standardOutput.contains("Renewed-5678"))
    }
}
