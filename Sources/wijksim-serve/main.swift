import ArgumentParser
import Foundation
import WijkSimModel

// Exit statuses as in `wijksim` (CONTRACT §4): 0 success, 1 a failure while
// running, 2 bad input (including usage errors).
do {
    var command = try Serve.parseAsRoot()
    try command.run()
    exit(0)
} catch let error as BadInput {
    FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
    exit(2)
} catch let error as RunFailure {
    FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
    exit(1)
} catch {
    let code = Serve.exitCode(for: error)
    let message = Serve.fullMessage(for: error)
    if code == .success {
        print(message)
        exit(0)
    }
    FileHandle.standardError.write(Data("error: \(message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message)\n".utf8))
    exit(2)
}
