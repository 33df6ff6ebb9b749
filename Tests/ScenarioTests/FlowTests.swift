import Scenario
import Testing

/// The connection state through flows and loops: which steps may run where.
@Suite struct FlowTests {
    @Test(arguments: [
        #"["connect", {"setName": "a"}, {"send": "x"}, "leave"]"#,
        #"["connect", "leave", "connect", {"send": "x"}, "drop"]"#,
        #"[{"think": "1s"}, "connect", {"expect": {"event": "usernames"}}]"#,
        // A loop that reconnects every iteration.
        #"[{"loop": {"count": 3, "steps": ["connect", {"send": "x"}, "leave"]}}]"#,
        // A loop entered connected that stays connected.
        #"["connect", {"loop": {"duration": "1s", "steps": [{"send": "x"}, {"think": "100ms"}]}}, "leave"]"#,
        // A loop that runs once may end closed.
        #"["connect", {"loop": {"count": 1, "steps": [{"send": "x"}, "leave"]}}]"#,
    ])
    func acceptsFlow(_ flow: String) {
        #expect(issues(of: scenario(flow: flow)) == [])
    }

    @Test func laterLoopIterationsAreCheckedFromWhereTheFirstEnded() {
        let found = issues(of: scenario(flow: #"["connect", {"loop": {"count": 2, "steps": [{"emit": {"event": "e"}}, "leave"]}}]"#))
        #expect(found == [
            ScenarioIssue(path: "$.groups[0].flow[1].loop.steps[0]",
                          found: #""emit" after the "leave" at $.groups[0].flow[1].loop.steps[1]"#, expected: #"a "connect" step between them"#),
            ScenarioIssue(path: "$.groups[0].flow[1].loop.steps[1]",
                          found: #""leave" after the "leave" at $.groups[0].flow[1].loop.steps[1]"#, expected: #"a "connect" step between them"#),
        ])
    }

    @Test func aLoopThatConnectsAgainWhileConnectedIsReported() {
        let found = issues(of: scenario(flow: #"[{"loop": {"count": 2, "steps": ["connect", {"send": "x"}]}}]"#))
        #expect(found == [
            ScenarioIssue(path: "$.groups[0].flow[0].loop.steps[0]", found: #""connect" while already connected"#,
                          expected: #"a "leave" or "drop" step before connecting again"#),
        ])
    }

    @Test func anUnparsableStepDoesNotCascade() {
        // "conect" is wrong, but the send after it is not reported as "before any connect".
        let found = issues(of: scenario(flow: #"["conect", {"send": "x"}, "leave"]"#))
        #expect(found.map(\.path) == ["$.groups[0].flow[0]"])
    }

    @Test func stepsParseToTheModel() throws {
        let flow = #"""
        ["connect",
         {"setName": "n{user}", "confirm": "none"},
         {"think": 250},
         {"think": {"min": "100ms", "max": "1.5s"}},
         {"loop": {"duration": "1m", "every": "2s", "steps": [{"send": "{seq}"}]}},
         {"expect": {"event": "message", "equals": {"a": [1, "x"]}, "timeout": "2s"}},
         {"expect": {"event": "message", "regex": "^user-[0-9]+: "}},
         {"expect": {"event": "usernames"}},
         {"emit": {"event": "ping", "args": ["x", 1], "ack": true, "timeout": "2s"}},
         {"emit": {"event": "note"}},
         "drop"]
        """#
        let group = try #require(try parse(scenario(flow: flow)).groups.first)
        #expect(group.flow == [
            .connect,
            .setName(TextTemplate("n{user}"), confirm: .none, timeoutMilliseconds: 5_000),
            .think(minMilliseconds: 250, maxMilliseconds: 250),
            .think(minMilliseconds: 100, maxMilliseconds: 1_500),
            .loop(count: nil, durationMilliseconds: 60_000, everyMilliseconds: 2_000, steps: [.send(TextTemplate("{seq}"))]),
            .expect(event: "message", match: .equals(["a": [1, "x"]]), timeoutMilliseconds: 2_000),
            .expect(event: "message", match: .regex("^user-[0-9]+: "), timeoutMilliseconds: 5_000),
            .expect(event: "usernames", match: nil, timeoutMilliseconds: 5_000),
            .emit(event: "ping", arguments: ["x", 1], ack: true, timeoutMilliseconds: 2_000),
            .emit(event: "note", arguments: [], ack: false, timeoutMilliseconds: 5_000),
            .drop,
        ])
    }
}
