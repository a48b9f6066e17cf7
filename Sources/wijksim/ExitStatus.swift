import ArgumentParser
import Foundation
import WijkSimModel

/// Maps every outcome to the exit status of CONTRACT §4, in one place:
/// 0 success, 1 a failure while running, 2 bad input (including usage errors).
enum ExitStatus {
    static let success: Int32 = 0
    static let runFailure: Int32 = 1
    static let badInput: Int32 = 2

    static func main() -> Never {
        do {
            var command = try WijkSimCommand.parseAsRoot()
            try command.run()
            exit(success)
        } catch let error as BadInput {
            printError(error.description)
            exit(badInput)
        } catch let error as RunFailure {
            printError(error.message)
            exit(runFailure)
        } catch let error as CommandFailure {
            exit(error.status)
        } catch {
            let code = WijkSimCommand.exitCode(for: error)
            let message = WijkSimCommand.fullMessage(for: error)
            if code == .success {
                print(message)
                exit(success)
            }
            // argument-parser's own text starts with "Error: "; printError adds ours
            printError(message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message)
            exit(badInput)
        }
    }

    static func printError(_ message: String) {
        let text = message.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated().map { $0.offset == 0 ? "error: \($0.element)" : String($0.element) }
            .joined(separator: "\n")
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// A command that has already reported its problems and only sets the status.
struct CommandFailure: Error {
    var status: Int32
}
