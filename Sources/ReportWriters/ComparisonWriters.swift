/// Renders a ``Comparison`` as a terminal table, Markdown and a self-contained HTML page with overlaid charts.
public enum ComparisonWriters {
    /// A plain-text side-by-side table for the terminal.
    public static func text(_ comparison: Comparison) -> String {
        let names = comparison.entries.map(\.name)
        var lines: [String] = []
        let header = "".padded(34) + names.enumerated().map { index, name in
            (index == 0 ? name + " (baseline)" : name).padded(24)
        }.joined()
        lines.append(header)
        for row in comparison.throughputRows + comparison.latencyRows {
            var line = row.label.padded(34)
            for index in row.values.indices {
                var cell = Comparison.format(row.values[index], row.unit)
                if index > 0, let ratio = row.ratio(index) { cell += " " + Comparison.formatRatio(ratio) }
                line += cell.padded(24)
            }
            lines.append(line)
        }
        for (check, statuses) in comparison.checkRows {
            lines.append(("check " + check).padded(34) + statuses.map { $0.padded(24) }.joined())
        }
        return lines.joined(separator: "\n")
    }

    /// `comparison.md`.
    public static func markdown(_ comparison: Comparison) -> String {
        let names = comparison.entries.map { MarkdownEscaping.text($0.name) }
        var out = "## Comparison: " + comparison.entries.map { "\(MarkdownEscaping.text($0.name)) (\(MarkdownEscaping.text($0.report.run.target)))" }.joined(separator: " vs ") + "\n\n"
        if let first = comparison.entries.first {
            out += "Scenario `\(first.report.run.scenario)`; the first column is the baseline; ×r is the ratio to it.\n\n"
        }
        out += "| | " + names.joined(separator: " | ") + " |\n"
        out += "|---|" + names.map { _ in "--:|" }.joined() + "\n"
        for row in comparison.throughputRows + comparison.latencyRows {
            out += "| \(row.label) |"
            for index in row.values.indices {
                var cell = Comparison.format(row.values[index], row.unit)
                if index > 0, let ratio = row.ratio(index) { cell += " " + Comparison.formatRatio(ratio) }
                out += " \(cell) |"
            }
            out += "\n"
        }
        let separators = String(repeating: "---|", count: names.count)
        out += "\n### Checks\n\n| check | " + names.joined(separator: " | ") + " |\n|---|" + separators + "\n"
        for (check, statuses) in comparison.checkRows {
            out += "| \(check) | " + statuses.joined(separator: " | ") + " |\n"
        }
        out += "\n### Runs\n\n"
        for entry in comparison.entries {
            let run = entry.report.run
            out += "- **\(MarkdownEscaping.text(entry.name))**: \(run.status.rawValue.uppercased()), \(MarkdownEscaping.text(run.target)), started \(run.startedAt), \(NumberFormatting.seconds(run.durationSeconds)), seed \(run.seed), run id `\(run.id)`\n"
        }
        return out
    }

    static let palette = ["#2563eb", "#d97706", "#059669", "#7c3aed", "#dc2626", "#0891b2"]

    /// `comparison.html`: one self-contained page, charts overlaid per run.
    public static func html(_ comparison: Comparison) -> String {
        func e(_ text: String) -> String { HTMLEscaping.escape(text) }
        let names = comparison.entries.map(\.name)
        let title = "Comparison: " + names.joined(separator: " vs ")
        var out = HTMLStyle.documentHead(title: title) + """
        <header class="banner \(comparison.allPassed ? "passed" : "failed")"><div class="inner"><h1>\(e(title))</h1></div></header>
        <main>

        """
        if let first = comparison.entries.first {
            out += "<p>Scenario <code>\(e(first.report.run.scenario))</code>. The first run is the baseline; ×r is the ratio to it.</p>\n"
        }
        out += "<h2>Charts</h2>\n<div class=\"charts\">\n"
        for chart in charts(comparison) { out += "<figure>\(chart.svg())</figure>\n" }
        out += "</div>\n"
        out += "<h2>Side by side</h2>\n<table>\n<tr><th></th>" + names.map { "<th class=\"num\">\(e($0))</th>" }.joined() + "</tr>\n"
        for row in comparison.throughputRows + comparison.latencyRows {
            out += "<tr><td class=\"key\">\(e(row.label))</td>"
            for index in row.values.indices {
                var cell = e(Comparison.format(row.values[index], row.unit))
                if index > 0, let ratio = row.ratio(index) {
                    let better = row.lowerIsBetter ? ratio < 1 : ratio > 1
                    let tone = abs(ratio - 1) < 0.005 ? "skipped" : (better ? "passed" : "failed")
                    cell += " <span class=\"badge \(tone)\">\(e(Comparison.formatRatio(ratio)))</span>"
                }
                out += "<td class=\"num\">\(cell)</td>"
            }
            out += "</tr>\n"
        }
        out += "</table>\n<h2>Checks</h2>\n<table>\n<tr><th>check</th>" + names.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
        for (check, statuses) in comparison.checkRows {
            out += "<tr><td class=\"key\">\(e(check))</td>" + statuses.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
        }
        out += "</table>\n<h2>Runs</h2>\n<ul>\n"
        for entry in comparison.entries {
            let run = entry.report.run
            out += "<li><strong>\(e(entry.name))</strong>: \(e(run.status.rawValue.uppercased())), \(e(run.target)), started \(e(run.startedAt)), \(e(NumberFormatting.seconds(run.durationSeconds))), seed \(run.seed), run id <code>\(e(run.id))</code></li>\n"
        }
        out += "</ul>\n</main>\n</body>\n</html>\n"
        return out
    }

    /// Overlaid charts: delivery p99 per second, deliveries per second, and the delivery percentile spectrum.
    static func charts(_ comparison: Comparison) -> [LineChart] {
        let seconds = comparison.entries.map { entry in
            max(entry.report.run.durationSeconds, Double((entry.report.timeSeries.map(\.second).max() ?? 0) + 1), 1)
        }.max() ?? 1
        func color(_ index: Int) -> String { palette[index % palette.count] }
        let p99 = LineChart(title: "Delivery p99 per second", yUnit: "ms", xAxis: .seconds(upTo: seconds), series:
            comparison.entries.enumerated().map { index, entry in
                LineChart.Series(name: entry.name, color: color(index), points: entry.report.timeSeries.map { (Double($0.second) + 0.5, $0.p99) }, dotted: true)
            })
        let throughput = LineChart(title: "Deliveries per second", yUnit: "per second", xAxis: .seconds(upTo: seconds), series:
            comparison.entries.enumerated().map { index, entry in
                LineChart.Series(name: entry.name, color: color(index), points: entry.report.timeSeries.map { (Double($0.second) + 0.5, Double($0.deliveries)) })
            })
        let histograms = comparison.entries.map { $0.report.metrics["delivery"]?.histogram }
        let largest = histograms.compactMap { $0 }.map { $0.counts.reduce(0) { $0 &+ ($1.count == 2 ? $1[1] : 0) } }.max() ?? 0
        let nines = PercentileSpectrum.nines(forTotal: largest)
        let spectrum = LineChart(title: "Delivery latency by percentile", yUnit: "ms", xAxis: .percentile(nines: nines), series:
            comparison.entries.enumerated().compactMap { index, entry in
                guard let histogram = histograms[index] else { return nil }
                return LineChart.Series(name: entry.name, color: color(index), points: PercentileSpectrum(histogram, maxNines: nines).points.map { ($0.x, $0.y) })
            })
        return [p99, throughput, spectrum]
    }
}

extension String {
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
