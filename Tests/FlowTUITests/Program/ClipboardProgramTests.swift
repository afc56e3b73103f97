import Foundation
import Testing

@testable import FlowTUI

@Suite("Clipboard program")
struct ClipboardProgramTests {
    @Test func theTextGoesToTheProgramsStandardInput() async throws {
        let file = NSTemporaryDirectory() + "authflow-clipboard-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let program = ClipboardProgram(name: "fake", executable: "/bin/sh", arguments: ["-c", "cat > '\(file)'"])
        let text = "eyJhbGciOiJSUzI1NiJ9.payload.signature\nsecond line é"
        #expect(await program.copy(text) == nil)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == text)
    }

    @Test func aFailingOrHangingProgramIsReportedNotWaitedFor() async {
        let failing = ClipboardProgram(
            name: "fake", executable: "/bin/sh", arguments: ["-c", "cat >/dev/null; exit 3"])
        #expect(await failing.copy("x") == "exit status 3")
        let hanging = ClipboardProgram(name: "fake", executable: "/bin/sh", arguments: ["-c", "exec sleep 30"])
        #expect(await hanging.copy("x") == "no answer within 3 s")
        let missing = ClipboardProgram(name: "fake", executable: "/nonexistent/xclip", arguments: [])
        #expect(await missing.copy("x")?.hasPrefix("could not start") == true)
    }

    @Test func detectionNeedsADisplayAndTheProgramOnPath() throws {
        let directory = NSTemporaryDirectory() + "authflow-path-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let xclip = directory + "/xclip"
        FileManager.default.createFile(
            atPath: xclip, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        #expect(ClipboardProgram.detect(environment: ["PATH": directory]) == nil, "no display, no program")
        let found = ClipboardProgram.detect(environment: ["PATH": directory, "DISPLAY": ":0"])
        #expect(
            found == ClipboardProgram(name: "xclip", executable: xclip, arguments: ["-selection", "clipboard", "-in"]))
    }
}
