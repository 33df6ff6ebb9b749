import JSON

/// The issues found so far; the parser adds to it and carries on.
struct IssueList: Sendable {
    /// The issues in the order they were found, without duplicates.
    private(set) var issues: [ScenarioIssue] = []

    /// Whether no issue was found.
    var isEmpty: Bool { issues.isEmpty }

    /// Records a problem at `path`; an identical issue already recorded is not repeated
    /// (a loop body is checked twice, for its first and its later iterations).
    mutating func add(_ path: JSONPath, found: String, expected: String) {
        add(ScenarioIssue(path: path.description, found: found, expected: expected))
    }

    /// Records `issue` unless it is already there.
    mutating func add(_ issue: ScenarioIssue) {
        if !issues.contains(issue) { issues.append(issue) }
    }

    /// Records that `value` at `path` is not what is `expected`.
    mutating func add(_ path: JSONPath, value: JSONValue, expected: String) {
        add(path, found: Self.describe(value), expected: expected)
    }

    /// Records that a required member is missing.
    mutating func addMissing(_ path: JSONPath, expected: String) {
        add(path, found: "missing", expected: expected)
    }

    /// A short description of a value: its JSON text when it is a short scalar, otherwise its kind.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .object: return "an object"
        case .array(let elements): return elements.isEmpty ? "an empty array" : "an array"
        case .binary: return "binary data"
        case .string(let text): return quote(text)
        case .null, .bool, .number: return value.serialized
        }
    }

    /// `text` as a JSON string literal, shortened to about 40 characters.
    static func quote(_ text: String) -> String {
        let limit = 40
        let shown = text.count > limit ? String(text.prefix(limit)) + "…" : text
        return JSONValue.string(shown).serialized
    }
}
