import Foundation

/// Paths and helpers shared by the test targets.
public enum TestPaths {
    /// The repository root (this file is Tests/WijkSimTestSupport/TestSupport.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func repo(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// A scratch folder that removes itself; tests write fixtures into it.
public final class ScratchFolder {
    public let path: String

    public init() {
        path = NSTemporaryDirectory() + "wijksim-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    public func write(_ relative: String, _ text: String) -> String {
        let full = path + "/" + relative
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        try! text.write(toFile: full, atomically: true, encoding: .utf8)
        return full
    }

    public func read(_ relative: String) -> String {
        (try? String(contentsOfFile: path + "/" + relative, encoding: .utf8)) ?? ""
    }
}

/// The outcome of running the built `wijksim` executable.
public struct CLIResult {
    public var stdout: String
    public var stderr: String
    public var status: Int32
}

/// Runs the `wijksim` executable that `swift build` put beside the test bundle
/// (or `executable`, say a shell that sets limits and then starts wijksim).
public func runCLI(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                   executable: String? = nil) throws -> CLIResult {
    let process = Process()
    process.executableURL = executable.map { URL(fileURLWithPath: $0) } ?? wijksimExecutable
    process.arguments = arguments
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    let stderrData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIResult(stdout: String(decoding: stdoutData, as: UTF8.self),
                     stderr: String(decoding: stderrData, as: UTF8.self),
                     status: process.terminationStatus)
}

public var wijksimExecutable: URL {
    var folder = Bundle.main.bundleURL
    for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("wijksim")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder = folder.deletingLastPathComponent()
    }
    return root(".build/debug/wijksim")
}

private func root(_ relative: String) -> URL { TestPaths.root.appendingPathComponent(relative) }

/// |a − b| within a relative (or, near zero, absolute) tolerance.
public func isClose(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    a == b || abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
