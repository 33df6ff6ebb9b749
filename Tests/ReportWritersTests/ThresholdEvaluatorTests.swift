import ReportWriters
import Scenario
import Testing

@Suite struct ThresholdEvaluatorTests {
    /// A report with `delivery` at 1...100 ms, an empty `upgrade` metric, and the given counts.
    static func report(counts: [String: Int]) -> RunReport {
        var delivery = MetricRecorder()
        for milliseconds in 1...100 { delivery.record(nanoseconds: UInt64(milliseconds) * 1_000_000) }
        var report = SampleReport.make()
        report.counts = counts
        report.metrics = ["delivery": delivery.summary(), "upgrade": MetricRecorder().summary()]
        return report
    }

    static let counts = ["usersStarted": 200, "usersFailed": 3, "errors": 4, "sends": 1_000, "sendsLate": 25, "violations": 2,
                         "deliveries": 9_000]

    struct Case: CustomTestStringConvertible, Sendable {
        var metric: String
        var statistic: String?
        var comparison: Threshold.Comparison
        var limit: Double
        var actual: Double?
        var passed: Bool
        var testDescription: String { "\(metric)\(statistic.map { "." + $0 } ?? "") \(comparison.rawValue) \(limit)" }
    }

    static let cases: [Case] = [
        // Durations, in ms. Values sit at the top of their HDR bucket (at most 0.1% high), so no limit sits exactly on one.
        Case(metric: "delivery", statistic: "p50", comparison: .less, limit: 60, actual: 50, passed: true),
        Case(metric: "delivery", statistic: "p90", comparison: .lessOrEqual, limit: 90.5, actual: 90, passed: true),
        Case(metric: "delivery", statistic: "p95", comparison: .greater, limit: 96, actual: 95, passed: false),
        Case(metric: "delivery", statistic: "p99", comparison: .less, limit: 99, actual: 99, passed: false),
        Case(metric: "delivery", statistic: "p99.9", comparison: .greaterOrEqual, limit: 100, actual: 100, passed: true),
        Case(metric: "delivery", statistic: "max", comparison: .greater, limit: 101, actual: 100, passed: false),
        Case(metric: "delivery", statistic: "min", comparison: .equal, limit: 1, actual: 1, passed: true),
        Case(metric: "delivery", statistic: "mean", comparison: .less, limit: 51, actual: 50.5, passed: true),
        Case(metric: "delivery", statistic: "count", comparison: .greaterOrEqual, limit: 100, actual: 100, passed: true),
        // Counters.
        Case(metric: "violations", statistic: nil, comparison: .equal, limit: 0, actual: 2, passed: false),
        Case(metric: "errors", statistic: nil, comparison: .lessOrEqual, limit: 4, actual: 4, passed: true),
        Case(metric: "usersFailed", statistic: nil, comparison: .less, limit: 5, actual: 3, passed: true),
        Case(metric: "sendsLate", statistic: nil, comparison: .notEqual, limit: 0, actual: 25, passed: true),
        Case(metric: "foreignMessages", statistic: nil, comparison: .equal, limit: 0, actual: 0, passed: true),
        Case(metric: "deliveries", statistic: nil, comparison: .greater, limit: 8_000, actual: 9_000, passed: true),
        // Rates are fractions.
        Case(metric: "errors", statistic: "rate", comparison: .less, limit: 0.01, actual: 0.02, passed: false),
        Case(metric: "usersFailed", statistic: "rate", comparison: .lessOrEqual, limit: 0.015, actual: 0.015, passed: true),
        Case(metric: "sendsLate", statistic: "rate", comparison: .less, limit: 0.05, actual: 0.025, passed: true),
    ]

    @Test(arguments: cases)
    func evaluates(_ testCase: Case) throws {
        let threshold = Threshold(expression: testCase.testDescription, metric: testCase.metric, statistic: testCase.statistic,
                                  comparison: testCase.comparison, limit: testCase.limit)
        let result = ThresholdEvaluator.evaluate(threshold, report: Self.report(counts: Self.counts))
        #expect(result.expression == testCase.testDescription)
        let actual = try #require(result.actual)
        let expected = try #require(testCase.actual)
        #expect(abs(actual - expected) <= expected * 0.001)
        #expect(result.passed == testCase.passed)
        #expect((result.note == nil) == result.passed)
    }

    @Test(arguments: Threshold.Comparison.allCases)
    func eachOperatorAtBelowAndAboveTheLimit(_ comparison: Threshold.Comparison) {
        let expected: [Threshold.Comparison: [Bool]] = [
            .less: [true, false, false], .lessOrEqual: [true, true, false], .greater: [false, false, true],
            .greaterOrEqual: [false, true, true], .equal: [false, true, false], .notEqual: [true, false, true],
        ]
        let outcomes = [9.0, 10, 11].map { ThresholdEvaluator.holds($0, comparison, 10) }
        #expect(outcomes == expected[comparison])
    }

    @Test func ratesWithZeroDenominatorsAreZero() {
        let report = Self.report(counts: ["errors": 3, "sendsLate": 1])
        let results = ThresholdEvaluator.evaluate([
            Threshold(expression: "errors.rate < 1%", metric: "errors", statistic: "rate", comparison: .less, limit: 0.01),
            Threshold(expression: "usersFailed.rate == 0", metric: "usersFailed", statistic: "rate", comparison: .equal, limit: 0),
            Threshold(expression: "sendsLate.rate < 1%", metric: "sendsLate", statistic: "rate", comparison: .less, limit: 0.01),
        ], report: report)
        #expect(results.map(\.actual) == [0, 0, 0])
        #expect(results.allSatisfy { $0.passed })
    }

    @Test func missingCountersAreZero() {
        let result = ThresholdEvaluator.evaluate(
            Threshold(expression: "violations == 0", metric: "violations", statistic: nil, comparison: .equal, limit: 0),
            report: Self.report(counts: [:]))
        #expect(result.actual == 0)
        #expect(result.passed)
    }

    @Test(arguments: [("joinSeen", "p99"), ("upgrade", "max"), ("upgrade", "p50")])
    func metricsWithoutSamplesFailWithANote(metric: String, statistic: String) {
        let result = ThresholdEvaluator.evaluate(
            Threshold(expression: "\(metric).\(statistic) < 100ms", metric: metric, statistic: statistic, comparison: .less, limit: 100),
            report: Self.report(counts: Self.counts))
        #expect(result.actual == nil)
        #expect(!result.passed)
        #expect(result.note == "no samples for \(metric)")
    }

    @Test(arguments: ["joinSeen", "upgrade"])
    func countOfAMetricWithoutSamplesIsZero(metric: String) {
        let result = ThresholdEvaluator.evaluate(
            Threshold(expression: "\(metric).count == 0", metric: metric, statistic: "count", comparison: .equal, limit: 0),
            report: Self.report(counts: Self.counts))
        #expect(result.actual == 0)
        #expect(result.passed)
    }

    @Test func unknownNamesFailWithANoteThatSaysWhatExists() throws {
        let report = Self.report(counts: Self.counts)
        let thresholds = [
            Threshold(expression: "bogus == 0", metric: "bogus", statistic: nil, comparison: .equal, limit: 0),
            Threshold(expression: "sends.rate < 1", metric: "sends", statistic: "rate", comparison: .less, limit: 1),
            Threshold(expression: "delivery.p42 < 1ms", metric: "delivery", statistic: "p42", comparison: .less, limit: 1),
        ]
        let results = ThresholdEvaluator.evaluate(thresholds, report: report)
        #expect(results.allSatisfy { !$0.passed && $0.actual == nil })
        #expect(try #require(results[0].note).contains("violations"))
        #expect(try #require(results[1].note).contains("errors, sendsLate, usersFailed"))
        #expect(try #require(results[2].note).contains("p99.9"))
    }

    @Test func failureNotesShowTheMeasuredValueInItsUnit() {
        let report = Self.report(counts: Self.counts)
        let results = ThresholdEvaluator.evaluate([
            Threshold(expression: "delivery.p99 < 50ms", metric: "delivery", statistic: "p99", comparison: .less, limit: 50),
            Threshold(expression: "errors.rate < 1%", metric: "errors", statistic: "rate", comparison: .less, limit: 0.01),
            Threshold(expression: "violations == 0", metric: "violations", statistic: nil, comparison: .equal, limit: 0),
        ], report: report)
        #expect(results.map(\.note) == [
            "measured 99.0 ms, needs < 50.0 ms",
            "measured 2.00%, needs < 1.00%",
            "measured 2, needs == 0",
        ])
    }
}
