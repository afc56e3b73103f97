import Foundation

/// Runs the built `authflow` binary to completion and collects what it printed.
enum AuthflowProcess {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The debug binary that `swift build` made.
    static let binary = packageRoot.appendingPathComponent(".build/debug/authflow")

    /// Runs authflow with these arguments and environment additions; standard input stays open and empty.
    static func run(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60) async throws
        -> Result
    {
        let process = try BackgroundProcess(binary, arguments, environment: environment)
        process.closeInput()
        let status = await process.waitForExit(timeout: timeout)
        return Result(status: status, standardOutput: process.standardOutput, standardError: process.standardError)
    }
}
