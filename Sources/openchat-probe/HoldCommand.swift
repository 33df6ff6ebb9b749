import ArgumentParser
import Dispatch
import EngineIO
import Foundation
import SocketIOClient
import Transport

/// `openchat-probe hold URL --connections N`: opens N idle Engine.IO sessions from one process, keeps
/// them through heartbeats and reports how many stayed up and what each costs in memory.
struct HoldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hold",
        abstract: "Open many idle Engine.IO sessions from one process and measure memory per connection.",
        discussion: """
            Sessions do not send the Socket.IO CONNECT, so an OpenChat server broadcasts nothing \
            (a room of N users costs O(N^3) bytes of usernames broadcasts). \
            Exit codes: 0 all sessions stayed open; 1 some failed or dropped; 2 invalid usage; 3 none opened.
            """
    )

    @Argument(help: "The server's URL, e.g. http://127.0.0.1:8000")
    var url: String

    @OptionGroup var connection: ConnectionOptions

    @Option(name: .long, help: "How many sessions to open.")
    var connections: Int = 1_000

    @Option(name: .long, help: "How many sessions to start per 10 ms while ramping up.")
    var batch: Int = 50

    @Option(name: .long, help: "Seconds to hold the sessions once all are open.")
    var hold: Int = 10

    func validate() throws {
        guard (1...19_000).contains(connections) else {
            throw ValidationError("--connections must be 1...19000 (the open-file limit here is 20000), got \(connections)")
        }
        guard batch > 0 else { throw ValidationError("--batch must be positive") }
        guard hold >= 0 else { throw ValidationError("--hold must not be negative") }
    }

    func run() async throws {
        let limit = raiseOpenFileLimit()
        let runtime = try ClientRuntime(name: "openchat-hold")
        defer { runtime.shutdown() }
        let options = connection.engineOptions(url: url)
        let tally = HoldTally()
        let baseline = residentKilobytes()
        let started = MonotonicInstant.now()
        print("hold: opening \(connections) \(options.transport.rawValue) sessions to \(url) (open-file limit \(limit), RSS before \(baseline) KiB)")

        // Start sessions in batches on the loop, so the server's accept queue is not flooded.
        let count = connections
        let batch = self.batch
        let clients = HoldClients()
        await runtime.onLoop { multi in
            func startBatch(from index: Int) {
                let end = min(index + batch, count)
                for _ in index..<end {
                    var didOpen = false
                    let client = EngineIOClient(multi: multi, options: options) { event in
                        switch event {
                        case .opened:
                            didOpen = true
                            tally.opened()
                        case .closed(let reason, _):
                            if reason != .clientClose { tally.closed(reason.description, afterOpen: didOpen) }
                        default: break
                        }
                    }
                    clients.items.append(client)
                    client.open()
                }
                if end < count { multi.loop.schedule(afterMilliseconds: 10) { startBatch(from: end) } }
            }
            startBatch(from: 0)
        }

        // Wait until every session opened or failed (bounded).
        let deadline = Date().addingTimeInterval(Double(count) / 100 + 60)
        while tally.snapshot.opened + tally.snapshot.failed < count, Date() < deadline {
            try await Task.sleep(for: .milliseconds(200))
        }
        let rampSeconds = MonotonicInstant.now().milliseconds(since: started) / 1000
        let opened = tally.snapshot
        let afterOpen = residentKilobytes()
        print(String(format: "hold: %d open, %d failed after %.1f s; RSS %d KiB", opened.opened, opened.failed, rampSeconds, afterOpen))
        if opened.opened == 0 {
            throw CommandFailure(status: .unreachable, message: "no session opened: \(opened.firstError ?? "unknown error")")
        }
        if hold > 0 {
            print("hold: holding for \(hold) s (heartbeats keep running)")
            try await Task.sleep(for: .seconds(hold))
        }
        let held = tally.snapshot
        let afterHold = residentKilobytes()
        let perConnection = Double(afterHold - baseline) * 1024 / Double(max(held.opened - held.closedAfterOpen, 1))
        print(String(format: "hold: %d of %d still open after %d s; RSS %d KiB; %.1f KiB per connection (RSS growth / open sessions)",
                     held.opened - held.closedAfterOpen, count, hold, afterHold, perConnection / 1024))
        if let firstError = held.firstError { print("hold: first error: \(firstError)") }
        await runtime.onLoop { _ in
            for client in clients.items { client.close() }
        }
        try await Task.sleep(for: .milliseconds(500))
        if held.failed > 0 || held.closedAfterOpen > 0 {
            throw CommandFailure(status: .checkFailed, message: "\(held.failed) sessions failed to open and \(held.closedAfterOpen) closed while held")
        }
    }
}

/// The clients of a hold run; only touched on the loop thread (hence `@unchecked Sendable`).
final class HoldClients: @unchecked Sendable {
    var items: [EngineIOClient] = []
}

/// Counters shared between the loop and the command. `@unchecked Sendable`: guarded by `lock`.
final class HoldTally: @unchecked Sendable {
    struct Snapshot {
        var opened = 0
        var failed = 0
        var closedAfterOpen = 0
        var firstError: String?
    }

    private let lock = NSLock()
    private var state = Snapshot()

    var snapshot: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    func opened() {
        lock.lock()
        state.opened += 1
        lock.unlock()
    }

    func closed(_ reason: String, afterOpen: Bool) {
        lock.lock()
        if state.firstError == nil { state.firstError = reason }
        if afterOpen { state.closedAfterOpen += 1 } else { state.failed += 1 }
        lock.unlock()
    }
}

/// The process's resident set size in KiB, from /proc/self/status.
func residentKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
    return 0
}

/// Raises the soft open-file limit to the hard limit and returns it.
func raiseOpenFileLimit() -> Int {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return -1 }
    limit.rlim_cur = limit.rlim_max
    _ = setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    _ = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    return Int(limit.rlim_cur)
}
