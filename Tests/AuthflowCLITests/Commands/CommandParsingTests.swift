import ArgumentParser
import FlowEngine
import PingOneSimulator
import Testing

@testable import AuthflowCLI

/// The commands as `authflow` parses them: which one runs, and with what.
@Suite struct CommandParsingTests {
    @Test func noSubcommandOpensTheTerminalUI() throws {
        let command = try Authflow.parseAsRoot(["--client-id", "app"])
        let interactive = try #require(command as? InteractiveCommand)
        #expect(interactive.flowOptions.clientID == "app")
        #expect(!interactive.demoOptions.demo)
        #expect(try Authflow.parseAsRoot(["tui"]) is InteractiveCommand)
    }

    @Test func eachSubcommandIsReachedByName() throws {
        #expect(try Authflow.parseAsRoot(["run", "--demo"]) is RunCommand)
        #expect(try Authflow.parseAsRoot(["demo"]) is DemoCommand)
        #expect(try Authflow.parseAsRoot(["decode", "a.b.c"]) is DecodeCommand)
        #expect(try Authflow.parseAsRoot(["simulate"]) is SimulateCommand)
    }

    @Test func runReadsItsFollowUpsInOrder() throws {
        let command = try RunCommand.parse([
            "--demo", "--demo-app", "spa", "--fault", "wrongNonce", "--then", "userinfo, Introspect,refresh,sign-off",
            "--json",
        ])
        #expect(command.demoOptions.demo)
        #expect(command.demoOptions.demoApp == .spa)
        #expect(command.demoOptions.faults == [.wrongNonce])
        #expect(command.followUps?.steps == [.userInfo, .introspect, .refresh, .signOff])
        #expect(command.json)
    }

    @Test func anUnknownFollowUpIsRefused() throws {
        do {
            _ = try RunCommand.parse(["--then", "userinfo,logout"])
            Issue.record("--then logout was accepted")
        } catch {
            #expect(RunCommand.exitCode(for: error) == .validationFailure)
            #expect(RunCommand.message(for: error).contains("--then"), "\(RunCommand.message(for: error))")
        }
    }

    @Test func anUnknownFaultIsRefusedAndTheKnownOnesAreListed() throws {
        do {
            _ = try DemoCommand.parse(["--fault", "meltdown"])
            Issue.record("--fault meltdown was accepted")
        } catch {
            let message = DemoCommand.message(for: error)
            #expect(DemoCommand.exitCode(for: error) == .validationFailure)
            #expect(message.contains("meltdown"), "\(message)")
        }
        #expect(SimulatorFaultArgument.allValueStrings == SimulatorFault.allCases.map(\.rawValue))
        #expect(SimulatorFaultArgument.list.contains("wrongNonce: "))
    }

    @Test func runsOptionsAreValidatedThroughItsOptionGroup() throws {
        do {
            _ = try RunCommand.parse(["--browser", "--paste"])
            Issue.record("--browser --paste was accepted")
        } catch {
            #expect(RunCommand.exitCode(for: error) == .validationFailure)
            #expect(RunCommand.message(for: error).contains("--browser and --paste"))
        }
    }

    @Test(arguments: [-1, 65536])
    func simulateRefusesAPortOutOfRange(port: Int) throws {
        do {
            _ = try SimulateCommand.parse(["--port=\(port)"])
            Issue.record("--port \(port) was accepted")
        } catch {
            #expect(SimulateCommand.exitCode(for: error) == .validationFailure)
            #expect(SimulateCommand.message(for: error).contains("--port takes 0 to 65535."))
        }
        #expect(try SimulateCommand.parse(["--port", "65535"]).port == 65535)
    }

    /// `demo` builds the options `run --demo` parses; every one of them must be readable.
    @Test func demoHandsOverEveryDemoOption() throws {
        let options = try DemoCommand.parse(["--custom-domain", "--fault", "slowToken", "--demo-app", "spa"])
            .demoOptions
        #expect(options.demo)
        #expect(options.customDomain)
        #expect(options.demoApp == .spa)
        #expect(options.faults == [.slowToken])
        let plain = try DemoCommand.parse([]).demoOptions
        #expect(!plain.customDomain)
        #expect(plain.faults.isEmpty)
    }
}
