import Foundation
import Testing

/// What `make install` puts in place: the binary, the man page and the shell completions, from the
/// built binary; `authflow --version` from the build; and a man page that names every option.
@Suite struct InstallTests {
    /// `--version` prints the release number and, built from a git checkout, a commit that exists.
    @Test func versionNamesTheReleaseAndTheCommit() async throws {
        let result = try await AuthflowProcess.run(["--version"])
        #expect(result.status == 0)
        let line = result.standardOutput.trimmingCharacters(in: .newlines)
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        let number = try #require(parts.first)
        #expect(number.split(separator: ".").count == 3 && number.allSatisfy { $0.isNumber || $0 == "." }, "\(line)")
        let isCheckout = FileManager.default.fileExists(
            atPath: AuthflowProcess.packageRoot.appendingPathComponent(".git").path)
        guard isCheckout else {
            #expect(parts.count == 1, "\(line)")
            return
        }
        let git = try #require(parts.count == 2 ? parts[1] : nil, "no commit in \(line)")
        #expect(git.hasPrefix("(git ") && git.hasSuffix(")"), "\(line)")
        let description = git.dropFirst(5).dropLast()
        // `v1.2-3-gabc1234-dirty` or `abc1234-dirty`: the commit is after `-g`, or first.
        let withoutDirty = description.hasSuffix("-dirty") ? description.dropLast(6) : description
        let commit = withoutDirty.range(of: "-g").map { String(withoutDirty[$0.upperBound...]) } ?? String(withoutDirty)
        let verify = try BackgroundProcess(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["git", "-C", AuthflowProcess.packageRoot.path, "cat-file", "-e", "\(commit)^{commit}"])
        verify.closeInput()
        #expect(await verify.waitForExit(timeout: 30) == 0, "\(commit) is not a commit: \(verify.standardError)")
    }

    /// The words of `text`: letters, digits, `-` and `_`.
    static func words(_ text: String) -> Set<Substring> {
        Set(text.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
    }

    /// The built binary's subcommands, from its own help dump.
    static func subcommands() async throws -> [String] {
        let dump = try await AuthflowProcess.run(["--experimental-dump-help"])
        let tool = try #require(
            try JSONSerialization.jsonObject(with: Data(dump.standardOutput.utf8)) as? [String: Any])
        let command = try #require(tool["command"] as? [String: Any])
        return (command["subcommands"] as? [[String: Any]] ?? []).compactMap { $0["commandName"] as? String }
            .filter { $0 != "help" }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func eachCompletionScriptNamesEverySubcommand(shell: String) async throws {
        let subcommands = try await Self.subcommands()
        #expect(subcommands.contains("run") && subcommands.contains("simulate"), "\(subcommands)")
        let result = try await AuthflowProcess.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.standardError)")
        let words = Self.words(result.standardOutput)
        for subcommand in subcommands {
            #expect(words.contains(Substring(subcommand)), "\(shell) completion lacks \(subcommand)")
        }
        #expect(result.standardOutput.contains("client-id"), "\(shell) completion lacks --client-id")
    }

    /// docs/authflow.1 (made by `make man`) names every subcommand and every long option the built
    /// binary has: an option added without regenerating the page fails here.
    @Test func theManPageNamesEveryOption() async throws {
        let page = try String(
            contentsOf: AuthflowProcess.packageRoot.appendingPathComponent("docs/authflow.1"), encoding: .utf8)
        let dump = try await AuthflowProcess.run(["--experimental-dump-help"])
        #expect(dump.status == 0)
        let tool = try #require(
            try JSONSerialization.jsonObject(with: Data(dump.standardOutput.utf8)) as? [String: Any])
        let words = Self.words(page)
        var missing: [String] = []
        func walk(_ command: [String: Any]) {
            if let name = command["commandName"] as? String, !words.contains(Substring(name)) { missing.append(name) }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                    guard let long = name["name"] as? String, !["help", "version"].contains(long) else { continue }
                    if !page.contains("Fl -\(long)") { missing.append("--\(long)") }
                }
            }
            for subcommand in command["subcommands"] as? [[String: Any]] ?? [] { walk(subcommand) }
        }
        walk(try #require(tool["command"] as? [String: Any]))
        #expect(missing.isEmpty, "docs/authflow.1 lacks \(missing); run make man")
    }

    /// `make install-files` (install without the release build) into a DESTDIR, then `make uninstall`.
    @Test func makeInstallsAndUninstalls() async throws {
        let destination = FileManager.default.temporaryDirectory.appendingPathComponent("authflow-install-\(UUID())")
        defer { try? FileManager.default.removeItem(at: destination) }
        let variables = ["BUILD=debug", "DESTDIR=\(destination.path)", "PREFIX=/opt/authflow"]
        let install = try BackgroundProcess(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["make", "-s", "-C", AuthflowProcess.packageRoot.path, "install-files"] + variables)
        install.closeInput()
        #expect(await install.waitForExit(timeout: 120) == 0, "\(install.standardError)")
        let prefix = destination.appendingPathComponent("opt/authflow")
        let installed = [
            "bin/authflow", "share/man/man1/authflow.1", "share/bash-completion/completions/authflow",
            "share/zsh/site-functions/_authflow", "share/fish/vendor_completions.d/authflow.fish",
        ]
        for path in installed {
            let file = prefix.appendingPathComponent(path).path
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
            #expect(mode == (path.hasPrefix("bin/") ? 0o755 : 0o644), "\(path): \(String(mode, radix: 8))")
            #expect(((attributes[.size] as? NSNumber)?.intValue ?? 0) > 100, "\(path) is empty")
        }
        let bash = try String(
            contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/authflow"), encoding: .utf8)
        #expect(bash.contains("complete") && bash.contains("authflow"))
        let version = try BackgroundProcess(prefix.appendingPathComponent("bin/authflow"), ["--version"])
        version.closeInput()
        #expect(await version.waitForExit(timeout: 30) == 0)

        let uninstall = try BackgroundProcess(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["make", "-s", "-C", AuthflowProcess.packageRoot.path, "uninstall"] + variables)
        uninstall.closeInput()
        #expect(await uninstall.waitForExit(timeout: 60) == 0, "\(uninstall.standardError)")
        for path in installed {
            #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path) stays")
        }
    }

    /// A static release build has the runtime's backtracer beside it (scripts/place-backtracer.sh),
    /// and a runtime linked in looks for it only beside the path it was started by: `make
    /// install-files` puts both in libexec/authflow and makes bin/authflow a script that starts the
    /// binary there, and `make uninstall` takes them and the directory away again.
    @Test func theBacktracerBesideABuildIsInstalledInLibexec() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("authflow-build-\(UUID())")
        let destination = FileManager.default.temporaryDirectory.appendingPathComponent("authflow-install-\(UUID())")
        defer {
            try? FileManager.default.removeItem(at: scratch)
            try? FileManager.default.removeItem(at: destination)
        }
        let build = scratch.appendingPathComponent("debug")
        try FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: build.appendingPathComponent("authflow"), withDestinationURL: AuthflowProcess.binary)
        let backtracer = build.appendingPathComponent("swift-backtrace")
        try Data("#!/bin/sh\nexit 0\n".utf8).write(to: backtracer)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: backtracer.path)
        let variables = [
            "BUILD=debug", "BUILD_DIR=\(scratch.path)", "DESTDIR=\(destination.path)", "PREFIX=/opt/authflow",
        ]
        let install = try BackgroundProcess(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["make", "-s", "-C", AuthflowProcess.packageRoot.path, "install-files"] + variables)
        install.closeInput()
        #expect(await install.waitForExit(timeout: 120) == 0, "\(install.standardError)")
        let libexec = destination.appendingPathComponent("opt/authflow/libexec/authflow")
        for name in ["authflow", "swift-backtrace"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: libexec.appendingPathComponent(name).path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o755, "\(name)")
        }
        let script = try String(
            contentsOf: destination.appendingPathComponent("opt/authflow/bin/authflow"), encoding: .utf8)
        #expect(script.hasPrefix("#!/bin/sh") && script.contains("exec \"/opt/authflow/libexec/authflow/authflow\""))

        let uninstall = try BackgroundProcess(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["make", "-s", "-C", AuthflowProcess.packageRoot.path, "uninstall"] + variables)
        uninstall.closeInput()
        #expect(await uninstall.waitForExit(timeout: 60) == 0, "\(uninstall.standardError)")
        #expect(!FileManager.default.fileExists(atPath: libexec.path), "libexec/authflow stays")
    }
}
