import Foundation
import Scenario

/// The repository's `Scenarios/` folder, found from this file's path.
let scenariosDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // ScenarioTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // repository root
    .appendingPathComponent("Scenarios")

/// The issues of a scenario given as JSON text; empty when it is valid.
func issues(of json: String, environment: [String: String] = [:]) -> [ScenarioIssue] {
    do {
        _ = try ScenarioParser.parse(Array(json.utf8), environment: environment)
        return []
    } catch {
        return error.issues
    }
}

/// Parses a scenario given as JSON text.
func parse(_ json: String, environment: [String: String] = [:]) throws(ScenarioValidationError) -> Scenario {
    try ScenarioParser.parse(Array(json.utf8), environment: environment)
}

/// A valid scenario whose single group runs `flow` (a JSON array's text).
func scenario(flow: String, extra: String = "") -> String {
    #"{"phases": [{"users": 1}], "groups": [{"name": "g", "flow": \#(flow)}]\#(extra)}"#
}
