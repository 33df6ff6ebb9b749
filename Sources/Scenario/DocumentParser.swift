import JSON

/// Parses the top-level scenario object, delegating each section to its parser.
enum DocumentParser {
    /// Every key the scenario object may have.
    static let keys = [
        "$schema", "name", "description", "target", "connection", "phases", "maxUsers",
        "groups", "checks", "thresholds", "seed", "drainTimeout",
    ]
    /// The longest scenario name.
    static let maximumNameLength = 64
    /// The largest seed: integers above 2^53 - 1 do not survive a JSON number.
    static let maximumSeed = 9_007_199_254_740_991

    /// Whether `character` may appear in a scenario name (it becomes part of a folder name).
    static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_" || character == ".")
    }

    /// The scenario; nil when it could not be assembled (the problems are in `issues`).
    static func parse(_ document: JSONValue, defaultName: String, environment: [String: String], _ issues: inout IssueList) -> Scenario? {
        let root = Field(value: document, path: .root)
        guard let scenario = root.object(&issues, keys: keys, expected: "a scenario object") else { return nil }
        _ = scenario["$schema"]?.string(&issues)
        let name = scenario["name"].flatMap { parseName($0, &issues) } ?? defaultName
        let description = scenario["description"]?.string(&issues) ?? ""
        let target = scenario["target"].flatMap { parseTarget($0, environment: environment, &issues) }
        let connection = scenario["connection"].map { ConnectionParser.parse($0, environment: environment, &issues) } ?? ConnectionSettings()
        let phases = parseList(scenario, "phases", expected: "a non-empty array of phases", &issues, PhaseParser.parse)
        let maxUsers = scenario["maxUsers"]?.integer(in: 1...PhaseParser.maximumUsers, &issues)
        let groups = parseList(scenario, "groups", expected: "a non-empty array of user groups", &issues, GroupParser.parse)
        let checks = scenario["checks"].map { CheckSettingsParser.parse($0, &issues) } ?? CheckSettings()
        let thresholds = scenario["thresholds"].map { parseThresholds($0, &issues) } ?? []
        let seed = scenario["seed"]?.integer(in: 0...maximumSeed, &issues).map(UInt64.init)
        let drain = scenario["drainTimeout"]?.duration(&issues, allowsZero: true) ?? 30_000
        if let phases { reportDuplicateNames(phases.map(\.name), in: scenario, "phases", kind: "phase", &issues) }
        if let groups { reportDuplicateNames(groups.map(\.name), in: scenario, "groups", kind: "group", &issues) }
        guard let phases, let groups else { return nil }
        return Scenario(name: name, description: description, target: target, connection: connection, phases: phases,
                        maxUsers: maxUsers, groups: groups, checks: checks, thresholds: thresholds, seed: seed,
                        drainTimeoutMilliseconds: drain)
    }

    /// The elements of a required, non-empty array, each parsed by `parse`; nil if any failed.
    private static func parseList<T>(_ scenario: Fields, _ key: String, expected: String, _ issues: inout IssueList,
                                     _ parse: (Field, Int, inout IssueList) -> T?) -> [T]? {
        guard let elements = scenario.required(key, &issues, expected: expected)?.array(&issues, expected: expected, allowsEmpty: false) else {
            return nil
        }
        var values: [T] = []
        for (index, element) in elements.enumerated() {
            if let value = parse(element, index, &issues) { values.append(value) }
        }
        return values.count == elements.count ? values : nil
    }

    private static func parseName(_ field: Field, _ issues: inout IssueList) -> String? {
        let expected = "a name of 1 to \(maximumNameLength) letters, digits, '-', '_' or '.' (it names the report folder)"
        guard let name = field.nonEmptyString(&issues, expected: expected) else { return nil }
        guard name.count <= maximumNameLength, name.allSatisfy(isNameCharacter), !name.hasPrefix(".") else {
            issues.add(field.path, value: field.value, expected: expected + ", not starting with '.'")
            return nil
        }
        return name
    }

    private static func parseTarget(_ field: Field, environment: [String: String], _ issues: inout IssueList) -> String? {
        guard let text = field.string(&issues) else { return nil }
        let target = EnvironmentExpander.expand(text, at: field.path, environment: environment, &issues)
        let lowered = target.lowercased()
        let scheme = ["http://", "https://", "ws://", "wss://"].first(where: lowered.hasPrefix)
        guard let scheme, target.count > scheme.count, !target.dropFirst(scheme.count).hasPrefix("/"),
              !target.contains(where: \.isWhitespace) else {
            issues.add(field.path, found: IssueList.quote(target), expected: #"an http, https, ws or wss URL such as "http://127.0.0.1:8000""#)
            return nil
        }
        return target
    }

    private static func parseThresholds(_ field: Field, _ issues: inout IssueList) -> [Threshold] {
        let elements = field.array(&issues, expected: #"an array of threshold expressions such as "delivery.p99 < 250ms""#) ?? []
        return elements.compactMap { element in
            guard let expression = element.string(&issues, expected: "a threshold: " + ThresholdParser.shape) else { return nil }
            switch ThresholdParser.parse(expression) {
            case .success(let threshold):
                return threshold
            case .failure(let problem):
                issues.add(element.path, found: problem.found, expected: problem.expected)
                return nil
            }
        }
    }

    private static func reportDuplicateNames(_ names: [String], in scenario: Fields, _ key: String, kind: String, _ issues: inout IssueList) {
        var firstIndex: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if let first = firstIndex[name] {
                let path = JSONPath.root.appending(key).appending(index)
                let explicit = scenario.object[key]?[index]?["name"] != nil
                issues.add(explicit ? path.appending("name") : path, found: IssueList.quote(name),
                           expected: "a \(kind) name not used before (\(JSONPath.root.appending(key).appending(first)) has it)")
            } else {
                firstIndex[name] = index
            }
        }
    }
}
