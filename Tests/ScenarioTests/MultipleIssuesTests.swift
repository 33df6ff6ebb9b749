import Scenario
import Testing

@Suite struct MultipleIssuesTests {
    static let json = #"""
    {
      "name": "several",
      "phases": [
        {"users": 5, "spread": "-1s"},
        {"duration": "30s", "arrivalRate": -3, "rampto": 5}
      ],
      "groups": [
        {"name": "chatters", "weight": 0, "flow": [
          {"setName": "user-{usr}"},
          "connect",
          {"loop": {"every": "500ms", "steps": [{"send": "hi"}]}},
          "leave",
          {"send": "too late"}
        ]}
      ],
      "connection": {"headers": {"Authorization": "Bearer ${TOKEN}"}},
      "thresholds": ["delivery.p99 < 1h", "violations == 0"]
    }
    """#

    @Test func reportsEveryProblemInOneFile() {
        let found = issues(of: Self.json)
        #expect(found.map(\.description) == [
            "$.connection.headers.Authorization: found ${TOKEN}, expected the environment variable TOKEN to be set",
            "$.phases[0].spread: found \"-1s\", expected a duration >= 0",
            "$.phases[1].rampto: found an unknown key, expected a known key: did you mean 'rampTo'?",
            "$.phases[1].arrivalRate: found -3, expected a number > 0",
            "$.groups[0].weight: found 0, expected a number > 0",
            "$.groups[0].flow[0]: found \"setName\" before any \"connect\", expected a \"connect\" step earlier in the flow",
            "$.groups[0].flow[0].setName: found the placeholder {usr}, expected one of {user}, {iteration}, {name}, {run}, {group}, {seq} (did you mean {user}?)",
            "$.groups[0].flow[2].loop: found neither count nor duration, expected \"count\", \"duration\" or both",
            "$.groups[0].flow[4]: found \"send\" after the \"leave\" at $.groups[0].flow[3], expected a \"connect\" step between them",
            "$.thresholds[0]: found unit \"h\", expected no unit, ms, s or %",
        ])
    }

    @Test func theErrorNamesTheFileAndListsTheIssues() throws {
        let error = try #require(throws: ScenarioValidationError.self) {
            try ScenarioParser.parse(Array(#"{"phases": [], "groups": [{"flow": ["connect"]}], "seed": "x"}"#.utf8), file: "Scenarios/x.json", environment: [:])
        }
        #expect(error.file == "Scenarios/x.json")
        #expect(error.description == """
            scenario Scenarios/x.json is invalid (2 problems):
              $.phases: found an empty array, expected a non-empty array of phases
              $.seed: found "x", expected an integer from 0 to 9007199254740991
            """)
    }

    @Test func aSingleProblemIsCountedInTheSingular() throws {
        let error = try #require(throws: ScenarioValidationError.self) {
            try ScenarioParser.parse(Array("[1]".utf8), environment: [:])
        }
        #expect(error.description == "scenario is invalid (1 problem):\n  $: found an array, expected a scenario object")
    }
}
