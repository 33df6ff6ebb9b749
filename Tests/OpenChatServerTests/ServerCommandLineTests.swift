import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The `openchat-server` executable, run as a user would: its banner, the PORT variable, signals
/// and usage errors.
@Suite(.serialized)
struct ServerCommandLineTests {
    /// The binary built next to the test bundle; nil (a failure under CI) when it was not built.
    static var binary: URL? {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("openchat-server")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            if ProcessInfo.processInfo.environment["CI"].map({ !$0.isEmpty && $0 != "false" }) ?? false {
                Issue.record("openchat-server not built at \(binary.path): run swift build --build-tests")
            }
            return nil
        }
        return binary
    }

    /// Starts the server and returns it with its first output line.
    func launch(_ arguments: [String], environment: [String: String] = [:]) async throws -> (Process, String, Pipe)? {
        guard let binary = Self.binary else { return nil }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        var line = Data()
        let deadline = ContinuousClock.now + .seconds(20)
        while !line.contains(UInt8(ascii: "\n")) && ContinuousClock.now < deadline && process.isRunning {
            line.append(output.fileHandleForReading.availableData)
        }
        return (process, String(decoding: line, as: UTF8.self), output)
    }

    func waitForExit(_ process: Process, seconds: Int = 10) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while process.isRunning && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning {
            // Say what the process was doing: its state and wait channel from /proc.
            let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8))?
                .split(separator: "\n").filter { $0.hasPrefix("State") || $0.hasPrefix("Threads") || $0.hasPrefix("SigCgt") || $0.hasPrefix("SigIgn") } ?? []
            let wchan = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/wchan", encoding: .utf8)) ?? "?"
            Issue.record("openchat-server did not exit within \(seconds) s after the signal (\(status.joined(separator: "; ")); wchan \(wchan))")
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }

    /// The polling handshake from the server whose banner ends with its URL (`http://127.0.0.1:<port>/`).
    static func handshake(banner: String, path: String) async throws -> String {
        let port = banner.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines).dropLast()) }
        let found = try #require(port, "no port in the banner \(banner)")
        #expect(found != 0)
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let body = try await session.data(from: URL(string: "http://127.0.0.1:\(found)\(path)?EIO=4&transport=polling")!).0
        return String(decoding: body, as: UTF8.self)
    }

    @Test("prints its URL, serves the page, and exits 0 on SIGTERM and SIGINT", arguments: [SIGTERM, SIGINT])
    func bannerAndSignal(signal: Int32) async throws {
        guard let (process, banner, _) = try await launch(["--port", "0", "--ping-interval", "1", "--ping-timeout", "1"]) else { return }
        #expect(banner.hasPrefix("OpenChat Swift server on http://127.0.0.1:"), "\(banner)")
        #expect(try await Self.handshake(banner: banner, path: "/socket.io/").contains(#""pingTimeout":1000,"pingInterval":1000"#))
        kill(process.processIdentifier, signal)
        try await waitForExit(process)
        #expect(process.terminationStatus == 0)
    }

    @Test("--conformance serves the suites' setup: Engine.IO echo on /engine.io/ with pings every 0.3 s; other options still apply")
    func conformanceMode() async throws {
        guard let (process, banner, _) = try await launch(["--conformance", "--port", "0", "--ping-timeout", "0.25"]) else { return }
        defer { if process.isRunning { kill(process.processIdentifier, SIGTERM) } }
        #expect(banner.hasPrefix("Conformance server"), "\(banner)")
        #expect(try await Self.handshake(banner: banner, path: "/engine.io/").contains(#""pingTimeout":250,"pingInterval":300"#))
        kill(process.processIdentifier, SIGTERM)
        try await waitForExit(process)
        #expect(process.terminationStatus == 0)
    }

    @Test("PORT from the environment is used when --port is absent")
    func portFromEnvironment() async throws {
        guard let (process, banner, _) = try await launch([], environment: ["PORT": "0"]) else { return }
        #expect(banner.hasPrefix("OpenChat Swift server on http://127.0.0.1:"), "\(banner)")
        #expect(!banner.contains(":8000/"))
        kill(process.processIdentifier, SIGTERM)
        try await waitForExit(process)
    }

    @Test("usage errors exit 64 with a message", arguments: [
        ["--ping-interval", "0"], ["--port", "70000"], ["--max-payload", "1"], ["--bogus"], ["--connect-timeout", "0"],
    ])
    func usageErrors(arguments: [String]) async throws {
        guard let (process, _, output) = try await launch(arguments) else { return }
        try await waitForExit(process)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 64, "\(text)")
    }
}
