import Scenario
import Testing

/// A scenario with exactly one mistake, and the issue it must produce.
struct BadScenario: Sendable, CustomTestStringConvertible {
    let mistake: String
    let json: String
    let path: String
    let found: String
    let expected: String

    var testDescription: String { mistake }
}

@Suite struct InvalidScenarioTests {
    static let cases: [BadScenario] = [
        // Structure and types.
        BadScenario(mistake: "not an object", json: "[]", path: "$", found: "an empty array", expected: "a scenario object"),
        BadScenario(mistake: "unknown key with a suggestion", json: scenario(flow: #"["connect"]"#, extra: #", "treshold": []"#),
                    path: "$.treshold", found: "an unknown key", expected: "a known key: did you mean 'thresholds'?"),
        BadScenario(mistake: "unknown key in a phase", json: #"{"phases": [{"duration": "30s", "arrivalRate": 1, "rampto": 5}], "groups": [{"flow": ["connect"]}]}"#,
                    path: "$.phases[0].rampto", found: "an unknown key", expected: "a known key: did you mean 'rampTo'?"),
        BadScenario(mistake: "unknown key without a close match", json: scenario(flow: #"["connect"]"#, extra: #", "colour": 1"#),
                    path: "$.colour", found: "an unknown key",
                    expected: "one of the keys $schema, name, description, target, connection, phases, maxUsers, groups, checks, thresholds, seed, drainTimeout"),
        BadScenario(mistake: "wrong type", json: scenario(flow: #"["connect"]"#, extra: #", "maxUsers": "ten""#),
                    path: "$.maxUsers", found: #""ten""#, expected: "an integer from 1 to 100000"),
        BadScenario(mistake: "missing section", json: #"{"groups": [{"flow": ["connect"]}]}"#,
                    path: "$.phases", found: "missing", expected: "a non-empty array of phases"),
        BadScenario(mistake: "bad name", json: scenario(flow: #"["connect"]"#, extra: #", "name": "../x""#),
                    path: "$.name", found: #""../x""#,
                    expected: "a name of 1 to 64 letters, digits, '-', '_' or '.' (it names the report folder), not starting with '.'"),
        BadScenario(mistake: "negative seed", json: scenario(flow: #"["connect"]"#, extra: #", "seed": -1"#),
                    path: "$.seed", found: "-1", expected: "an integer from 0 to 9007199254740991"),
        BadScenario(mistake: "bad target", json: scenario(flow: #"["connect"]"#, extra: #", "target": "ftp://x""#),
                    path: "$.target", found: #""ftp://x""#, expected: #"an http, https, ws or wss URL such as "http://127.0.0.1:8000""#),
        // Phases.
        BadScenario(mistake: "negative arrival rate", json: #"{"phases": [{"users": 1}, {"duration": "10s", "arrivalRate": -3}], "groups": [{"flow": ["connect"]}]}"#,
                    path: "$.phases[1].arrivalRate", found: "-3", expected: "a number > 0"),
        BadScenario(mistake: "rampTo without arrivalRate", json: #"{"phases": [{"users": 5, "rampTo": 5}], "groups": [{"flow": ["connect"]}]}"#,
                    path: "$.phases[0].rampTo", found: "5", expected: #""rampTo" only together with "arrivalRate""#),
        BadScenario(mistake: "phase of no kind", json: #"{"phases": [{"name": "x"}], "groups": [{"flow": ["connect"]}]}"#,
                    path: "$.phases[0]", found: #"no "users", "arrivalRate" or "pause""#,
                    expected: #"one of "users" (start N users), "arrivalRate" (arrivals per second) or "pause" (a quiet time)"#),
        BadScenario(mistake: "zero users", json: #"{"phases": [{"users": 0}], "groups": [{"flow": ["connect"]}]}"#,
                    path: "$.phases[0].users", found: "0", expected: "an integer from 1 to 100000"),
        BadScenario(mistake: "arrivals without duration", json: #"{"phases": [{"arrivalRate": 2}], "groups": [{"flow": ["connect"]}]}"#,
                    path: "$.phases[0].duration", found: "missing", expected: #"a duration > 0 such as "30s""#),
        // Durations.
        BadScenario(mistake: "negative duration", json: #"{"phases": [{"users": 2, "spread": "-1s"}], "groups": [{"flow": ["connect"]}]}"#,
                    path: "$.phases[0].spread", found: #""-1s""#, expected: "a duration >= 0"),
        BadScenario(mistake: "zero pause", json: #"{"phases": [{"users": 1}, {"pause": "0s"}], "groups": [{"flow": ["connect"]}]}"#,
                    path: "$.phases[1].pause", found: #""0s""#, expected: "a duration > 0"),
        BadScenario(mistake: "unknown duration unit", json: scenario(flow: #"["connect", {"think": "5x"}]"#),
                    path: "$.groups[0].flow[1].think", found: #""5x""#,
                    expected: #"a duration such as "500ms", "2s" or "1.5m" (a plain number is milliseconds), or {"min": "100ms", "max": "1s"}"#),
        BadScenario(mistake: "duration over 24h", json: scenario(flow: #"["connect"]"#, extra: #", "drainTimeout": "1441m""#),
                    path: "$.drainTimeout", found: #""1441m""#, expected: "a duration of at most 24h"),
        BadScenario(mistake: "think range upside down", json: scenario(flow: #"["connect", {"think": {"min": "2s", "max": "1s"}}]"#),
                    path: "$.groups[0].flow[1].think.max", found: #""1s""#, expected: #"a duration >= min ("2s")"#),
        // Groups and flows.
        BadScenario(mistake: "zero weight", json: #"{"phases": [{"users": 1}], "groups": [{"weight": 0, "flow": ["connect"]}]}"#,
                    path: "$.groups[0].weight", found: "0", expected: "a number > 0"),
        BadScenario(mistake: "empty flow", json: scenario(flow: "[]"),
                    path: "$.groups[0].flow", found: "an empty array", expected: "a non-empty array of steps"),
        BadScenario(mistake: "flow that never connects", json: scenario(flow: #"[{"think": "1s"}]"#),
                    path: "$.groups[0].flow", found: #"no "connect" step"#,
                    expected: #"a flow with a "connect" step (a user that never connects does nothing)"#),
        BadScenario(mistake: "duplicate group names", json: #"{"phases": [{"users": 1}], "groups": [{"name": "a", "flow": ["connect"]}, {"name": "a", "flow": ["connect"]}]}"#,
                    path: "$.groups[1].name", found: #""a""#, expected: "a group name not used before ($.groups[0] has it)"),
        BadScenario(mistake: "misspelled step", json: scenario(flow: #"["conect"]"#),
                    path: "$.groups[0].flow[0]", found: #""conect""#,
                    expected: #""connect", "leave", "drop" or an object such as {"send": "hello"} (did you mean 'connect'?)"#),
        BadScenario(mistake: "unknown step object", json: scenario(flow: #"["connect", {"sned": "x"}]"#),
                    path: "$.groups[0].flow[1].sned", found: "an unknown step",
                    expected: "one of the steps connect, leave, drop, setName, send, think, loop, expect, emit (did you mean 'send'?)"),
        BadScenario(mistake: "step without its value", json: scenario(flow: #"["connect", "send"]"#),
                    path: "$.groups[0].flow[1]", found: #""send""#, expected: #"{"send": …}: "send" needs a value"#),
        BadScenario(mistake: "two steps in one object", json: scenario(flow: #"["connect", {"send": "a", "think": "1s"}]"#),
                    path: "$.groups[0].flow[1].think", found: "a second step in the same object",
                    expected: #"one step per object: put "send" and "think" in separate array elements"#),
        BadScenario(mistake: "loop with neither count nor duration", json: scenario(flow: #"["connect", {"loop": {"every": "1s", "steps": [{"send": "x"}]}}]"#),
                    path: "$.groups[0].flow[1].loop", found: "neither count nor duration", expected: #""count", "duration" or both"#),
        BadScenario(mistake: "loop with zero every", json: scenario(flow: #"["connect", {"loop": {"count": 2, "every": 0, "steps": [{"send": "x"}]}}]"#),
                    path: "$.groups[0].flow[1].loop.every", found: "0", expected: "a duration > 0"),
        BadScenario(mistake: "setName before connect", json: scenario(flow: #"[{"setName": "a"}, "connect"]"#),
                    path: "$.groups[0].flow[0]", found: #""setName" before any "connect""#, expected: #"a "connect" step earlier in the flow"#),
        BadScenario(mistake: "send after leave", json: scenario(flow: #"["connect", "leave", {"send": "x"}]"#),
                    path: "$.groups[0].flow[2]", found: #""send" after the "leave" at $.groups[0].flow[1]"#, expected: #"a "connect" step between them"#),
        BadScenario(mistake: "expect after drop", json: scenario(flow: #"["connect", "drop", {"expect": {"event": "message"}}]"#),
                    path: "$.groups[0].flow[2]", found: #""expect" after the "drop" at $.groups[0].flow[1]"#, expected: #"a "connect" step between them"#),
        BadScenario(mistake: "connect twice", json: scenario(flow: #"["connect", "connect"]"#),
                    path: "$.groups[0].flow[1]", found: #""connect" while already connected"#, expected: #"a "leave" or "drop" step before connecting again"#),
        // Step options.
        BadScenario(mistake: "unknown setName option", json: scenario(flow: #"["connect", {"setName": "a", "timeut": "1s"}]"#),
                    path: "$.groups[0].flow[1].timeut", found: "an unknown key", expected: "a known key: did you mean 'timeout'?"),
        BadScenario(mistake: "unknown confirmation", json: scenario(flow: #"["connect", {"setName": "a", "confirm": "acks"}]"#),
                    path: "$.groups[0].flow[1].confirm", found: #""acks""#, expected: #""ack" or "none" (did you mean 'ack'?)"#),
        BadScenario(mistake: "option beside a step that has none", json: scenario(flow: #"["connect", {"send": "a", "timeout": "1s"}]"#),
                    path: "$.groups[0].flow[1].timeout", found: "an unknown key", expected: #"no other key beside "send" (its options go inside its value)"#),
        BadScenario(mistake: "emit of a reserved event", json: scenario(flow: #"["connect", {"emit": {"event": "disconnect"}}]"#),
                    path: "$.groups[0].flow[1].emit.event", found: #""disconnect""#,
                    expected: "an event name other than the reserved connect, connect_error, disconnect, disconnecting, newListener, removeListener"),
        BadScenario(mistake: "emit timeout without ack", json: scenario(flow: #"["connect", {"emit": {"event": "e", "timeout": "1s"}}]"#),
                    path: "$.groups[0].flow[1].emit.timeout", found: #""1s""#, expected: #"no "timeout" without "ack": true (nothing is awaited)"#),
        BadScenario(mistake: "expect without event", json: scenario(flow: #"["connect", {"expect": {"contains": "x"}}]"#),
                    path: "$.groups[0].flow[1].expect.event", found: "missing", expected: #"an event name such as "message""#),
        BadScenario(mistake: "expect with two patterns", json: scenario(flow: #"["connect", {"expect": {"event": "m", "contains": "x", "regex": "y"}}]"#),
                    path: "$.groups[0].flow[1].expect.regex", found: #"both "contains" and "regex""#, expected: #"at most one of "equals", "contains" and "regex""#),
        BadScenario(mistake: "invalid regex", json: scenario(flow: #"["connect", {"expect": {"event": "message", "regex": "(ab"}}]"#),
                    path: "$.groups[0].flow[1].expect.regex", found: #""(ab""#, expected: "a valid regular expression (expected ')')"),
        // Templates.
        BadScenario(mistake: "unknown placeholder", json: scenario(flow: #"["connect", {"send": "hi {usr}"}]"#),
                    path: "$.groups[0].flow[1].send", found: "the placeholder {usr}",
                    expected: "one of {user}, {iteration}, {name}, {run}, {group}, {seq} (did you mean {user}?)"),
        BadScenario(mistake: "unknown placeholder in emit arguments", json: scenario(flow: #"["connect", {"emit": {"event": "e", "args": [{"to": "{room}"}]}}]"#),
                    path: "$.groups[0].flow[1].emit.args[0].to", found: "the placeholder {room}",
                    expected: "one of {user}, {iteration}, {name}, {run}, {group}, {seq} (write {{ for a literal {)"),
        // Connection.
        BadScenario(mistake: "unknown transport", json: scenario(flow: #"["connect"]"#, extra: #", "connection": {"transport": "websockets"}"#),
                    path: "$.connection.transport", found: #""websockets""#,
                    expected: #""polling", "websocket" or "polling-then-upgrade" (did you mean 'websocket'?)"#),
        BadScenario(mistake: "missing environment variable", json: scenario(flow: #"["connect"]"#, extra: #", "connection": {"headers": {"Authorization": "Bearer ${TOKEN}"}}"#),
                    path: "$.connection.headers.Authorization", found: "${TOKEN}", expected: "the environment variable TOKEN to be set"),
        BadScenario(mistake: "reserved query parameter", json: scenario(flow: #"["connect"]"#, extra: #", "connection": {"query": {"EIO": "3"}}"#),
                    path: "$.connection.query.EIO", found: #"the parameter "EIO""#,
                    expected: "a parameter name other than EIO, transport, sid, t (the client sets those)"),
        BadScenario(mistake: "header name with a space", json: scenario(flow: #"["connect"]"#, extra: #", "connection": {"headers": {"Bad Header": "x"}}"#),
                    path: "$.connection.headers['Bad Header']", found: #"the header name "Bad Header""#,
                    expected: "a header name of letters, digits and !#$%&'*+-.^_`|~"),
        BadScenario(mistake: "auth that is not an object", json: scenario(flow: #"["connect"]"#, extra: #", "connection": {"auth": "tok"}"#),
                    path: "$.connection.auth", found: #""tok""#, expected: #"an object (the Socket.IO CONNECT payload), e.g. {"token": "${TOKEN}"}"#),
        BadScenario(mistake: "path without a slash", json: scenario(flow: #"["connect"]"#, extra: #", "connection": {"path": "socket.io"}"#),
                    path: "$.connection.path", found: #""socket.io""#, expected: #"a string starting with /, e.g. "/socket.io/""#),
        // Checks and thresholds.
        BadScenario(mistake: "check that is not a Boolean", json: scenario(flow: #"["connect"]"#, extra: #", "checks": {"order": "yes"}"#),
                    path: "$.checks.order", found: #""yes""#, expected: "true or false"),
        BadScenario(mistake: "threshold without a limit", json: scenario(flow: #"["connect"]"#, extra: #", "thresholds": ["delivery.p99 <"]"#),
                    path: "$.thresholds[0]", found: "no limit", expected: "a number, optionally with a unit ms, s or %"),
        BadScenario(mistake: "threshold on an unknown metric", json: scenario(flow: #"["connect"]"#, extra: #", "thresholds": ["deliverry.p99 < 1s"]"#),
                    path: "$.thresholds[0]", found: #"metric "deliverry""#,
                    expected: "one of tcpConnect, engineOpen, socketConnect, connect, upgrade, nameConfirm, deliveryToSender, delivery, joinSeen, leaveSeen, violations, errors, usersFailed, sendsLate, foreignMessages (did you mean 'delivery'?)"),
        BadScenario(mistake: "threshold with an unknown statistic", json: scenario(flow: #"["connect"]"#, extra: #", "thresholds": ["connect.median < 1s"]"#),
                    path: "$.thresholds[0]", found: #"statistic "median""#,
                    expected: "one of connect.p50, connect.p90, connect.p95, connect.p99, connect.p99.9, connect.max, connect.min, connect.mean, connect.count (did you mean 'mean'?)"),
        BadScenario(mistake: "threshold with a single =", json: scenario(flow: #"["connect"]"#, extra: #", "thresholds": ["violations = 0"]"#),
                    path: "$.thresholds[0]", found: #""= 0""#, expected: "an operator: <, <=, >, >=, == or != (== for equality)"),
    ]

    @Test(arguments: cases)
    func reportsTheMistake(_ bad: BadScenario) {
        #expect(issues(of: bad.json) == [ScenarioIssue(path: bad.path, found: bad.found, expected: bad.expected)])
    }

    @Test func theDescriptionReadsPathFoundExpected() {
        let issue = ScenarioIssue(path: "$.phases[1].arrivalRate", found: "-3", expected: "a number > 0")
        #expect(issue.description == "$.phases[1].arrivalRate: found -3, expected a number > 0")
    }
}
