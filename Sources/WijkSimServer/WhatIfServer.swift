import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import WijkSimWhatIf

/// `wijksim serve` over HTTP (Hummingbird 2): the page, `GET /api/scenario`
/// and `POST /api/run` (CONTRACT §13). The scenario is loaded before the
/// server starts; a run is simulated on a Dispatch thread, never on the
/// server's own threads, and at most as many runs go at once as there are
/// cores (the rest wait their turn, in order, and none is lost).
package enum WhatIfServer {
    /// Serves until SIGINT or SIGTERM, then returns. `started` gets the
    /// URL once the socket is bound (with port 0, the port the system chose).
    package static func run(_ session: WhatIfSession, host: String, port: Int,
                            started: @escaping @Sendable (String) -> Void) async throws {
        let page = ByteBuffer(string: WhatIfPage.html(session))
        let scenario = ByteBuffer(string: session.scenarioJSON())
        let gate = RunGate(cores: ProcessInfo.processInfo.activeProcessorCount)

        let router = Router()
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                     body: ResponseBody(byteBuffer: page))
        }
        router.get("/api/scenario") { _, _ in
            json(.ok, scenario)
        }
        router.post("/api/run") { request, _ in
            await answer(request, session: session, gate: gate)
        }

        var logger = Logger(label: "wijksim-serve")
        logger.logLevel = .error
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "wijksim"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? port
                let shown = host.contains(":") ? "[\(host)]" : host
                started("http://\(shown):\(bound)/")
            },
            logger: logger
        )
        try await app.runService()
    }

    static func json(_ status: HTTPResponse.Status, _ body: ByteBuffer) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: body))
    }

    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(status, ByteBuffer(string: WhatIfSession.errorJSON(message)))
    }

    /// Reads at most 64 KiB of body and checks it; answers a request asked
    /// before at once, else waits for a free core and runs it.
    static func answer(_ request: Request, session: WhatIfSession, gate: RunGate) async -> Response {
        let limit = WhatIfSession.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            return error(.badRequest, "the request body has \(length) bytes; at most \(limit) (64 KiB) are read")
        }
        var body = ByteBuffer()
        do {
            for try await piece in request.body {
                if body.readableBytes + piece.readableBytes > limit {
                    return error(.badRequest, "the request body is over \(limit) bytes (64 KiB), the most that is read")
                }
                var piece = piece
                body.writeBuffer(&piece)
            }
        } catch {
            return WhatIfServer.error(.badRequest, "the request body could not be read: \(error)")
        }
        let parsed: WhatIfRequest
        do {
            parsed = try session.request(Data(body.readableBytesView))
        } catch let problem as BadRequest {
            return error(.badRequest, problem.message)
        } catch {
            return WhatIfServer.error(.badRequest, "\(error)")
        }
        if let kept = session.keptAnswer(parsed) {
            var response = json(.ok, ByteBuffer(bytes: kept))
            if let name = HTTPField.Name("Server-Timing") { response.headers[name] = "cache;desc=hit" }
            return response
        }
        let threads = await gate.enter()
        defer { gate.leave() }
        let outcome: Result<([UInt8], String), Error> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result {
                    let start = DispatchTime.now().uptimeNanoseconds
                    let answer = try session.answer(parsed, threads: threads)
                    let ms = String(format: "%.1f", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                    return (answer.bytes, "answer;dur=\(ms), cache;desc=\(answer.cached ? "hit" : "miss"), threads;desc=\(threads)")
                })
            }
        }
        switch outcome {
        case let .success((text, timing)):
            // Server-Timing: where the time went, shown by a browser's developer tools
            var response = json(.ok, ByteBuffer(bytes: text))
            if let name = HTTPField.Name("Server-Timing") { response.headers[name] = timing }
            return response
        case let .failure(failure):
            // the request was well-formed, but the model failed for these
            // values (a plugin error, a NaN): the message says where
            return WhatIfServer.error(.unprocessableContent, "the run failed: \(failure)")
        }
    }
}

/// At most `cores` runs at once; the others wait in arrival order. A run
/// gets `cores / (running + waiting)` threads (at least 1): one request
/// alone uses every core, concurrent requests one each. The results do not
/// depend on the thread count.
final class RunGate: @unchecked Sendable {  // unchecked: every var is only touched under `lock`
    private let lock = NSLock()
    private let cores: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(cores: Int) { self.cores = max(1, cores) }

    /// Waits for a slot; returns the threads the run may use.
    func enter() async -> Int {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if running < cores {
                running += 1
                lock.unlock()
                continuation.resume()
            } else {
                waiting.append(continuation)
                lock.unlock()
            }
        }
        return lock.withLock { max(1, cores / max(1, running + waiting.count)) }
    }

    func leave() {
        lock.lock()
        if waiting.isEmpty {
            running -= 1
            lock.unlock()
        } else {
            // the slot passes straight to the next in line
            let next = waiting.removeFirst()
            lock.unlock()
            next.resume()
        }
    }
}
