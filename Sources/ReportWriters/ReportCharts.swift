/// The charts of the HTML report, built from a report's time series and histograms.
enum ReportCharts {
    static let blue = "#2563eb"
    static let amber = "#d97706"
    static let green = "#059669"
    static let purple = "#7c3aed"

    /// All four, in page order.
    static func all(for report: RunReport) -> [LineChart] {
        [latencyOverTime(report), throughput(report), activeUsers(report), latencyDistribution(report)]
    }

    // Each point stands for a whole second, so it sits in the middle of it.

    /// Delivery latency p50 and p99 per second.
    static func latencyOverTime(_ report: RunReport) -> LineChart {
        LineChart(title: "Delivery latency per second", yUnit: "ms", xAxis: secondsAxis(report), series: [
            .init(name: "p50", color: blue, points: report.timeSeries.map { (Double($0.second) + 0.5, $0.p50) }, dotted: true),
            .init(name: "p99", color: amber, points: report.timeSeries.map { (Double($0.second) + 0.5, $0.p99) }, dotted: true),
        ], markers: markers(report))
    }

    /// Sends and deliveries per second.
    static func throughput(_ report: RunReport) -> LineChart {
        LineChart(title: "Throughput", yUnit: "per second", xAxis: secondsAxis(report), series: [
            .init(name: "sends", color: blue, points: report.timeSeries.map { (Double($0.second) + 0.5, Double($0.sends)) }),
            .init(name: "deliveries", color: green, points: report.timeSeries.map { (Double($0.second) + 0.5, Double($0.deliveries)) }),
        ], markers: markers(report))
    }

    /// Connected users per second.
    static func activeUsers(_ report: RunReport) -> LineChart {
        LineChart(title: "Active users", yUnit: "users", xAxis: secondsAxis(report), series: [
            .init(name: "users", color: purple, points: report.timeSeries.map { (Double($0.second) + 0.5, Double($0.users)) }, filled: true),
        ], markers: markers(report))
    }

    /// The percentile spectrum of `delivery` and `deliveryToSender`.
    static func latencyDistribution(_ report: RunReport) -> LineChart {
        let names = [("delivery", blue), ("deliveryToSender", green)]
        let present = names.compactMap { name, color in report.metrics[name].map { (name, color, $0.histogram) } }
        let largest = present.map { $0.2.counts.reduce(0) { $0 &+ ($1.count == 2 ? $1[1] : 0) } }.max() ?? 0
        let nines = PercentileSpectrum.nines(forTotal: largest)
        let series = present.map { name, color, histogram in
            LineChart.Series(name: name, color: color,
                             points: PercentileSpectrum(histogram, maxNines: nines).points.map { ($0.x, $0.y) })
        }
        return LineChart(title: "Delivery latency by percentile", yUnit: "ms", xAxis: .percentile(nines: nines),
                         series: series)
    }

    private static func secondsAxis(_ report: RunReport) -> LineChart.XAxis {
        let last = report.timeSeries.map(\.second).max().map { Double($0 + 1) } ?? 0
        return .seconds(upTo: max(report.run.durationSeconds, last, 1))
    }

    /// A marker at each second with violations or errors.
    private static func markers(_ report: RunReport) -> [LineChart.Marker] {
        report.timeSeries.filter { $0.violations > 0 || $0.errors > 0 }.map { point in
            var parts: [String] = []
            if point.violations > 0 { parts.append("\(point.violations) violation" + (point.violations == 1 ? "" : "s")) }
            if point.errors > 0 { parts.append("\(point.errors) error" + (point.errors == 1 ? "" : "s")) }
            return LineChart.Marker(x: Double(point.second) + 0.5, label: "second \(point.second): " + parts.joined(separator: ", "))
        }
    }
}
