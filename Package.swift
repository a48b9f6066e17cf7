// swift-tools-version:6.0
import PackageDescription

/// Modules follow the data flow: scenario → plan → engine → results → writers.
/// `CLua`/`CLuaShim` bring the system Lua 5.4 and `CVectorMath` SIMD exp/pow;
/// above `WijkSimLua` only the report sees C (`CFixedPoint`, printf's numbers).
let package = Package(
    name: "wijksim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "wijksim", targets: ["wijksim"]),
        .executable(name: "wijksim-serve", targets: ["wijksim-serve"]),
        // for the fuzzers (fuzz/Package.swift), which build these modules with libFuzzer's instrumentation
        .library(name: "WijkSimModules", targets: ["WijkSimModel", "WijkSimLua", "WijkSimLoad", "WijkSimEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // already dependencies of Hummingbird; named for the server's logger, socket address and headers
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        .target(
            name: "CLuaShim",
            dependencies: ["CLua"],
            cSettings: [.unsafeFlags(["-O3"])]
        ),
        .target(
            name: "CVectorMath",
            cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off", "-fno-math-errno"])],
            linkerSettings: [.linkedLibrary("mvec", .when(platforms: [.linux])), .linkedLibrary("m")]
        ),
        // printf's fixed-point numbers for the report and summaries, without Swift's run-time va_list
        .target(name: "CFixedPoint"),
        .target(name: "WijkSimModel"),
        .target(name: "WijkSimFiles", dependencies: ["WijkSimModel"]),
        // The engine's inner loops touch class properties per vector
        // operation: release builds leave out the dynamic exclusivity checks
        // there (swift_beginAccess and its access set were 4.6 % of a
        // Groningen run's samples); debug builds and tests keep them.
        .target(name: "WijkSimLua", dependencies: ["CLua", "CLuaShim", "CVectorMath", "WijkSimModel"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(name: "WijkSimLoad", dependencies: ["WijkSimModel", "WijkSimFiles", "WijkSimLua", "Yams"]),
        .target(name: "WijkSimEngine", dependencies: ["CVectorMath", "WijkSimModel", "WijkSimLua"],
                swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(name: "WijkSimReport", dependencies: ["CFixedPoint", "WijkSimModel", "WijkSimFiles", "WijkSimEngine"]),
        .target(name: "WijkSimRuleTesting", dependencies: ["WijkSimModel", "WijkSimLua", "WijkSimLoad"]),
        // `serve` (CONTRACT §13): requests, runs and the page, without HTTP, so
        // that its tests do not wait for the server framework…
        .target(name: "WijkSimWhatIf", dependencies: ["WijkSimModel", "WijkSimFiles", "WijkSimLoad", "WijkSimEngine", "WijkSimReport"]),
        // …and the HTTP server (Hummingbird), the only module that needs it
        .target(
            name: "WijkSimServer",
            dependencies: [
                "WijkSimWhatIf",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .executableTarget(
            name: "wijksim",
            dependencies: [
                "WijkSimModel", "WijkSimFiles", "WijkSimLoad", "WijkSimEngine", "WijkSimReport", "WijkSimRuleTesting",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: staticRuntime + fixedAddress
        ),
        // `wijksim serve` starts this program: the HTTP framework is built
        // only by those who build the server, not by `swift run wijksim`
        .executableTarget(
            name: "wijksim-serve",
            dependencies: [
                "WijkSimModel", "WijkSimLoad", "WijkSimEngine", "WijkSimWhatIf", "WijkSimServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: staticRuntime
        ),
        .target(name: "WijkSimTestSupport", path: "Tests/WijkSimTestSupport"),
        .testTarget(name: "WijkSimLoadTests", dependencies: ["WijkSimLoad", "WijkSimTestSupport"]),
        .testTarget(name: "WijkSimLuaTests", dependencies: ["WijkSimLua", "WijkSimLoad", "WijkSimTestSupport"]),
        .testTarget(name: "WijkSimEngineTests", dependencies: ["WijkSimEngine", "WijkSimLoad", "WijkSimTestSupport"]),
        .testTarget(name: "WijkSimReportTests", dependencies: ["WijkSimReport", "WijkSimLoad", "WijkSimTestSupport"]),
        .testTarget(name: "WijkSimFilesTests", dependencies: ["WijkSimFiles", "WijkSimTestSupport"]),
        .testTarget(name: "WijkSimRuleTestingTests", dependencies: ["WijkSimRuleTesting", "WijkSimTestSupport"]),
        .testTarget(name: "WijkSimWhatIfTests", dependencies: ["WijkSimWhatIf", "WijkSimLoad", "WijkSimReport", "WijkSimTestSupport"]),
        .testTarget(name: "WijkSimCLITests", dependencies: ["wijksim", "wijksim-serve", "WijkSimTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

/// Release builds of the two programs carry the Swift runtime and Foundation
/// inside them instead of loading about twenty shared libraries (ICU's among
/// them) at every start: that loading was half of a one-draw run's 9 ms
/// (issue 20's fixed cost). Debug builds, which the tests use, stay dynamic
/// and link faster.
var staticRuntime: [LinkerSetting] {
    let foundation = ["Foundation", "FoundationInternationalization", "FoundationEssentials", "CoreFoundation", "_FoundationICU",
                      "_FoundationCShims", "_FoundationCollections", "swiftSynchronization", "swiftDispatch", "dispatch",
                      "BlocksRuntime", "stdc++", "m"]
    return [.unsafeFlags(["-static-stdlib", "-Xlinker", "--start-group"] + foundation.map { "-l" + $0 } + ["-Xlinker", "--end-group"],
                         .when(platforms: [.linux], configuration: .release))]
}

/// The command-line program is linked at a fixed address (not as a
/// position-independent executable): its 79,000 relative relocations, most
/// of them in the Swift runtime's metadata, were applied at every start,
/// page by page (`wijksim --version` 6.3 → 5.5 ms, 551 → 370 page faults;
/// issue 20's fixed cost). The server, which listens on a network port,
/// keeps its randomised address.
var fixedAddress: [LinkerSetting] {
    [.unsafeFlags(["-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release))]
}
