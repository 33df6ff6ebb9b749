import JSON

/// Replaces `${NAME}` with the value of the environment variable `NAME`; `$${` is a literal `${`.
enum EnvironmentExpander {
    /// Why a reference could not be expanded.
    enum Problem: Equatable {
        /// `${NAME}` where `NAME` is not set.
        case missing(String)
        /// `${` without a closing `}`.
        case unterminated
        /// `${...}` whose content is not a variable name.
        case invalidName(String)
    }

    /// The expanded text and every reference that could not be expanded (left as written).
    static func expand(_ text: String, environment: [String: String]) -> (text: String, problems: [Problem]) {
        var output = ""
        var problems: [Problem] = []
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            output += rest[..<dollar]
            let afterDollar = rest[rest.index(after: dollar)...]
            if afterDollar.hasPrefix("${") {
                output += "${"
                rest = afterDollar.dropFirst(2)
            } else if afterDollar.hasPrefix("{") {
                let body = afterDollar.dropFirst()
                guard let close = body.firstIndex(of: "}") else {
                    problems.append(.unterminated)
                    output += rest
                    rest = ""
                    break
                }
                let name = String(body[..<close])
                if !isVariableName(name) {
                    problems.append(.invalidName(name))
                    output += "${\(name)}"
                } else if let value = environment[name] {
                    output += value
                } else {
                    problems.append(.missing(name))
                    output += "${\(name)}"
                }
                rest = body[body.index(after: close)...]
            } else {
                output += "$"
                rest = afterDollar
            }
        }
        output += rest
        return (output, problems)
    }

    /// Expands every string inside `value` (object keys stay as written), recording issues at their paths.
    static func expand(_ value: JSONValue, at path: JSONPath, environment: [String: String], _ issues: inout IssueList) -> JSONValue {
        switch value {
        case .string(let text):
            return .string(expand(text, at: path, environment: environment, &issues))
        case .array(let elements):
            return .array(elements.enumerated().map { expand($1, at: path.appending($0), environment: environment, &issues) })
        case .object(let object):
            return .object(JSONObject(object.map { ($0.key, expand($0.value, at: path.appending($0.key), environment: environment, &issues)) }))
        case .null, .bool, .number, .binary:
            return value
        }
    }

    /// Expands `text`, recording one issue per reference that could not be expanded.
    static func expand(_ text: String, at path: JSONPath, environment: [String: String], _ issues: inout IssueList) -> String {
        let (expanded, problems) = expand(text, environment: environment)
        for problem in problems {
            switch problem {
            case .missing(let name):
                issues.add(path, found: "${\(name)}", expected: "the environment variable \(name) to be set")
            case .unterminated:
                issues.add(path, found: IssueList.quote(text), expected: "a closing } after ${ (write $${ for a literal ${)")
            case .invalidName(let name):
                issues.add(path, found: "${\(name)}", expected: "${NAME} with a name of letters, digits and _, not starting with a digit")
            }
        }
        return expanded
    }

    private static func isVariableName(_ name: String) -> Bool {
        guard let first = name.first, !first.isNumber else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
