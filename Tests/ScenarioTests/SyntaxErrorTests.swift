import Foundation
import Scenario
import Testing

@Suite struct SyntaxErrorTests {
    @Test(arguments: [
        ("{\n  \"name\": \"x\",\n  \"phases\": [1 2]\n}", "line 3, column 16", "'2'", "',' or ']'"),
        ("{\"a\": 1,}", "line 1, column 9", "'}'", "a key in double quotes (JSON allows no trailing comma)"),
        ("{\"a\": [1, 2,\n]}", "line 2, column 1", "']'", "a value (JSON allows no trailing comma)"),
        ("{\n  // comment\n}", "line 2, column 3", "'/'", "a key in double quotes (JSON has no comments)"),
        ("{'a': 1}", "line 1, column 2", "'''", "a key in double quotes (JSON strings use double quotes)"),
        ("{\"name\": \"é\", x}", "line 1, column 15", "'x'", "a key in double quotes"),
        ("{\"a\": [1,\n", "line 2, column 1", "the end of the file", "the rest of the JSON value (an unclosed string, array or object?)"),
        ("{} {}", "line 1, column 4", "'{'", "the end of the file after the scenario object"),
        ("{\"a\": 01}", "line 1, column 7", "an invalid number", "a JSON number (no leading zeros, + signs or NaN; digits after the point)"),
        ("", "line 1, column 1", "the end of the file", "the rest of the JSON value (an unclosed string, array or object?)"),
    ])
    func reportsLineAndColumn(_ json: String, _ path: String, _ found: String, _ expected: String) {
        #expect(issues(of: json) == [ScenarioIssue(path: path, found: found, expected: expected)])
    }

    @Test func skipsAByteOrderMark() throws {
        let json = scenario(flow: #"["connect"]"#)
        let parsed = try ScenarioParser.parse([0xEF, 0xBB, 0xBF] + Array(json.utf8), environment: [:])
        #expect(parsed.groups.count == 1)
    }

    @Test func aMissingFileIsAnIssue() throws {
        let error = try #require(throws: ScenarioValidationError.self) {
            try ScenarioParser.parse(contentsOf: "/nonexistent/scenario.json", environment: [:])
        }
        #expect(error.file == "/nonexistent/scenario.json")
        #expect(error.issues == [
            ScenarioIssue(path: "$", found: "a file that cannot be read (No such file or directory)", expected: "a readable JSON scenario file"),
        ])
    }

    @Test func aDirectoryIsAnIssue() throws {
        let error = try #require(throws: ScenarioValidationError.self) {
            try ScenarioParser.parse(contentsOf: scenariosDirectory.path, environment: [:])
        }
        #expect(error.issues.map(\.found) == ["a file that cannot be read (Is a directory)"])
    }

    @Test func theNameDefaultsToTheFileName() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-tests-\(UUID().uuidString).json").path
        try Data(scenario(flow: #"["connect"]"#).utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let parsed = try ScenarioParser.parse(contentsOf: path, environment: [:])
        #expect(parsed.name == URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)
        #expect(try ScenarioParser.parse(Array(scenario(flow: #"["connect"]"#).utf8), environment: [:]).name == "scenario")
        #expect(try ScenarioParser.parse(Array(scenario(flow: #"["connect"]"#).utf8), file: "a b/my run.v2.json", environment: [:]).name == "my-run.v2")
    }
}
