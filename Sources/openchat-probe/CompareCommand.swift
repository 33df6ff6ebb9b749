import ArgumentParser
import Foundation
import Probe
import ReportWriters
import Scenario
import Transport

/// `openchat-probe compare`: one scenario against several named targets, one after another, and/or
/// report.json files from earlier runs, side by side.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run one scenario against several targets in turn, or compare earlier report.json files, side by side.",
        discussion: """
            Examples: openchat-probe compare --scenario Scenarios/load.json --target flask=http://127.0.0.1:8000 \
            --target swift=http://127.0.0.1:8080; openchat-probe compare flask=Reports/a/report.json swift=Reports/b/report.json. \
            The first entry is the baseline for ratios. Writes comparison.md, comparison.html and comparison.json \
            (and each run's own report folder) into --out. Exit codes: 0 every run passed; 1 a run failed a \
            check or threshold; 2 invalid usage, scenario or report file; 3 a run was aborted.
            """
    )

    @Argument(help: "Earlier reports as NAME=path/to/report.json (or just the path).")
    var reports: [String] = []

    @Option(name: .long, help: "Scenario to run against each --target.")
    var scenario: String?

    @Option(name: .long, help: "A named target NAME=URL (repeatable, run in the order given).")
    var target: [String] = []

    @Option(name: .long, help: "Folder for the comparison (default Reports/compare-<UTC time>).")
    var out: String?

    @Option(name: .long, help: "Seed for every run (the same users and choices against each target).")
    var seed: UInt64?

    @Flag(name: .long, help: "No progress output.")
    var quiet = false

    func validate() throws {
        if !target.isEmpty, scenario == nil { throw ValidationError("--target needs --scenario") }
        if scenario != nil, target.isEmpty { throw ValidationError("--scenario needs at least one --target NAME=URL") }
        if reports.count + target.count < 2 { throw ValidationError("compare needs at least two runs or reports, got \(reports.count + target.count)") }
        for item in target {
            guard let (name, url) = Self.split(item), !name.isEmpty else { throw ValidationError("--target '\(item)': expected NAME=URL") }
            do { _ = try EndpointURL(parsing: url) } catch { throw ValidationError("--target '\(name)': \(error.description)") }
        }
    }

    static func split(_ item: String) -> (String, String)? {
        guard let equals = item.firstIndex(of: "="), !item.hasPrefix("http") else { return nil }
        return (String(item[..<equals]), String(item[item.index(after: equals)...]))
    }

    func run() async throws {
        let directory = out ?? "Reports/compare-\(RunCommand.timestamp())"
        var entries: [Comparison.Entry] = []
        for item in reports {
            let (name, path) = Self.split(item) ?? (URL(fileURLWithPath: item).deletingLastPathComponent().lastPathComponent, item)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandFailure(status: .usage, message: "\(path): cannot read the file")
            }
            do {
                entries.append(Comparison.Entry(name: name, report: try RunReport.decode(from: [UInt8](data))))
            } catch {
                throw CommandFailure(status: .usage, message: "\(path): \(error)")
            }
        }
        if let scenarioFile = scenario {
            let parsed: Scenario
            do {
                parsed = try ScenarioParser.parse(contentsOf: scenarioFile, environment: ProcessInfo.processInfo.environment)
            } catch {
                throw CommandFailure(status: .usage, message: error.description)
            }
            let seed = seed ?? parsed.seed ?? UInt64.random(in: 1...UInt64(UInt32.max))
            for item in target {
                guard let (name, url) = Self.split(item) else { continue }
                print("openchat-probe: \(parsed.name) against \(name) (\(url)), seed \(seed)")
                let settings = RunSettings(
                    scenario: parsed, scenarioFile: scenarioFile, target: url, seed: seed, runID: RunCommand.makeRunID(),
                    commandLine: CommandLine.arguments, probeVersion: probeVersion)
                let progress = ProgressPrinter(mode: quiet ? .off : (isatty(STDOUT_FILENO) != 0 ? .live : .periodic))
                let report = try await Runner.run(settings, onProgress: { progress.show($0) }, interrupts: InterruptSource())
                progress.finish()
                let runDirectory = URL(fileURLWithPath: directory).appendingPathComponent(name).path
                do {
                    _ = try ReportFolder.write(report, to: runDirectory)
                } catch {
                    throw CommandFailure(status: .unreachable, message: "could not write \(runDirectory): \(error)")
                }
                print("  \(report.run.status.rawValue.uppercased()) in \(String(format: "%.1f", report.run.durationSeconds)) s, report in \(runDirectory)")
                entries.append(Comparison.Entry(name: name, report: report))
                if report.run.abortReason == "interrupted" { break }
            }
        }
        let comparison = Comparison(entries: entries)
        let paths: [String]
        do {
            paths = try ComparisonFolder.write(comparison, to: directory)
        } catch {
            throw CommandFailure(status: .unreachable, message: "could not write the comparison to \(directory): \(error)")
        }
        print("")
        print(ComparisonWriters.text(comparison))
        print("comparison: \(paths.joined(separator: ", "))")
        if entries.contains(where: { $0.report.run.status == .aborted }) { Foundation.exit(3) }
        if !comparison.allPassed { Foundation.exit(1) }
    }
}
