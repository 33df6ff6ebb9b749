import Foundation
import Testing

/// The `openchat-probe` executable, run as a user would, checked by exit code and output.
struct CommandLineTests {
    /// Runs the probe binary built next to the test bundle; nil when it was not built.
    static func run(_ arguments: [String], timeoutSeconds: Double = 60) throws -> (status: Int32, stdout: String, stderr: String)? {
        guard let binary = ProbeRun.binary() else { return nil }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            Issue.record("openchat-probe \(arguments) did not finish within \(timeoutSeconds) s")
        }
        process.waitUntilExit()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, stdout, stderr)
    }

    @Test("connect prints the handshake and shows the upgrade to WebSocket")
    func connectUpgrades() throws {
        guard let url = TestServers.require(TestServers.reference, "OPENCHAT_REF_URL"),
              let result = try Self.run(["connect", url]) else { return }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("upgrades=[\"websocket\"]"))
        #expect(result.stdout.contains("pingInterval=25000ms pingTimeout=20000ms maxPayload=1000000"))
        #expect(result.stdout.contains("in use websocket (upgraded in"))
        #expect(result.stdout.contains("event         usernames"))
    }

    @Test("connect --transport polling stays on polling")
    func connectPolling() throws {
        guard let url = TestServers.require(TestServers.reference, "OPENCHAT_REF_URL"),
              let result = try Self.run(["connect", url, "--transport", "polling", "--json"]) else { return }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"transport\":\"polling\""))
        #expect(result.stdout.contains("\"requestedTransport\":\"polling\""))
    }

    @Test("an unreachable target exits 3 with libcurl's reason")
    func unreachable() throws {
        guard let result = try Self.run(["connect", "http://127.0.0.1:1", "--timeout", "3000"]) else { return }
        #expect(result.status == 3)
        #expect(result.stderr.contains("Couldn't connect"))
    }

    @Test("a refused namespace exits 3 with the server's own message")
    func refusedNamespace() throws {
        guard let url = TestServers.require(TestServers.asgi, "OPENCHAT_ASGI_URL"),
              let result = try Self.run(["connect", url, "--namespace", "/private"]) else { return }
        #expect(result.status == 3)
        #expect(result.stderr.contains("nope"))
    }

    @Test("bad usage exits 2 and says what is wrong", arguments: [
        (["connect", "ftp://x"], "scheme 'ftp'"),
        (["connect", "http://127.0.0.1:1", "--transport", "carrier-pigeon"], "carrier-pigeon"),
        (["connect", "http://127.0.0.1:1", "--auth", "{nope"], "--auth is not valid JSON"),
        (["connect", "http://127.0.0.1:1", "--header", "NoColon"], "expected 'Name: value'"),
        (["hold", "http://127.0.0.1:1", "--connections", "0"], "--connections must be"),
        (["frobnicate"], "frobnicate"),
    ])
    func badUsage(arguments: [String], expected: String) throws {
        guard let result = try Self.run(arguments) else { return }
        #expect(result.status == 2)
        #expect(result.stderr.contains(expected), "stderr: \(result.stderr)")
    }
}

/// `validate` and `report`, run as a user would.
struct ScenarioAndReportCommandTests {
    static var scenarios: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios")
    }

    @Test("validate accepts the shipped scenarios")
    func validateShipped() throws {
        let files = ["basic", "polling", "churn", "burst", "load", "soak"].map { Self.scenarios.appendingPathComponent("\($0).json").path }
        guard let result = try CommandLineTests.run(["validate"] + files) else { return }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: ": ok: ").count == 7)
    }

    @Test("validate reports every problem with its JSON path and exits 2")
    func validateBad() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("oc-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.json")
        try Data(#"{"name": "bad", "phases": [{"users": 0}], "groups": [{"flow": ["connect", {"sned": "x"}]}]}"#.utf8).write(to: file)
        guard let result = try CommandLineTests.run(["validate", file.path]) else { return }
        #expect(result.status == 2)
        #expect(result.stderr.contains("$.phases[0].users"))
        #expect(result.stderr.contains("$.groups[0].flow[1]"))
        #expect(result.stderr.contains("did you mean"))
    }

    @Test("report renders the other files again from report.json; a foreign JSON exits 2")
    func reportRerenders() throws {
        guard let url = TestServers.require(TestServers.reference, "OPENCHAT_REF_URL") else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("oc-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("run").path
        guard let run = try CommandLineTests.run(["run", Self.scenarios.appendingPathComponent("basic.json").path, "--target", url, "--out", first, "--quiet"]) else { return }
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        let second = directory.appendingPathComponent("again").path
        guard let again = try CommandLineTests.run(["report", first + "/report.json", "--out", second]) else { return }
        #expect(again.status == 0, "\(again.stderr)")
        for name in ["summary.md", "report.html", "junit.xml", "report.json"] {
            #expect(FileManager.default.fileExists(atPath: second + "/" + name), "\(name) missing")
        }
        let original = try String(contentsOfFile: first + "/summary.md", encoding: .utf8)
        let rendered = try String(contentsOfFile: second + "/summary.md", encoding: .utf8)
        #expect(original == rendered)
        let foreign = directory.appendingPathComponent("foreign.json")
        try Data(#"{"hello": "world"}"#.utf8).write(to: foreign)
        guard let bad = try CommandLineTests.run(["report", foreign.path]) else { return }
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("schema"))
    }
}

/// Ctrl-C during `run`, sent the moment the run announces itself (a script would): the users are
/// dropped, a partial report marked aborted is written, and the exit status is 130.
struct InterruptedRunTests {
    @Test("SIGINT right after the run starts: exit 130 and a report marked aborted", arguments: 0..<3)
    func interrupt(attempt: Int) throws {
        guard let binary = ProbeRun.binary() else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("output.txt")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }

        let process = Process()
        process.executableURL = binary
        // No target: the embedded Swift server, so no outside server is needed.
        process.arguments = ["run", ScenarioAndReportCommandTests.scenarios.appendingPathComponent("soak.json").path,
                             "--out", folder.appendingPathComponent("report").path, "--quiet"]
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        var deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline,
              !((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("openchat-probe: running") {
            Thread.sleep(forTimeInterval: 0.005)
        }
        process.interrupt()
        deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            Issue.record("the run did not stop within 30 s of SIGINT")
            process.terminate()
        }
        process.waitUntilExit()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(process.terminationReason == .exit && process.terminationStatus == 130, "status \(process.terminationStatus)\n\(output)")
        let reportFile = folder.appendingPathComponent("report/report.json")
        let report = (try? Data(contentsOf: reportFile)).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        let status = (report?["run"] as? [String: Any])?["status"] as? String
        #expect(status == "aborted", "run.status = \(status ?? "no report")\n\(output)")
    }
}
