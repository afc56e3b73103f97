import Foundation
import PackagePlugin

/// Before each build of the target, writes `BuildVersion.swift` with `git describe` of the checkout
/// the package is built from (nil when it is not a git checkout or git is missing), so
/// `authflow --version` names the commit it was built from. The file is rewritten only when the
/// description changes, so an unchanged checkout recompiles nothing.
@main
struct BuildVersionPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("Generated")
        let script = #"""
            out="$1/BuildVersion.swift"
            mkdir -p "$1"
            description=$(git -C "$2" describe --tags --always --dirty 2>/dev/null || true)
            case "$description" in *[!A-Za-z0-9._+-]*) description="" ;; esac
            if [ -n "$description" ]; then value="\"$description\""; else value=nil; fi
            text="// Written by the BuildVersion plugin at build time.
            extension AuthflowVersion {
                /// \`git describe --tags --always --dirty\` of the checkout this was built from, if any.
                static let gitDescription: String? = $value
            }"
            if [ ! -f "$out" ] || [ "$(cat "$out")" != "$text" ]; then printf '%s\n' "$text" > "$out"; fi
            """#
        return [
            .prebuildCommand(
                displayName: "Stamping authflow's version with git describe",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "sh", output.path, context.package.directoryURL.path],
                outputFilesDirectory: output)
        ]
    }
}
