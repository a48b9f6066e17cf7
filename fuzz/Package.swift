// swift-tools-version:6.0
import PackageDescription

/// Fuzzers for wijksim's loaders and plugin host (issue 7, point 5), kept out
/// of the root package so that `swift test` never builds them. Build with
/// libFuzzer and AddressSanitizer (see README.md):
///
///     swift build -c debug --package-path fuzz \
///       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
///
/// The root package exports only the `wijksim` executable, so the modules
/// under test come in through symbolic links to ../Sources (same files,
/// built here with fuzzer instrumentation) rather than as a path dependency.
let package = Package(
    name: "wijksim-fuzz",
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        .target(
            name: "CVectorMath",
            cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off", "-fno-math-errno"])],
            linkerSettings: [.linkedLibrary("mvec", .when(platforms: [.linux])), .linkedLibrary("m")]
        ),
        .target(name: "WijkSimModel"),
        .target(name: "WijkSimLua", dependencies: ["CLua", "CLuaShim", "CVectorMath", "WijkSimModel"]),
        .target(name: "WijkSimLoad", dependencies: ["WijkSimModel", "WijkSimLua", "Yams"]),
        .target(name: "WijkSimEngine", dependencies: ["CVectorMath", "WijkSimModel", "WijkSimLua"]),
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["WijkSimModel", "CFuzzDriver"]),
        .executableTarget(name: "FuzzCSV", dependencies: ["WijkSimLoad", "FuzzSupport"]),
        .executableTarget(name: "FuzzScenario", dependencies: ["WijkSimLoad", "WijkSimEngine", "FuzzSupport"]),
        .executableTarget(name: "FuzzPlugin", dependencies: ["WijkSimLua", "WijkSimModel", "FuzzSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
