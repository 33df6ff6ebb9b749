/// Parses one user group: `{"name": "chatters", "weight": 3, "flow": [...]}`.
enum GroupParser {
    /// Every key a group may have.
    static let keys = ["name", "weight", "flow"]

    /// The group at `$.groups[index]`; nil after recording its problems.
    static func parse(_ field: Field, index: Int, _ issues: inout IssueList) -> UserGroup? {
        guard let group = field.object(&issues, keys: keys, expected: #"an object such as {"name": "chatters", "flow": ["connect", "leave"]}"#) else {
            return nil
        }
        let name = group["name"]?.nonEmptyString(&issues) ?? "group-\(index + 1)"
        let weight = group["weight"]?.number(&issues, expected: "a number > 0", where: { $0 > 0 }) ?? 1
        let expectedFlow = "a non-empty array of steps"
        guard let flowField = group.required("flow", &issues, expected: expectedFlow),
              let elements = flowField.array(&issues, expected: expectedFlow, allowsEmpty: false) else {
            return nil
        }
        var state = FlowState()
        let steps = StepParser.parseSteps(elements, &state, &issues)
        if !state.hasConnected {
            issues.add(flowField.path, found: #"no "connect" step"#, expected: #"a flow with a "connect" step (a user that never connects does nothing)"#)
        }
        return steps.map { UserGroup(name: name, weight: weight, flow: $0) }
    }
}
