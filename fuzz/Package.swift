// swift-tools-version:6.0
import PackageDescription

/// Fuzzers for wijksim's loaders and plugin host (issue 7, point 5), kept out
/// of the root package so that `swift test` never builds them. Build with
/// libFuzzer and AddressSanitizer (see README.md):
///
///     swift build -c debug --package-path fuzz \
///       -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
///
/// The modules under test come from the root package (its `WijkSimModules`
/// product), so their targets and build settings are declared once; the
/// sanitizer flags above instrument them along with the fuzzers.
let wijksim: Target.Dependency = .product(name: "WijkSimModules", package: "wijksim")

let package = Package(
    name: "wijksim-fuzz",
    dependencies: [
        .package(name: "wijksim", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: [wijksim, "CFuzzDriver"]),
        .executableTarget(name: "FuzzCSV", dependencies: [wijksim, "FuzzSupport"]),
        .executableTarget(name: "FuzzScenario", dependencies: [wijksim, "FuzzSupport"]),
        .executableTarget(name: "FuzzPlugin", dependencies: [wijksim, "FuzzSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
