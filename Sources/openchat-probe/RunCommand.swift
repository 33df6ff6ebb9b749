import ArgumentParser
import Foundation
import OpenChat
import OpenChatServer
import Probe
import ReportWriters
import Scenario
import Transport

/// `openchat-probe run SCENARIO --target URL`: the main job.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario against a server, check the OpenChat contract and write a report.",
        discussion: """
            Writes report.json, summary.md, report.html and junit.xml into --out (default \
            Reports/<scenario>-<UTC time>/). Exit codes: 0 all checks and thresholds passed; 1 a check or \
            threshold failed; 2 invalid scenario or usage; 3 target unreachable or the run was aborted; \
            130 interrupted (Ctrl-C; a partial report is written).
            """
    )

    @Argument(help: "The scenario file (JSON), e.g. Scenarios/basic.json")
    var scenario: String

    @Option(name: .long, help: "The server's URL; overrides the scenario's target.")
    var target: String?

    @Option(name: .long, help: "Folder for the report files.")
    var out: String?

    @Option(name: .long, help: "Seed for the run's random choices; overrides the scenario's seed.")
    var seed: UInt64?

    @Option(name: .long, help: "Run id written into every message (letters and digits); random by default.")
    var runID: String?

    @Option(name: .long, help: "PEM file of CA certificates to trust for https/wss.")
    var cacert: String?

    @Flag(name: .long, help: "Do not verify TLS certificates (throwaway test servers only).")
    var insecure = false

    @Flag(name: .long, help: "No progress output; only the final summary.")
    var quiet = false

    func validate() throws {
        if let runID, runID.isEmpty || !runID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            throw ValidationError("--run-id '\(runID)': use letters and digits only")
        }
        if let target {
            do {
                _ = try EndpointURL(parsing: target)
            } catch {
                throw ValidationError("--target '\(target)': \(error.description)")
            }
        }
    }

    func run() async throws {
        let parsed: Scenario
        do {
            parsed = try ScenarioParser.parse(contentsOf: scenario, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure(status: .usage, message: error.description)
        }
        // From here on Ctrl-C means "stop and write what you have": one that comes before the run has
        // started is kept and stops it as soon as it starts.
        let interrupts = InterruptSource()
        // No target anywhere: run against the Swift OpenChat server, started in this process.
        var embedded: RunningServer?
        let target: String
        if let given = self.target ?? parsed.target {
            target = given
            do {
                _ = try EndpointURL(parsing: target)
            } catch {
                throw CommandFailure(status: .usage, message: "\(scenario): target '\(target)': \(error.description)")
            }
        } else {
            do {
                let server = try await OpenChatServer.start(configuration: OpenChatServerConfiguration(host: "127.0.0.1", port: 0))
                embedded = server
                target = server.url
            } catch {
                throw CommandFailure(status: .unreachable, message: "could not start the embedded Swift OpenChat server: \(error)")
            }
            print("openchat-probe: no target given (--target or \"target\" in the scenario): running against the embedded Swift OpenChat server at \(target)")
        }
        let seed = seed ?? parsed.seed ?? UInt64.random(in: 1...UInt64(UInt32.max))
        let runID = runID ?? Self.makeRunID()
        let outDirectory = out ?? "Reports/\(parsed.name)-\(Self.timestamp())"
        let settings = RunSettings(
            scenario: parsed, scenarioFile: scenario, target: target, targetEmbedded: embedded != nil, seed: seed, runID: runID,
            tls: TLSOptions(caFile: cacert, verifyPeer: !insecure), commandLine: CommandLine.arguments, probeVersion: probeVersion)

        let progress = ProgressPrinter(mode: quiet ? .off : (isatty(STDOUT_FILENO) != 0 ? .live : .periodic))
        print("openchat-probe: running \(parsed.name) against \(target) (seed \(seed), run id \(runID), transport \(parsed.connection.transport))")
        let report = try await Runner.run(settings, onProgress: { progress.show($0) }, interrupts: interrupts)
        progress.finish()
        await embedded?.shutdown()

        let paths: [String]
        do {
            paths = try ReportFolder.write(report, to: outDirectory)
        } catch {
            throw CommandFailure(status: .unreachable, message: "could not write the report to \(outDirectory): \(error)")
        }
        print(TerminalSummary.render(report))
        print("report: \(paths.joined(separator: ", "))")
        if report.run.exitCode != 0 {
            if let reason = report.run.abortReason { FileHandle.standardError.write(Data("openchat-probe: run aborted: \(reason)\n".utf8)) }
            Foundation.exit(report.run.exitCode)
        }
    }

    static func makeRunID() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<8).map { _ in alphabet.randomElement()! })
    }

    static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: Date())
    }
}

/// The probe's version, written into reports.
let probeVersion = "0.2.0"
