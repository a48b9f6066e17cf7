import CFuzzDriver
import Foundation
@testable import WijkSimModel

/// What every fuzzer checks besides "does not crash": bad input is `BadInput`
/// whose every problem names a file (and says something), nothing else is
/// thrown. A broken expectation traps, which libFuzzer reports as a crash
/// with the input that caused it.
public enum FuzzOracle {
    public static func expectLocated(_ error: Error, file: StaticString = #file, line: UInt = #line) {
        guard let bad = error as? BadInput else {
            fatalError("expected BadInput, got \(type(of: error)): \(error)", file: file, line: line)
        }
        precondition(!bad.diagnostics.isEmpty, "BadInput without a problem", file: file, line: line)
        for d in bad.diagnostics {
            precondition(!d.message.isEmpty, "a problem without a message: \(bad)", file: file, line: line)
            precondition(d.location != nil || d.message.contains(".lua") || d.message.contains(".yaml") || d.message.contains(".csv"),
                         "a problem without a location: \(d.message)", file: file, line: line)
        }
    }
}

/// A private folder in /dev/shm (or the temporary folder) that the fuzzers
/// write their input files into: the loaders under test read files.
public final class FuzzFolder {
    public let path: String

    public init(_ name: String) {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm/" : NSTemporaryDirectory()
        path = base + "wijksim-\(name)-\(getpid())"
        try? FileManager.default.removeItem(atPath: path)
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @discardableResult
    public func write(_ relative: String, _ bytes: Data) -> String {
        let full = path + "/" + relative
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full, contents: bytes)
        return full
    }

    @discardableResult
    public func write(_ relative: String, _ text: String) -> String { write(relative, Data(text.utf8)) }
}

/// Splits fuzz input into parts at lines that read `%%` (so one input can
/// hold two files); the parts keep their bytes exactly.
public func splitParts(_ data: Data, limit: Int) -> [Data] {
    var parts: [Data] = []
    var start = data.startIndex
    let marker = Data("\n%%\n".utf8)
    while parts.count < limit - 1, let range = data.range(of: marker, in: start..<data.endIndex) {
        parts.append(data[start..<range.lowerBound])
        start = range.upperBound
    }
    parts.append(data[start..<data.endIndex])
    return parts
}

/// The body of a fuzzer's entry point (`<Target>_main`, which SwiftPM links
/// as `main`): hands the command line and the function under test to libFuzzer.
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                      _ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    wijksim_fuzz_run(argc, argv, testOneInput)
}
