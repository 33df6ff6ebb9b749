import Testing

@testable import Scenario

@Suite struct ThresholdParserTests {
    @Test(arguments: [
        ("delivery.p99 < 250ms", "delivery", "p99", Threshold.Comparison.less, 250.0),
        ("delivery.p99<1s", "delivery", "p99", .less, 1_000),
        ("delivery.p50 < 250 ms", "delivery", "p50", .less, 250),
        ("connect.p95 <= 1.5s", "connect", "p95", .lessOrEqual, 1_500),
        ("joinSeen.p99.9 > 0", "joinSeen", "p99.9", .greater, 0),
        ("nameConfirm.mean >= 20", "nameConfirm", "mean", .greaterOrEqual, 20),
        ("delivery.count != 0", "delivery", "count", .notEqual, 0),
        ("leaveSeen.max < 3s", "leaveSeen", "max", .less, 3_000),
        ("violations == 0", "violations", nil, .equal, 0),
        ("foreignMessages <= 10", "foreignMessages", nil, .lessOrEqual, 10),
        ("errors.rate < 1%", "errors", "rate", .less, 0.01),
        ("usersFailed.rate <= 0.05", "usersFailed", "rate", .lessOrEqual, 0.05),
        ("sendsLate.rate < 100%", "sendsLate", "rate", .less, 1),
        ("  errors  ==  0  ", "errors", nil, .equal, 0),
    ] as [(String, String, String?, Threshold.Comparison, Double)])
    func parses(_ expression: String, _ metric: String, _ statistic: String?, _ comparison: Threshold.Comparison, _ limit: Double) {
        let expected = Threshold(expression: expression, metric: metric, statistic: statistic, comparison: comparison, limit: limit)
        #expect(ThresholdParser.parse(expression) == .success(expected))
    }

    @Test(arguments: [
        ("", #""""#, #"<metric>[.<stat>] <op> <number>[ms|s|%], e.g. "delivery.p99 < 250ms""#),
        ("< 5", #""< 5""#, #"<metric>[.<stat>] <op> <number>[ms|s|%], e.g. "delivery.p99 < 250ms""#),
        ("delivery.p99", "nothing after 'delivery.p99'", "an operator: <, <=, >, >=, == or !="),
        ("delivery.p99 => 1s", #""=> 1s""#, "an operator: <, <=, >, >=, == or != (== for equality)"),
        ("delivery.p99 < ", "no limit", "a number, optionally with a unit ms, s or %"),
        ("delivery.p99 < fast", #""fast""#, "a number, optionally with a unit ms, s or %"),
        ("delivery.p99 < 1..5s", #""1..5s""#, "a number, optionally with a unit ms, s or %"),
        ("delivery.p99 < -1", #""-1""#, "a limit >= 0"),
        ("delivery.p99 < 1 h", #"unit "h""#, "no unit, ms, s or %"),
        ("delivery.p99 < 1s extra", #"unit "s extra""#, "no unit, ms, s or %"),
        ("delivery < 1s", "delivery without a statistic",
         "one of delivery.p50, delivery.p90, delivery.p95, delivery.p99, delivery.p99.9, delivery.max, delivery.min, delivery.mean, delivery.count"),
        ("delivery.P99 < 1s", #"statistic "P99""#,
         "one of delivery.p50, delivery.p90, delivery.p95, delivery.p99, delivery.p99.9, delivery.max, delivery.min, delivery.mean, delivery.count (did you mean 'p99'?)"),
        ("delivery.p99 < 5%", #"unit "%""#, "a duration in ms or s for delivery.p99"),
        ("delivery.count < 5ms", #"unit "ms""#, "a plain number for delivery.count"),
        ("violation == 0", #"metric "violation""#,
         "one of tcpConnect, engineOpen, socketConnect, connect, upgrade, nameConfirm, deliveryToSender, delivery, joinSeen, leaveSeen, violations, errors, usersFailed, sendsLate, foreignMessages (did you mean 'violations'?)"),
        ("violations.p99 == 0", #"statistic "p99""#, "no statistic: violations is a plain count"),
        ("violations.rate < 1%", #"statistic "rate""#, "no statistic: violations is a plain count"),
        ("errors.p99 < 1", #"statistic "p99""#, "no statistic (errors) or errors.rate"),
        ("errors < 1%", #"unit "%""#, "a plain count for errors (errors.rate for a fraction)"),
        ("errors < 1s", #"unit "s""#, "a plain count for errors (errors.rate for a fraction)"),
        ("errors.rate < 150%", "a rate limit of 150%", "a fraction from 0 to 1 (0% to 100%)"),
        ("errors.rate < 2", "a rate limit of 2", "a fraction from 0 to 1 (0% to 100%)"),
        ("errors.rate < 1s", #"unit "s""#, "a fraction (0.01) or a percentage (1%) for errors.rate"),
    ] as [(String, String, String)])
    func rejects(_ expression: String, _ found: String, _ expected: String) {
        #expect(ThresholdParser.parse(expression) == .failure(ThresholdParser.Problem(found: found, expected: expected)))
    }

    @Test func everyMetricAndStatisticParses() {
        for metric in Threshold.durationMetrics {
            for statistic in Threshold.durationStatistics {
                let expression = "\(metric).\(statistic) < 5"
                #expect(ThresholdParser.parse(expression) == .success(
                    Threshold(expression: expression, metric: metric, statistic: statistic, comparison: .less, limit: 5)))
            }
        }
        for metric in Threshold.counterMetrics {
            #expect((try? ThresholdParser.parse("\(metric) == 0").get())?.statistic == nil)
        }
        for metric in Threshold.rateMetrics {
            #expect((try? ThresholdParser.parse("\(metric).rate < 10%").get())?.limit == 0.1)
        }
    }
}
