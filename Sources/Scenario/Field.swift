import JSON

/// A value of the scenario document and its path, with typed readers that record an issue
/// when the value does not fit and return nil.
struct Field {
    /// The value as parsed.
    let value: JSONValue
    /// Where it is.
    let path: JSONPath

    /// The value if it is a string.
    func string(_ issues: inout IssueList, expected: String = "a string") -> String? {
        guard case .string(let text) = value else {
            issues.add(path, value: value, expected: expected)
            return nil
        }
        return text
    }

    /// The value if it is a string with at least one character.
    func nonEmptyString(_ issues: inout IssueList, expected: String = "a non-empty string") -> String? {
        guard case .string(let text) = value, !text.isEmpty else {
            issues.add(path, value: value, expected: expected)
            return nil
        }
        return text
    }

    /// The value if it is `true` or `false`.
    func bool(_ issues: inout IssueList) -> Bool? {
        guard case .bool(let flag) = value else {
            issues.add(path, value: value, expected: "true or false")
            return nil
        }
        return flag
    }

    /// The value if it is a whole number in `range`.
    func integer(in range: ClosedRange<Int>, _ issues: inout IssueList) -> Int? {
        guard let integer = value.intValue, range.contains(integer) else {
            issues.add(path, value: value, expected: "an integer from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return integer
    }

    /// The value if it is a finite number that satisfies `isAccepted`; `expected` says which numbers are.
    func number(_ issues: inout IssueList, expected: String, where isAccepted: (Double) -> Bool) -> Double? {
        guard case .number(let number) = value, number.isFinite, isAccepted(number) else {
            issues.add(path, value: value, expected: expected)
            return nil
        }
        return number
    }

    /// The value as milliseconds if it is a duration (see ``DurationParser``); zero only when `allowsZero`.
    /// `shape` is the expected text for a value that is not a duration at all.
    func duration(_ issues: inout IssueList, allowsZero: Bool, shape: String = DurationParser.shape) -> Int? {
        let lowest = allowsZero ? "a duration >= 0" : "a duration > 0"
        switch DurationParser.milliseconds(from: value) {
        case .success(let milliseconds) where milliseconds > 0 || allowsZero:
            return milliseconds
        case .success:
            issues.add(path, value: value, expected: lowest)
        case .failure(.negative):
            issues.add(path, value: value, expected: lowest)
        case .failure(.tooLong):
            issues.add(path, value: value, expected: "a duration of at most 24h")
        case .failure(.notADuration):
            issues.add(path, value: value, expected: shape)
        }
        return nil
    }

    /// The value if it is one of `choices`, with a suggestion for a near miss.
    func choice(_ choices: [String], _ issues: inout IssueList) -> String? {
        if case .string(let text) = value, choices.contains(text) { return text }
        let listed = choices.map { "\"\($0)\"" }
        let options = listed.count == 2 ? "\(listed[0]) or \(listed[1])"
            : listed.dropLast().joined(separator: ", ") + " or " + (listed.last ?? "")
        let hint = value.stringValue.map { Suggestion.hint(for: $0, in: choices) } ?? ""
        issues.add(path, value: value, expected: options + hint)
        return nil
    }

    /// The elements with their paths, if the value is an array (non-empty when `allowsEmpty` is false).
    func array(_ issues: inout IssueList, expected: String, allowsEmpty: Bool = true) -> [Field]? {
        guard case .array(let elements) = value, allowsEmpty || !elements.isEmpty else {
            issues.add(path, value: value, expected: expected)
            return nil
        }
        return elements.enumerated().map { Field(value: $1, path: path.appending($0)) }
    }

    /// The members, if the value is an object; each member not named in `keys` is an issue.
    func object(_ issues: inout IssueList, keys: [String], expected: String = "an object") -> Fields? {
        guard case .object(let object) = value else {
            issues.add(path, value: value, expected: expected)
            return nil
        }
        let fields = Fields(object: object, path: path)
        fields.reportUnknownKeys(allowed: keys, &issues)
        return fields
    }
}

/// The members of one JSON object of the document.
struct Fields {
    /// The object.
    let object: JSONObject
    /// Where it is.
    let path: JSONPath

    /// The member named `key`, if present.
    subscript(key: String) -> Field? {
        object[key].map { Field(value: $0, path: path.appending(key)) }
    }

    /// Whether the object has a member named `key`.
    func contains(_ key: String) -> Bool { object[key] != nil }

    /// The member named `key`; its absence is an issue.
    func required(_ key: String, _ issues: inout IssueList, expected: String) -> Field? {
        guard let field = self[key] else {
            issues.addMissing(path.appending(key), expected: expected)
            return nil
        }
        return field
    }

    /// Records an issue for each member whose key is not in `allowed`.
    func reportUnknownKeys(allowed: [String], _ issues: inout IssueList) {
        for key in object.keys where !allowed.contains(key) {
            issues.add(path.appending(key), found: "an unknown key", expected: Self.expectedKey(for: key, allowed: allowed))
        }
    }

    /// `a known key: did you mean 'x'?`, or the list of keys when none is close.
    static func expectedKey(for key: String, allowed: [String]) -> String {
        if let suggestion = Suggestion.closest(to: key, in: allowed) {
            return "a known key: did you mean '\(suggestion)'?"
        }
        return "one of the keys " + allowed.joined(separator: ", ")
    }
}
