import JSON

extension StepParser {
    /// Event names that Socket.IO reserves: a client cannot emit them and never receives them as events.
    static let reservedEvents = ["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"]

    /// `{"expect": {"event": "message", "contains": "from {name}", "timeout": "2s"}}`, or `equals` / `regex` instead of `contains`.
    static func parseExpect(_ value: Field, at path: JSONPath, _ state: inout FlowState, _ issues: inout IssueList) -> Step? {
        state.requireConnection(for: "expect", at: path, &issues)
        guard let expect = value.object(&issues, keys: ["event", "equals", "contains", "regex", "timeout"],
                                        expected: #"an object such as {"event": "message", "contains": "from {name}"}"#) else {
            return nil
        }
        let event = parseEvent(expect, &issues)
        let timeout = expect["timeout"]?.duration(&issues, allowsZero: false) ?? defaultTimeoutMilliseconds
        let matchKeys = ["equals", "contains", "regex"].filter(expect.contains)
        if matchKeys.count > 1 {
            issues.add(expect.path.appending(matchKeys[1]), found: "both \"\(matchKeys[0])\" and \"\(matchKeys[1])\"",
                       expected: #"at most one of "equals", "contains" and "regex""#)
        }
        var match: EventPattern?
        if let equals = expect["equals"] {
            match = .equals(equals.value)
        } else if let contains = expect["contains"] {
            match = contains.string(&issues, expected: "a text template")
                .flatMap { TemplateValidator.validate($0, at: contains.path, &issues) }
                .map(EventPattern.contains)
        } else if let regex = expect["regex"] {
            match = regex.nonEmptyString(&issues, expected: "a regular expression").flatMap { pattern in
                RegexValidator.validate(pattern, at: regex.path, &issues) ? EventPattern.regex(pattern) : nil
            }
        }
        guard let event else { return nil }
        return .expect(event: event, match: match, timeoutMilliseconds: timeout)
    }

    /// `{"emit": {"event": "ping", "args": ["x", 1], "ack": true, "timeout": "2s"}}`.
    static func parseEmit(_ value: Field, at path: JSONPath, _ state: inout FlowState, _ issues: inout IssueList) -> Step? {
        state.requireConnection(for: "emit", at: path, &issues)
        guard let emit = value.object(&issues, keys: ["event", "args", "ack", "timeout"],
                                      expected: #"an object such as {"event": "ping", "args": ["x"], "ack": true}"#) else {
            return nil
        }
        let event = parseEvent(emit, &issues)
        let arguments = emit["args"]?.array(&issues, expected: "an array of arguments") ?? []
        for argument in arguments { validateTemplates(in: argument, &issues) }
        let ack = emit["ack"]?.bool(&issues) ?? false
        let timeout = emit["timeout"]?.duration(&issues, allowsZero: false) ?? defaultTimeoutMilliseconds
        if !ack, let field = emit["timeout"] {
            issues.add(field.path, value: field.value, expected: #"no "timeout" without "ack": true (nothing is awaited)"#)
        }
        guard let event else { return nil }
        return .emit(event: event, arguments: arguments.map(\.value), ack: ack, timeoutMilliseconds: timeout)
    }

    /// The required, non-reserved `event` member.
    private static func parseEvent(_ fields: Fields, _ issues: inout IssueList) -> String? {
        let expected = #"an event name such as "message""#
        guard let field = fields.required("event", &issues, expected: expected),
              let event = field.nonEmptyString(&issues, expected: expected) else { return nil }
        guard !reservedEvents.contains(event) else {
            issues.add(field.path, value: field.value,
                       expected: "an event name other than the reserved " + reservedEvents.joined(separator: ", "))
            return nil
        }
        return event
    }

    /// Checks the placeholders of every string inside an emit argument.
    private static func validateTemplates(in field: Field, _ issues: inout IssueList) {
        switch field.value {
        case .string(let text):
            _ = TemplateValidator.validate(text, at: field.path, &issues)
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                validateTemplates(in: Field(value: element, path: field.path.appending(index)), &issues)
            }
        case .object(let object):
            for (key, element) in object {
                validateTemplates(in: Field(value: element, path: field.path.appending(key)), &issues)
            }
        case .null, .bool, .number, .binary:
            break
        }
    }
}
