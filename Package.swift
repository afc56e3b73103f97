// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "authflow",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "authflow", targets: ["authflow"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // The benchmark (Benchmarks/, `bash Benchmarks/run.sh`); its malloc counters need the trait.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The ncursesw system library; only CursesTerminal imports it.
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // The flow as a value-type state machine, the runner, HTTP transports and JWT decoding. No UI.
        .target(
            name: "FlowEngine",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Model, update and render into an in-memory Canvas. No curses, no I/O.
        .target(name: "FlowTUI", dependencies: ["FlowEngine"]),
        // Copies the canvas to the screen and reads keys.
        .target(name: "CursesTerminal", dependencies: ["CNcursesw", "FlowTUI"]),
        // A PingOne-compatible authorization server on loopback, for the demo and the tests.
        .target(
            name: "PingOneSimulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The commands and their options: what `authflow` parses and runs, testable in process.
        .target(
            name: "AuthflowCLI",
            dependencies: [
                "FlowEngine", "FlowTUI", "CursesTerminal", "PingOneSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            plugins: ["BuildVersion"]
        ),
        // Writes `git describe` of the checkout into AuthflowCLI at build time, for `authflow --version`.
        .plugin(name: "BuildVersion", capability: .buildTool()),
        // Runs before the Swift runtime starts: keeps its crash backtracer from waiting for a key.
        .target(name: "AuthflowStart"),
        // The process's entry only: it runs AuthflowCLI's root command.
        .executableTarget(
            name: "authflow",
            dependencies: [
                "AuthflowCLI", "AuthflowStart",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What every test target shares: waiting off the cooperative pool, bounded waits, the demo's
        // values, the shared vectors, the simulator harness and the scripted loopback server.
        .target(
            name: "TestSupport",
            dependencies: [
                "FlowEngine", "PingOneSimulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/TestSupport"),
        // Fixtures are read from the source tree (#filePath), so snapshot tests can record them.
        .testTarget(
            name: "FlowEngineTests", dependencies: ["FlowEngine", "PingOneSimulator", "TestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "FlowTUITests", dependencies: ["FlowTUI", "FlowEngine", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "CursesTerminalTests", dependencies: ["CursesTerminal", "FlowTUI", "TestSupport"]),
        .testTarget(
            name: "PingOneSimulatorTests",
            dependencies: [
                "PingOneSimulator", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // The commands' parsing, validation and decode's input and output, in process.
        .testTarget(
            name: "AuthflowCLITests",
            dependencies: [
                "AuthflowCLI", "FlowEngine", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Render and scroll with a 1 MB body, in release (`bash Benchmarks/run.sh`; docs/performance.md).
        .executableTarget(
            name: "AuthflowBenchmarks",
            dependencies: ["FlowTUI", "FlowEngine", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/AuthflowBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The built binary, driven as a process (and in tmux).
        .testTarget(
            name: "authflowTests", dependencies: ["FlowEngine", "PingOneSimulator", "TestSupport"],
            exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)
