/// Parses threshold expressions: `<metric>[.<stat>] <op> <number>[unit]`, e.g. `delivery.p99 < 250ms`.
///
/// Units: `ms` (the default for durations), `s` (times 1000) and `%` (a fraction: `1%` is 0.01).
/// Spaces are allowed around the operator and before the unit.
enum ThresholdParser {
    /// Why an expression is not a threshold, as the `found` and `expected` of an issue.
    struct Problem: Error, Equatable {
        var found: String
        var expected: String
    }

    /// The grammar, for messages.
    static let shape = #"<metric>[.<stat>] <op> <number>[ms|s|%], e.g. "delivery.p99 < 250ms""#

    private static let operators: [Threshold.Comparison] = [.lessOrEqual, .greaterOrEqual, .equal, .notEqual, .less, .greater]

    /// The threshold, or the first problem in the expression.
    static func parse(_ expression: String) -> Result<Threshold, Problem> {
        var rest = Substring(expression)
        skipSpaces(&rest)
        let metric = String(take(&rest) { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        guard !metric.isEmpty else {
            return .failure(Problem(found: IssueList.quote(expression), expected: shape))
        }
        var statistic: String?
        if rest.first == "." {
            rest.removeFirst()
            statistic = String(take(&rest) { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") })
        }
        skipSpaces(&rest)
        guard let comparison = operators.first(where: { rest.hasPrefix($0.rawValue) }) else {
            let hint = rest.hasPrefix("=") ? " (== for equality)" : ""
            let found = rest.isEmpty ? "nothing after '\(metric)\(statistic.map { ".\($0)" } ?? "")'" : IssueList.quote(String(rest))
            return .failure(Problem(found: found, expected: "an operator: <, <=, >, >=, == or !=" + hint))
        }
        rest.removeFirst(comparison.rawValue.count)
        skipSpaces(&rest)
        if rest.first == "-" {
            return .failure(Problem(found: IssueList.quote(String(rest)), expected: "a limit >= 0"))
        }
        let numberText = take(&rest) { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard numberText.isUnsignedDecimal, let number = Double(numberText) else {
            let found = rest.isEmpty && numberText.isEmpty ? "no limit" : IssueList.quote(String(numberText + rest))
            return .failure(Problem(found: found, expected: "a number, optionally with a unit ms, s or %"))
        }
        skipSpaces(&rest)
        var unit = rest
        while unit.last == " " || unit.last == "\t" { unit.removeLast() }
        guard ["", "ms", "s", "%"].contains(unit) else {
            return .failure(Problem(found: "unit \(IssueList.quote(String(unit)))", expected: "no unit, ms, s or %"))
        }
        return check(metric: metric, statistic: statistic, unit: String(unit), number: number).map { limit in
            Threshold(expression: expression, metric: metric, statistic: statistic, comparison: comparison, limit: limit)
        }
    }

    /// Checks the metric, statistic and unit against each other and returns the limit in the metric's unit.
    private static func check(metric: String, statistic: String?, unit: String, number: Double) -> Result<Double, Problem> {
        if Threshold.durationMetrics.contains(metric) {
            let statistics = Threshold.durationStatistics.map { "\(metric).\($0)" }.joined(separator: ", ")
            guard let statistic else {
                return .failure(Problem(found: "\(metric) without a statistic", expected: "one of \(statistics)"))
            }
            guard Threshold.durationStatistics.contains(statistic) else {
                let hint = Suggestion.hint(for: statistic, in: Threshold.durationStatistics)
                return .failure(Problem(found: "statistic \(IssueList.quote(statistic))", expected: "one of \(statistics)\(hint)"))
            }
            if statistic == "count" {
                guard unit.isEmpty else {
                    return .failure(Problem(found: "unit \(IssueList.quote(unit))", expected: "a plain number for \(metric).count"))
                }
                return .success(number)
            }
            switch unit {
            case "", "ms": return .success(number)
            case "s": return .success(number * 1_000)
            default: return .failure(Problem(found: "unit \"%\"", expected: "a duration in ms or s for \(metric).\(statistic)"))
            }
        }
        guard Threshold.counterMetrics.contains(metric) else {
            let all = Threshold.durationMetrics + Threshold.counterMetrics
            let hint = Suggestion.hint(for: metric, in: all)
            return .failure(Problem(found: "metric \(IssueList.quote(metric))", expected: "one of \(all.joined(separator: ", "))\(hint)"))
        }
        let hasRate = Threshold.rateMetrics.contains(metric)
        switch statistic {
        case nil:
            guard unit.isEmpty else {
                let rate = hasRate ? " (\(metric).rate for a fraction)" : ""
                return .failure(Problem(found: "unit \(IssueList.quote(unit))", expected: "a plain count for \(metric)\(rate)"))
            }
            return .success(number)
        case "rate" where hasRate:
            guard unit.isEmpty || unit == "%" else {
                return .failure(Problem(found: "unit \(IssueList.quote(unit))", expected: "a fraction (0.01) or a percentage (1%) for \(metric).rate"))
            }
            let fraction = unit == "%" ? number / 100 : number
            guard fraction <= 1 else {
                return .failure(Problem(found: "a rate limit of \(unit == "%" ? "\(numberText(number))%" : numberText(number))",
                                        expected: "a fraction from 0 to 1 (0% to 100%)"))
            }
            return .success(fraction)
        case let statistic?:
            let allowed = hasRate ? "no statistic (\(metric)) or \(metric).rate" : "no statistic: \(metric) is a plain count"
            return .failure(Problem(found: "statistic \(IssueList.quote(statistic))", expected: allowed))
        }
    }

    private static func numberText(_ number: Double) -> String {
        number.rounded() == number && number.magnitude < 1e15 ? String(Int(number)) : String(number)
    }

    private static func take(_ text: inout Substring, while predicate: (Character) -> Bool) -> Substring {
        let taken = text.prefix(while: predicate)
        text = text[taken.endIndex...]
        return taken
    }

    private static func skipSpaces(_ text: inout Substring) {
        _ = take(&text) { $0 == " " || $0 == "\t" }
    }
}
