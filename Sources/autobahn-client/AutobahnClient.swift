import Dispatch
import Foundation
import Transport
import WebSocket

/// Drives the Autobahn client test protocol with the project's own WebSocket layer:
/// `/getCaseCount`, then `/runCase?case=N&agent=A` for each case (echoing every message), then
/// `/updateReports?agent=A`. Usage: `autobahn-client ws://127.0.0.1:9001 [--agent NAME] [--cases N]`.
@main
enum AutobahnClient {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        var agent = "openchat-probe"
        var caseLimit: Int?
        var base: String?
        while !arguments.isEmpty {
            let argument = arguments.removeFirst()
            switch argument {
            case "--agent":
                guard !arguments.isEmpty else { fail("--agent needs a value") }
                agent = arguments.removeFirst()
            case "--cases":
                guard !arguments.isEmpty, let value = Int(arguments.removeFirst()), value > 0 else { fail("--cases needs a positive number") }
                caseLimit = value
            case "-h", "--help":
                print("usage: autobahn-client URL [--agent NAME] [--cases N]")
                exit(0)
            default:
                guard base == nil else { fail("unexpected argument '\(argument)'") }
                base = argument
            }
        }
        guard let base else { fail("missing URL (e.g. ws://127.0.0.1:9001)") }
        do {
            _ = try EndpointURL(parsing: base)
        } catch {
            fail("URL '\(base)': \(error)")
        }
        let driver: Driver
        do {
            driver = try Driver()
        } catch {
            fail("cannot start the event loop: \(error)")
        }
        let countText = driver.run(url: "\(base)/getCaseCount", echo: false)
        guard let countText, let count = Int(countText) else { fail("could not read the case count from \(base)/getCaseCount") }
        let total = min(count, caseLimit ?? count)
        print("autobahn-client: \(count) cases, running \(total) as agent '\(agent)'")
        let started = Date()
        for index in 1...max(total, 1) where total > 0 {
            _ = driver.run(url: "\(base)/runCase?case=\(index)&agent=\(agent)", echo: true)
            if index % 50 == 0 { print("autobahn-client: \(index)/\(total) cases") }
        }
        _ = driver.run(url: "\(base)/updateReports?agent=\(agent)", echo: false)
        print("autobahn-client: done in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        driver.shutdown()
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("autobahn-client: \(message)\n".utf8))
        exit(2)
    }
}

/// Runs one WebSocket connection at a time on an event loop.
///
/// `@unchecked Sendable`: `multi` and `connection` are only touched on the loop thread.
final class Driver: @unchecked Sendable {
    private let loop: EventLoop
    private var multi: CurlMulti?
    private var connection: WebSocketConnection?

    init() throws {
        loop = try EventLoop()
        loop.start(name: "autobahn")
        let ready = DispatchSemaphore(value: 0)
        loop.execute { [self] in
            self.multi = try? CurlMulti(loop: self.loop)
            ready.signal()
        }
        ready.wait()
    }

    /// Connects to `url`; echoes messages when `echo`, and returns the first text message received.
    func run(url: String, echo: Bool) -> String? {
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var firstText: String?
        loop.execute { [self] in
            guard let multi = self.multi else {
                done.signal()
                return
            }
            // Autobahn sends messages up to 16 MiB (group 9).
            let options = WebSocketConnectionOptions(
                configuration: WebSocketConfiguration(maxMessageSize: 64 << 20, maxFrameSize: 64 << 20),
                closeTimeoutMilliseconds: 3_000)
            let connection = WebSocketConnection(multi: multi, url: url, options: options) { [weak self] event in
                switch event {
                case .opened:
                    break
                case .message(let message, _):
                    if case .text(let text) = message, firstText == nil { firstText = text }
                    if echo { self?.connection?.send(message) }
                case .closed:
                    // Let the connection finish lingering on its own; the next case opens a new one.
                    done.signal()
                }
            }
            self.connection = connection
            connection.connect()
        }
        if done.wait(timeout: .now() + 120) == .timedOut {
            FileHandle.standardError.write(Data("autobahn-client: \(url) did not finish within 120 s\n".utf8))
            loop.execute { [self] in self.connection?.abort() }
        }
        return firstText
    }

    func shutdown() {
        let done = DispatchSemaphore(value: 0)
        loop.execute { [self] in
            self.connection = nil
            self.multi = nil
            done.signal()
        }
        done.wait()
        loop.shutdown()
    }
}
