import ArgumentParser
import Foundation
import Scenario

/// `openchat-probe validate FILE`: checks a scenario without connecting anywhere.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files: unknown keys, wrong types, impossible values, missing environment variables.",
        discussion: "Exit codes: 0 every file is valid; 2 a file is invalid (each problem is printed with its JSON path)."
    )

    @Argument(help: "Scenario files to check.")
    var files: [String]

    func run() throws {
        var failures: [String] = []
        for file in files {
            do {
                let scenario = try ScenarioParser.parse(contentsOf: file, environment: ProcessInfo.processInfo.environment)
                let steps = scenario.groups.reduce(0) { $0 + $1.flow.count }
                print("\(file): ok: \(scenario.name): \(scenario.phases.count) phases, \(scenario.groups.count) groups, \(steps) top-level steps, \(scenario.thresholds.count) thresholds")
            } catch {
                failures.append(error.description)
            }
        }
        if !failures.isEmpty {
            throw CommandFailure(status: .usage, message: failures.joined(separator: "\n"))
        }
    }
}
