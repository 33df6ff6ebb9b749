/// Several runs side by side (the first is the baseline for ratios), e.g. a Swift server against the
/// Flask reference under the same scenario.
public struct Comparison: Sendable {
    /// One run in the comparison.
    public struct Entry: Sendable {
        /// The name shown in tables and legends (`flask`, `swift`).
        public var name: String
        public var report: RunReport
        public init(name: String, report: RunReport) {
            self.name = name
            self.report = report
        }
    }

    /// One row of a side-by-side table: a value per entry and each entry's ratio to the baseline.
    public struct Row: Sendable, Equatable {
        public var label: String
        /// Values per entry, nil when that run has no data for the row.
        public var values: [Double?]
        /// How to print the values.
        public var unit: Unit
        /// Whether smaller is better (latencies) or larger (throughput): decides which ratio is a gain.
        public var lowerIsBetter: Bool

        /// The value of entry `index` divided by the baseline's, when both exist and the baseline is not 0.
        public func ratio(_ index: Int) -> Double? {
            guard let base = values.first ?? nil, base != 0, let value = values[index] else { return nil }
            return value / base
        }
    }

    /// Units of row values.
    public enum Unit: Sendable, Equatable { case milliseconds, perSecond, count, seconds }

    public var entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The metrics compared, in display order.
    public static let comparedMetrics = ["connect", "upgrade", "nameConfirm", "deliveryToSender", "delivery", "joinSeen", "leaveSeen"]

    /// Latency rows: p50, p90, p99, p99.9 and max of every compared metric that any run has.
    public var latencyRows: [Row] {
        var rows: [Row] = []
        for metric in Self.comparedMetrics where entries.contains(where: { $0.report.metrics[metric] != nil }) {
            let statistics: [(String, (MetricSummary) -> Double)] = [
                ("p50", { $0.p50 }), ("p90", { $0.p90 }), ("p99", { $0.p99 }), ("p99.9", { $0.p999 }), ("max", { $0.max }),
            ]
            for (name, value) in statistics {
                rows.append(Row(label: "\(metric) \(name)", values: entries.map { $0.report.metrics[metric].map(value) },
                                unit: .milliseconds, lowerIsBetter: true))
            }
        }
        return rows
    }

    /// Throughput and outcome rows.
    public var throughputRows: [Row] {
        func perSecond(_ counter: String, _ report: RunReport) -> Double? {
            guard report.run.durationSeconds > 0 else { return nil }
            return Double(report.counts[counter] ?? 0) / report.run.durationSeconds
        }
        func deliveriesPerSecond(_ report: RunReport) -> Double? {
            guard report.run.durationSeconds > 0 else { return nil }
            return Double((report.counts["deliveries"] ?? 0) + (report.counts["deliveriesToSender"] ?? 0)) / report.run.durationSeconds
        }
        func peakDeliveries(_ report: RunReport) -> Double? {
            report.timeSeries.map { Double($0.deliveries) }.max()
        }
        func count(_ name: String) -> Row {
            Row(label: name, values: entries.map { Double($0.report.counts[name] ?? 0) }, unit: .count, lowerIsBetter: true)
        }
        return [
            Row(label: "deliveries per second (mean)", values: entries.map { deliveriesPerSecond($0.report) }, unit: .perSecond, lowerIsBetter: false),
            Row(label: "deliveries per second (peak)", values: entries.map { peakDeliveries($0.report) }, unit: .perSecond, lowerIsBetter: false),
            Row(label: "sends per second (mean)", values: entries.map { perSecond("sends", $0.report) }, unit: .perSecond, lowerIsBetter: false),
            Row(label: "users started", values: entries.map { Double($0.report.counts["usersStarted"] ?? 0) }, unit: .count, lowerIsBetter: false),
            count("usersFailed"), count("sendsLate"), count("errors"), count("violations"),
            Row(label: "duration", values: entries.map { $0.report.run.durationSeconds }, unit: .seconds, lowerIsBetter: true),
        ]
    }

    /// Per check: each run's status.
    public var checkRows: [(check: String, statuses: [String])] {
        let names = entries.first?.report.checks.map(\.name.rawValue) ?? []
        return names.map { name in
            (name, entries.map { entry in
                guard let check = entry.report.checks.first(where: { $0.name.rawValue == name }) else { return "-" }
                let total = check.counts.values.reduce(0, +)
                return check.status.rawValue + (total > 0 ? " (\(total))" : "")
            })
        }
    }

    /// Whether every compared run passed.
    public var allPassed: Bool { entries.allSatisfy { $0.report.run.status == .passed } }

    /// Text for a value in `unit`.
    public static func format(_ value: Double?, _ unit: Unit) -> String {
        guard let value else { return "-" }
        switch unit {
        case .milliseconds: return NumberFormatting.milliseconds(value) + " ms"
        case .perSecond: return NumberFormatting.fixed(value, digits: value >= 100 ? 0 : 1) + "/s"
        case .count: return NumberFormatting.plain(value)
        case .seconds: return NumberFormatting.seconds(value)
        }
    }

    /// "×0.42" style ratio text.
    public static func formatRatio(_ ratio: Double?) -> String {
        guard let ratio, ratio.isFinite else { return "" }
        return "×" + NumberFormatting.fixed(ratio, digits: ratio >= 10 ? 1 : 2)
    }
}
