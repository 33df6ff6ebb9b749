import Foundation
import Testing

/// `openchat-probe run` end to end: the shipped scenarios against real servers, plus the
/// exit codes for an unreachable target and an invalid scenario.
///
/// The runs of this suite and of ``ProbeRunTests/DefectDetectionTests`` are nested in one
/// serialized suite: they are load runs with latency thresholds, and several at once on a
/// small CI machine would measure each other.
@Suite("openchat-probe run", .serialized)
enum ProbeRunTests {}

extension ProbeRunTests {
    struct EndToEndRunTests {
        /// A server the shipped scenarios must pass against, by its variable (see scripts/servers.sh).
        /// `embedded` is no `--target` at all: the probe starts the Swift OpenChat server in-process.
        enum Server: String, CaseIterable, Sendable, CustomTestStringConvertible {
            case reference = "OPENCHAT_REF_URL"
            case asgi = "OPENCHAT_ASGI_URL"
            case embedded = ""
            var testDescription: String {
                switch self {
                case .reference: "reference"
                case .asgi: "asgi"
                case .embedded: "embedded Swift server"
                }
            }
        }

        @Test("a shipped scenario passes against a correct server", arguments: ["basic", "polling", "churn", "burst"], Server.allCases)
        func scenarioPasses(scenario: String, server: Server) throws {
            let url: String?
            if server == .embedded {
                url = nil
            } else {
                guard let found = TestServers.require(ProbeRun.environment(server.rawValue), server.rawValue) else { return }
                url = found
            }
            guard let scenarioFile = ProbeRun.shippedScenario(scenario),
                  let result = try ProbeRun.run(scenarioFile, target: url, label: "\(scenario)-\(server.rawValue.isEmpty ? "embedded" : server.testDescription)") else { return }
            if server == .embedded {
                let embedded = (result.report?["run"] as? [String: Any])?["targetEmbedded"] as? Bool
                #expect(embedded == true, "run.targetEmbedded = \(String(describing: embedded))\n\(result.diagnostics)")
            }
            let report = result.report
            let violations = report.flatMap { ProbeRun.int($0, "counts", "violations") }
            let status = report.flatMap { ProbeRun.string($0, "run", "status") }
            let missingFiles = ProbeRun.reportFiles.filter { !FileManager.default.fileExists(atPath: result.out.appendingPathComponent($0).path) }

            #expect(result.status == 0, "exit status \(result.status)\n\(result.diagnostics)")
            #expect(report != nil, "no readable report.json\n\(result.diagnostics)")
            #expect(violations == 0, "counts.violations = \(ProbeRun.describe(violations)); \(ProbeRun.violationSummary(report))\n\(result.diagnostics)")
            #expect(status == "passed", "run.status = \(status ?? "absent")\n\(result.diagnostics)")
            #expect(missingFiles.isEmpty, "missing report files: \(missingFiles)\n\(result.diagnostics)")
            if result.status == 0, violations == 0, status == "passed", missingFiles.isEmpty { result.discard() }
        }

        @Test("an unreachable target exits 3")
        func unreachableTarget() throws {
            guard let scenarioFile = ProbeRun.shippedScenario("basic"),
                  let result = try ProbeRun.run(scenarioFile, target: "http://127.0.0.1:1", label: "unreachable") else { return }
            #expect(result.status == 3, "exit status \(result.status)\n\(result.diagnostics)")
            if result.status == 3 { result.discard() }
        }

        @Test("an invalid scenario exits 2 and names the JSON path of the problem")
        func invalidScenario() throws {
            // basic.json with a number where the name goes: everything else stays valid, so the
            // one problem to report is at $.name whatever the rest of the format looks like.
            guard let basic = ProbeRun.shippedScenario("basic") else { return }
            let data = try Data(contentsOf: basic)
            guard var document = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                Issue.record("\(basic.path) is not a JSON object")
                return
            }
            document["name"] = 42
            let folder = try ProbeRun.makeFolder(label: "invalid-scenario")
            let file = folder.appendingPathComponent("invalid.json")
            try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys]).write(to: file)

            guard let result = try ProbeRun.run(file, target: "http://127.0.0.1:1", label: "invalid-scenario", folder: folder) else { return }
            #expect(result.status == 2, "exit status \(result.status)\n\(result.diagnostics)")
            #expect(result.stderr.contains("$.name"), "stderr does not name $.name:\n\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: result.out.appendingPathComponent("report.json").path),
                    "an invalid scenario must not produce a report")
            if result.status == 2, result.stderr.contains("$.name") { result.discard() }
        }
    }
}

/// Runs `openchat-probe run` as a user would (a child process, bounded in time) and reads what it wrote.
enum ProbeRun {
    /// A run must end within this many seconds, or the test fails.
    static let timeoutSeconds: Double = 90
    /// The files every finished run writes into --out.
    static let reportFiles = ["report.json", "summary.md", "report.html", "junit.xml"]

    /// The repository root, from this file's path (Tests/IntegrationTests/<file>).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// What one run produced.
    struct Result {
        /// The exit status (-1 when it had to be killed after the timeout, or died of a signal).
        var status: Int32
        var stdout: String
        var stderr: String
        /// The folder holding the --out folder and the captured output.
        var folder: URL
        /// The --out folder.
        var out: URL
        /// report.json as parsed, when it exists and is a JSON object.
        var report: [String: Any]?

        /// Where to look, for failure messages.
        var diagnostics: String {
            let tail = stderr.count > 2_000 ? "..." + String(stderr.suffix(2_000)) : stderr
            return "run folder: \(folder.path)\nstderr:\n\(tail)"
        }

        /// Deletes the run folder (done when the run was as expected; a failing run keeps it for inspection).
        func discard() {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// A variable of the environment, nil when unset or empty.
    static func environment(_ name: String) -> String? {
        let value = ProcessInfo.processInfo.environment[name]
        return (value?.isEmpty ?? true) ? nil : value
    }

    /// `Scenarios/<name>.json`, or nil after recording an issue when it does not exist.
    static func shippedScenario(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
        scenarioFile(repositoryRoot.appendingPathComponent("Scenarios").appendingPathComponent("\(name).json"), sourceLocation: sourceLocation)
    }

    /// A scenario file of the repository, or nil after recording an issue when it does not exist.
    static func scenarioFile(_ file: URL, sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
        if FileManager.default.fileExists(atPath: file.path) { return file }
        Issue.record("scenario \(file.path) does not exist", sourceLocation: sourceLocation)
        return nil
    }

    /// A fresh, empty folder in the temporary directory.
    static func makeFolder(label: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("openchat-probe-tests")
            .appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The probe binary built next to the test bundle; nil (an issue under CI) when it was not built.
    static func binary(sourceLocation: SourceLocation = #_sourceLocation) -> URL? {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let binary = directory.appendingPathComponent("openchat-probe")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            if TestServers.isCI {
                Issue.record("openchat-probe not built at \(binary.path): run swift build --build-tests", sourceLocation: sourceLocation)
            }
            return nil
        }
        return binary
    }

    /// `openchat-probe run <scenario> --target <target> --out <folder>/report --seed 1 --quiet`, in a fresh folder
    /// (or `folder`), within ``timeoutSeconds``. Nil when the binary is missing.
    static func run(_ scenario: URL, target: String?, label: String, folder: URL? = nil, seed: UInt64 = 1,
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> Result? {
        guard let binary = binary(sourceLocation: sourceLocation) else { return nil }
        let runFolder = try folder ?? makeFolder(label: label)
        let out = runFolder.appendingPathComponent("report")
        let stdoutFile = runFolder.appendingPathComponent("stdout.txt")
        let stderrFile = runFolder.appendingPathComponent("stderr.txt")
        // Files, not pipes: a chatty run cannot block on a full pipe buffer.
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        let stdoutHandle = try FileHandle(forWritingTo: stdoutFile)
        let stderrHandle = try FileHandle(forWritingTo: stderrFile)
        defer {
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }

        let process = Process()
        process.executableURL = binary
        process.arguments = ["run", scenario.path] + (target.map { ["--target", $0] } ?? []) + ["--out", out.path, "--seed", String(seed), "--quiet"]
        process.currentDirectoryURL = runFolder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        try process.run()

        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let status: Int32
        if process.isRunning {
            Issue.record("openchat-probe run \(scenario.lastPathComponent) --target \(target ?? "(embedded)") did not finish within \(Int(timeoutSeconds)) s",
                         sourceLocation: sourceLocation)
            process.terminate()
            let grace = Date().addingTimeInterval(10)
            while process.isRunning, Date() < grace { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { process.interrupt() }
            status = -1
        } else {
            process.waitUntilExit()
            status = process.terminationReason == .exit ? process.terminationStatus : -1
        }

        let stdout = (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? ""
        var report: [String: Any]?
        if let data = try? Data(contentsOf: out.appendingPathComponent("report.json")) {
            report = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        }
        return Result(status: status, stdout: stdout, stderr: stderr, folder: runFolder, out: out, report: report)
    }

    // MARK: - Reading report.json

    /// The number at `keys` (object members, outermost first) inside `object`.
    static func int(_ object: [String: Any], _ keys: String...) -> Int? {
        var current: Any? = object
        for key in keys { current = (current as? [String: Any])?[key] }
        return integer(current)
    }

    /// The string at `keys` inside `object`.
    static func string(_ object: [String: Any], _ keys: String...) -> String? {
        var current: Any? = object
        for key in keys { current = (current as? [String: Any])?[key] }
        return current as? String
    }

    /// A JSON number as an Int (JSONSerialization gives NSNumber, Int or Double depending on the platform).
    static func integer(_ value: Any?) -> Int? {
        if let value = value as? Int { return value }
        if let value = value as? NSNumber { return value.intValue }
        if let value = value as? Double, value.rounded() == value { return Int(value) }
        return nil
    }

    /// A number for failure messages ("absent" for nil).
    static func describe(_ value: Int?) -> String {
        value.map { String($0) } ?? "absent"
    }

    /// The entries of `checks`.
    static func checks(_ report: [String: Any]?) -> [[String: Any]] {
        (report?["checks"] as? [Any])?.compactMap { $0 as? [String: Any] } ?? []
    }

    /// Violations of `kind` over all checks' `counts`.
    static func count(of kind: String, in report: [String: Any]?) -> Int {
        checks(report).reduce(0) { total, check in
            total + (integer((check["counts"] as? [String: Any])?[kind]) ?? 0)
        }
    }

    /// `kind=count` for every nonzero count of every check, for failure messages.
    static func violationSummary(_ report: [String: Any]?) -> String {
        var parts: [String] = []
        for check in checks(report) {
            let name = check["name"] as? String ?? "?"
            let status = check["status"] as? String ?? "?"
            let counts = (check["counts"] as? [String: Any]) ?? [:]
            let nonzero = counts.compactMap { key, value -> String? in
                guard let number = integer(value), number != 0 else { return nil }
                return "\(key)=\(number)"
            }.sorted()
            parts.append("\(name) \(status)" + (nonzero.isEmpty ? "" : " (\(nonzero.joined(separator: ", ")))"))
        }
        if let thresholds = report?["thresholds"] as? [Any] {
            for case let threshold as [String: Any] in thresholds where (threshold["passed"] as? Bool) == false {
                parts.append("threshold failed: \(threshold["expression"] as? String ?? "?")")
            }
        }
        return parts.isEmpty ? "no checks in report" : "checks: " + parts.joined(separator: "; ")
    }
}
