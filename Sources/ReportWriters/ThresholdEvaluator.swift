import Scenario

/// Evaluates a scenario's thresholds against a finished report.
///
/// Durations (`delivery.p99`, `connect.max`, `joinSeen.count`) read ``RunReport/metrics`` in milliseconds;
/// counters (`violations`, `errors`, `usersFailed`, `sendsLate`, `foreignMessages`) read ``RunReport/counts``;
/// rates are fractions: `errors.rate` and `usersFailed.rate` per started user, `sendsLate.rate` per send.
public enum ThresholdEvaluator {
    /// Counters that are 0 when the report has no entry for them.
    public static let counters: Set<String> = ["violations", "errors", "usersFailed", "sendsLate", "foreignMessages"]
    /// The rates and the counters they divide: numerator over denominator.
    public static let rates: [String: (numerator: String, denominator: String)] = [
        "errors": ("errors", "usersStarted"),
        "usersFailed": ("usersFailed", "usersStarted"),
        "sendsLate": ("sendsLate", "sends"),
    ]
    /// The statistics a duration metric offers (the scenario format's list).
    public static var statistics: [String] { Threshold.durationStatistics }

    /// One result per threshold, in order.
    public static func evaluate(_ thresholds: [Threshold], report: RunReport) -> [ThresholdResult] {
        thresholds.map { evaluate($0, report: report) }
    }

    /// The measured value of one threshold and whether it holds.
    public static func evaluate(_ threshold: Threshold, report: RunReport) -> ThresholdResult {
        let measured: Double
        switch measure(threshold, in: report) {
        case .value(let value):
            measured = value
        case .unavailable(let note):
            return ThresholdResult(expression: threshold.expression, actual: nil, passed: false, note: note)
        }
        let passed = holds(measured, threshold.comparison, threshold.limit)
        var note: String?
        if !passed {
            let unit = ThresholdUnit(statistic: threshold.statistic)
            note = "measured \(unit.format(measured)), needs \(threshold.comparison.rawValue) \(unit.format(threshold.limit))"
        }
        return ThresholdResult(expression: threshold.expression, actual: measured, passed: passed, note: note)
    }

    /// Whether `value <comparison> limit` holds.
    public static func holds(_ value: Double, _ comparison: Threshold.Comparison, _ limit: Double) -> Bool {
        switch comparison {
        case .less: value < limit
        case .lessOrEqual: value <= limit
        case .greater: value > limit
        case .greaterOrEqual: value >= limit
        case .equal: value == limit
        case .notEqual: value != limit
        }
    }

    private enum Measurement {
        case value(Double)
        case unavailable(String)
    }

    private static func measure(_ threshold: Threshold, in report: RunReport) -> Measurement {
        let metric = threshold.metric
        switch threshold.statistic {
        case nil:
            if let count = report.counts[metric] { return .value(Double(count)) }
            if counters.contains(metric) { return .value(0) }
            return .unavailable("unknown counter \"\(metric)\"; counters are \(counters.sorted().joined(separator: ", "))")
        case "rate":
            guard let rate = rates[metric] else {
                return .unavailable("no rate for \"\(metric)\"; rates exist for \(rates.keys.sorted().joined(separator: ", "))")
            }
            let denominator = report.counts[rate.denominator] ?? 0
            guard denominator > 0 else { return .value(0) }
            return .value(Double(report.counts[rate.numerator] ?? 0) / Double(denominator))
        case let statistic?:
            guard statistics.contains(statistic) else {
                return .unavailable("unknown statistic \"\(statistic)\"; use \(statistics.joined(separator: ", ")) or rate")
            }
            guard let summary = report.metrics[metric], summary.count > 0 else {
                return statistic == "count" ? .value(0) : .unavailable("no samples for \(metric)")
            }
            return .value(value(of: statistic, in: summary))
        }
    }

    private static func value(of statistic: String, in summary: MetricSummary) -> Double {
        switch statistic {
        case "p50": summary.p50
        case "p90": summary.p90
        case "p95": summary.p95
        case "p99": summary.p99
        case "p99.9": summary.p999
        case "max": summary.max
        case "min": summary.min
        case "mean": summary.mean
        default: Double(summary.count)
        }
    }
}
