extension StepParser {
    /// The largest `count` of a loop.
    static let maximumLoopCount = 1_000_000

    /// `{"loop": {"count": 5, "duration": "1m", "every": "500ms", "steps": [...]}}`.
    static func parseLoop(_ value: Field, _ state: inout FlowState, _ issues: inout IssueList) -> Step? {
        guard let loop = value.object(&issues, keys: ["count", "duration", "every", "steps"],
                                      expected: #"an object such as {"count": 5, "every": "500ms", "steps": […]}"#) else {
            state.forget()
            return nil
        }
        let count = loop["count"]?.integer(in: 1...maximumLoopCount, &issues)
        let duration = loop["duration"]?.duration(&issues, allowsZero: false)
        let every = loop["every"]?.duration(&issues, allowsZero: false)
        if !loop.contains("count") && !loop.contains("duration") {
            issues.add(value.path, found: "neither count nor duration", expected: #""count", "duration" or both"#)
        }
        let expectedSteps = "a non-empty array of steps"
        guard let elements = loop.required("steps", &issues, expected: expectedSteps)?.array(&issues, expected: expectedSteps, allowsEmpty: false) else {
            return nil
        }
        let entry = state
        let steps = parseSteps(elements, &state, &issues)
        if state != entry && count != 1 {
            // Later iterations start where the first one ended: check the body from there too.
            _ = parseSteps(elements, &state, &issues)
        }
        guard let steps else { return nil }
        return .loop(count: count, durationMilliseconds: duration, everyMilliseconds: every, steps: steps)
    }
}
