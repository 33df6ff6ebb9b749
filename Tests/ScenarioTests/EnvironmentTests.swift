import JSON
import Testing

@testable import Scenario

@Suite struct EnvironmentTests {
    static let json = #"""
    {
      "target": "https://${HOST}:8443",
      "connection": {
        "headers": {"Authorization": "Bearer ${TOKEN}", "X-Price": "$5 and $${HOME}"},
        "query": {"room": "${ROOM}-1"},
        "auth": {"token": "${TOKEN}", "nested": [{"user": "${USER_1}"}], "n": 1}
      },
      "phases": [{"users": 1}],
      "groups": [{"flow": ["connect", {"send": "$TOKEN stays literal in templates"}]}]
    }
    """#

    @Test func expandsTargetHeadersQueryAndAuth() throws {
        let environment = ["HOST": "chat.example", "TOKEN": "s3cret", "ROOM": "lobby", "USER_1": "ann"]
        let scenario = try parse(Self.json, environment: environment)
        #expect(scenario.target == "https://chat.example:8443")
        #expect(scenario.connection.headers == ["Authorization": "Bearer s3cret", "X-Price": "$5 and ${HOME}"])
        #expect(scenario.connection.query == ["room": "lobby-1"])
        #expect(scenario.connection.auth == ["token": "s3cret", "nested": [["user": "ann"]], "n": 1])
        #expect(scenario.groups[0].flow[1] == .send(TextTemplate("$TOKEN stays literal in templates")))
    }

    @Test func reportsEachMissingVariableByName() {
        let found = issues(of: Self.json, environment: ["HOST": "h", "ROOM": "r"])
        #expect(found == [
            ScenarioIssue(path: "$.connection.headers.Authorization", found: "${TOKEN}", expected: "the environment variable TOKEN to be set"),
            ScenarioIssue(path: "$.connection.auth.token", found: "${TOKEN}", expected: "the environment variable TOKEN to be set"),
            ScenarioIssue(path: "$.connection.auth.nested[0].user", found: "${USER_1}", expected: "the environment variable USER_1 to be set"),
        ])
    }

    @Test(arguments: [
        ("plain", "plain"), ("${A}", "1"), ("x${A}y${B}z", "x1y2z"), ("$${A}", "${A}"), ("$$${A}", "$${A}"),
        ("$A", "$A"), ("$", "$"), ("${EMPTY}", ""), ("a$}b", "a$}b"),
    ])
    func expands(_ text: String, _ expanded: String) {
        let result = EnvironmentExpander.expand(text, environment: ["A": "1", "B": "2", "EMPTY": ""])
        #expect(result.text == expanded)
        #expect(result.problems == [])
    }

    @Test(arguments: [
        ("${MISSING}", EnvironmentExpander.Problem.missing("MISSING")),
        ("${A", .unterminated),
        ("${}", .invalidName("")),
        ("${1X}", .invalidName("1X")),
        ("${A-B}", .invalidName("A-B")),
    ])
    func reportsProblems(_ text: String, _ problem: EnvironmentExpander.Problem) {
        #expect(EnvironmentExpander.expand(text, environment: ["A": "1"]).problems == [problem])
    }

    @Test func anExpandedHeaderMustStayOnOneLine() {
        let json = scenario(flow: #"["connect"]"#, extra: #", "connection": {"headers": {"X-Token": "${T}"}}"#)
        #expect(issues(of: json, environment: ["T": "a\r\nInjected: 1"]) == [
            ScenarioIssue(path: "$.connection.headers['X-Token']", found: "a line break in the value", expected: "a header value on one line"),
        ])
    }
}
