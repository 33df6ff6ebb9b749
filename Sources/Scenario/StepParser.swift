import JSON

/// Parses the steps of a flow: a bare string (`"connect"`, `"leave"`, `"drop"`) or an object
/// with one step key (`{"send": "hi"}`; `setName` also takes `confirm` and `timeout` beside it).
///
/// Steps are parsed in order with a ``FlowState``, so steps that need a connection are checked
/// against the `connect`, `leave` and `drop` steps before them.
enum StepParser {
    /// Steps written as a bare string.
    static let stringSteps = ["connect", "leave", "drop"]
    /// Steps written as an object.
    static let objectSteps = ["setName", "send", "think", "loop", "expect", "emit"]
    /// The timeout of `setName`, `expect` and `emit` when none is given.
    static let defaultTimeoutMilliseconds = 5_000

    private static let expectedStep = #""connect", "leave", "drop" or an object such as {"send": "hello"}"#

    /// The steps of a flow or loop body; nil when any of them could not be parsed.
    static func parseSteps(_ elements: [Field], _ state: inout FlowState, _ issues: inout IssueList) -> [Step]? {
        var steps: [Step] = []
        var isComplete = true
        for element in elements {
            if let step = parse(element, &state, &issues) {
                steps.append(step)
            } else {
                isComplete = false
            }
        }
        return isComplete ? steps : nil
    }

    /// One step; nil after recording why it could not be parsed.
    static func parse(_ field: Field, _ state: inout FlowState, _ issues: inout IssueList) -> Step? {
        switch field.value {
        case .string(let name):
            return parseString(name, at: field.path, &state, &issues)
        case .object(let object):
            return parseObject(Fields(object: object, path: field.path), &state, &issues)
        default:
            issues.add(field.path, value: field.value, expected: expectedStep)
            state.forget()
            return nil
        }
    }

    private static func parseString(_ name: String, at path: JSONPath, _ state: inout FlowState, _ issues: inout IssueList) -> Step? {
        switch name {
        case "connect":
            state.connect(at: path, &issues)
            return .connect
        case "leave":
            state.close(name, at: path, &issues)
            return .leave
        case "drop":
            state.close(name, at: path, &issues)
            return .drop
        default:
            if objectSteps.contains(name) {
                issues.add(path, found: IssueList.quote(name), expected: "{\"\(name)\": …}: \"\(name)\" needs a value")
                requireState(for: name, at: path, &state, &issues)
            } else {
                issues.add(path, found: IssueList.quote(name), expected: expectedStep + Suggestion.hint(for: name, in: stringSteps + objectSteps))
                state.forget()
            }
            return nil
        }
    }

    private static func parseObject(_ fields: Fields, _ state: inout FlowState, _ issues: inout IssueList) -> Step? {
        let path = fields.path
        let stepKeys = fields.object.keys.filter { objectSteps.contains($0) || stringSteps.contains($0) }
        guard let kind = stepKeys.first else {
            if fields.object.count == 1, let key = fields.object.keys.first {
                issues.add(path.appending(key), found: "an unknown step",
                           expected: "one of the steps " + (stringSteps + objectSteps).joined(separator: ", ")
                               + Suggestion.hint(for: key, in: stringSteps + objectSteps))
            } else {
                issues.add(path, found: fields.object.isEmpty ? "an empty object" : "an object without a step key",
                           expected: "an object with one step key: " + objectSteps.joined(separator: ", "))
            }
            state.forget()
            return nil
        }
        if stepKeys.count > 1 {
            issues.add(path.appending(stepKeys[1]), found: "a second step in the same object",
                       expected: "one step per object: put \"\(kind)\" and \"\(stepKeys[1])\" in separate array elements")
            state.forget()
            return nil
        }
        if kind == "setName" {
            fields.reportUnknownKeys(allowed: ["setName", "confirm", "timeout"], &issues)
        } else {
            for key in fields.object.keys where key != kind {
                issues.add(path.appending(key), found: "an unknown key",
                           expected: "no other key beside \"\(kind)\" (its options go inside its value)")
            }
        }
        let value = Field(value: fields.object[kind] ?? .null, path: path.appending(kind))
        switch kind {
        case "setName": return parseSetName(fields, value, &state, &issues)
        case "send": return parseSend(value, at: path, &state, &issues)
        case "think": return parseThink(value, &issues)
        case "loop": return parseLoop(value, &state, &issues)
        case "expect": return parseExpect(value, at: path, &state, &issues)
        case "emit": return parseEmit(value, at: path, &state, &issues)
        default:
            // {"connect": …}: the intent is clear, so the state follows it.
            issues.add(value.path, value: value.value, expected: "the plain string \"\(kind)\" as the step, not an object")
            _ = parseString(kind, at: path, &state, &issues)
            return nil
        }
    }

    /// Checks the connection a step of kind `name` needs, for a step whose value is unusable.
    private static func requireState(for name: String, at path: JSONPath, _ state: inout FlowState, _ issues: inout IssueList) {
        if ["setName", "send", "expect", "emit"].contains(name) {
            state.requireConnection(for: name, at: path, &issues)
        }
    }

    private static func parseSetName(_ fields: Fields, _ value: Field, _ state: inout FlowState, _ issues: inout IssueList) -> Step? {
        state.requireConnection(for: "setName", at: fields.path, &issues)
        let template = value.nonEmptyString(&issues, expected: #"a name template such as "user-{user}""#)
            .flatMap { TemplateValidator.validate($0, at: value.path, &issues) }
        let confirm = fields["confirm"]?.choice(["ack", "none"], &issues).flatMap(NameConfirmation.init(rawValue:)) ?? .ack
        let timeout = fields["timeout"]?.duration(&issues, allowsZero: false) ?? defaultTimeoutMilliseconds
        if confirm == .none, let field = fields["timeout"] {
            issues.add(field.path, value: field.value, expected: #"no "timeout" with "confirm": "none" (nothing is awaited)"#)
        }
        return template.map { .setName($0, confirm: confirm, timeoutMilliseconds: timeout) }
    }

    private static func parseSend(_ value: Field, at path: JSONPath, _ state: inout FlowState, _ issues: inout IssueList) -> Step? {
        state.requireConnection(for: "send", at: path, &issues)
        return value.string(&issues, expected: #"a message template such as "hello {iteration} from {name}""#)
            .flatMap { TemplateValidator.validate($0, at: value.path, &issues) }
            .map { .send($0) }
    }

    private static func parseThink(_ value: Field, _ issues: inout IssueList) -> Step? {
        guard value.value.objectValue != nil else {
            let shape = DurationParser.shape + #", or {"min": "100ms", "max": "1s"}"#
            return value.duration(&issues, allowsZero: true, shape: shape).map { .think(minMilliseconds: $0, maxMilliseconds: $0) }
        }
        guard let range = value.object(&issues, keys: ["min", "max"]) else { return nil }
        let minimum = range.required("min", &issues, expected: "a duration >= 0")?.duration(&issues, allowsZero: true)
        let maximumField = range.required("max", &issues, expected: "a duration >= min")
        let maximum = maximumField?.duration(&issues, allowsZero: true)
        guard let minimum, let maximum, let maximumField else { return nil }
        guard minimum <= maximum else {
            issues.add(maximumField.path, value: maximumField.value, expected: "a duration >= min (\(IssueList.describe(range.object["min"] ?? .null)))")
            return nil
        }
        return .think(minMilliseconds: minimum, maxMilliseconds: maximum)
    }
}
