/// Writes `report.html`: one self-contained page (inline CSS and SVG, no script, no network) with the outcome,
/// charts of latency, throughput and users over time, the latency distribution, and every table of the report.
public struct HTMLReportWriter: ReportWriter {
    /// `report.html`.
    public let fileName = "report.html"
    /// Violation examples listed per check.
    public var maxExamplesPerCheck: Int
    /// Longer texts from the report are cut to this many characters.
    public var maxTextLength: Int

    /// A writer with limits that keep a page with thousands of violations readable.
    public init(maxExamplesPerCheck: Int = 20, maxTextLength: Int = 2_000) {
        self.maxExamplesPerCheck = maxExamplesPerCheck
        self.maxTextLength = maxTextLength
    }

    /// The page as UTF-8.
    public func render(_ report: RunReport) -> [UInt8] {
        Array(renderText(report).utf8)
    }

    /// The page.
    public func renderText(_ report: RunReport) -> String {
        let run = report.run
        var out = HTMLStyle.documentHead(title: "\(report.statusWord): \(run.scenario) against \(run.target)")
        banner(report, into: &out)
        out += "<main>\n"
        facts(report, into: &out)
        checks(report, into: &out)
        thresholds(report, into: &out)
        out += "<h2 id=\"charts\">Charts</h2>\n<div class=\"charts\">\n"
        for chart in ReportCharts.all(for: report) {
            out += "<figure>\n" + chart.svg() + "</figure>\n"
        }
        out += "</div>\n"
        latency(report, into: &out)
        counts(report, into: &out)
        violations(report, into: &out)
        errors(report, into: &out)
        reproduce(report, into: &out)
        out += "<footer>openchat-probe \(e(run.probeVersion)) · report schema \(e(report.schema)) version \(report.version)</footer>\n"
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    private func e(_ text: String) -> String {
        HTMLEscaping.escape(text, maxLength: maxTextLength)
    }

    private func banner(_ report: RunReport, into out: inout String) {
        let run = report.run
        out += "<header class=\"banner \(run.status.rawValue)\"><div class=\"inner\">"
        out += "<h1>\(report.statusWord)</h1>"
        out += "<div class=\"what\"><strong>\(e(run.scenario))</strong> against \(e(run.target))"
        if run.targetEmbedded { out += " (embedded server)" }
        out += "</div></div></header>\n"
    }

    private func facts(_ report: RunReport, into out: inout String) {
        let run = report.run
        if !run.scenarioDescription.isEmpty {
            out += "<p class=\"description\">\(e(run.scenarioDescription))</p>\n"
        }
        if let reason = run.abortReason {
            out += "<p class=\"abort\"><strong>Aborted:</strong> \(e(reason))</p>\n"
        }
        var facts: [(String, String)] = [
            ("run", run.id), ("started", run.startedAt), ("duration", NumberFormatting.seconds(run.durationSeconds)),
            ("transport", run.transport), ("seed", String(run.seed)), ("exit code", String(run.exitCode)),
            ("probe", run.probeVersion),
        ]
        if let file = run.scenarioFile { facts.append(("scenario file", file)) }
        for key in run.machine.keys.sorted() {
            facts.append((key, run.machine[key] ?? ""))
        }
        out += "<dl class=\"facts\">\n"
        for (name, value) in facts {
            out += "<div><dt>\(e(name))</dt><dd>\(e(value))</dd></div>\n"
        }
        out += "</dl>\n"
    }

    private func badge(_ status: String) -> String {
        "<span class=\"badge \(status)\">\(status)</span>"
    }

    private func checks(_ report: RunReport, into out: inout String) {
        guard !report.checks.isEmpty else { return }
        out += "<h2 id=\"checks\">Checks</h2>\n<table>\n<tr><th class=\"key\">check</th><th>result</th><th>what it verifies</th><th class=\"key\">violations</th></tr>\n"
        for check in report.checks {
            out += "<tr><td class=\"key\">\(check.name.rawValue)</td><td>\(badge(check.status.rawValue))</td>"
            out += "<td>\(e(check.description))</td><td class=\"key\">\(e(check.countsText))</td></tr>\n"
        }
        out += "</table>\n"
    }

    private func thresholds(_ report: RunReport, into out: inout String) {
        guard !report.thresholds.isEmpty else { return }
        out += "<h2 id=\"thresholds\">Thresholds</h2>\n<table>\n<tr><th>threshold</th><th class=\"num\">actual</th><th>result</th><th>note</th></tr>\n"
        for threshold in report.thresholds {
            let actual = threshold.actual.map(ThresholdUnit(expression: threshold.expression).format) ?? "—"
            out += "<tr><td><code>\(e(threshold.expression))</code></td><td class=\"num\">\(e(actual))</td>"
            out += "<td>\(badge(threshold.passed ? "passed" : "failed"))</td><td>\(e(threshold.note ?? ""))</td></tr>\n"
        }
        out += "</table>\n"
    }

    private func latency(_ report: RunReport, into out: inout String) {
        let names = report.orderedMetricNames
        guard !names.isEmpty else { return }
        let columns = ["count", "min", "mean", "p50", "p90", "p95", "p99", "p99.9", "max"]
        out += "<h2 id=\"latency\">Latency (ms)</h2>\n<table>\n<tr><th>metric</th>"
        out += columns.map { "<th class=\"num\">\($0)</th>" }.joined() + "</tr>\n"
        for name in names {
            guard let metric = report.metrics[name] else { continue }
            var cells = [String(metric.count)]
            if metric.count == 0 {
                cells += Array(repeating: "—", count: columns.count - 1)
            } else {
                cells += [metric.min, metric.mean, metric.p50, metric.p90, metric.p95, metric.p99, metric.p999, metric.max]
                    .map(NumberFormatting.milliseconds)
            }
            out += "<tr><td>\(e(name))</td>" + cells.map { "<td class=\"num\">\($0)</td>" }.joined() + "</tr>\n"
        }
        out += "</table>\n"
    }

    private func counts(_ report: RunReport, into out: inout String) {
        let counts = report.orderedCounts
        guard !counts.isEmpty else { return }
        out += "<h2 id=\"counts\">Counts</h2>\n<div class=\"tiles\">\n"
        for (name, value) in counts {
            out += "<div class=\"tile\"><div class=\"n\">\(value)</div><div class=\"k\">\(e(name))</div></div>\n"
        }
        out += "</div>\n"
    }

    private func violations(_ report: RunReport, into out: inout String) {
        // The `errors` check's findings are errors, listed in their own table.
        let failing = report.checks.filter { !$0.examples.isEmpty || $0.violationCount > 0 }
        guard !failing.isEmpty else { return }
        out += "<h2 id=\"violations\">Violations</h2>\n"
        for check in failing {
            let shown = min(check.examples.count, maxExamplesPerCheck)
            out += "<h3>\(check.name.rawValue): \(e(check.countsText))</h3>\n"
            guard shown > 0 else { continue }
            if shown < check.totalCount {
                out += "<p class=\"muted\">First \(shown) of \(check.totalCount).</p>\n"
            }
            out += "<table>\n<tr><th>kind</th><th>users</th><th>message</th><th>expected</th><th>seen</th><th class=\"num\">at (ms)</th></tr>\n"
            for example in check.examples.prefix(maxExamplesPerCheck) {
                out += "<tr><td>\(example.kind.rawValue)</td><td>\(e(example.usersText))</td>"
                out += "<td>\(example.message.map { "<code>\(e($0))</code>" } ?? "")</td>"
                out += "<td>\(e(example.expected))</td><td>\(e(example.seen))</td>"
                out += "<td class=\"num\">\(NumberFormatting.fixed(example.atMilliseconds, digits: 0))</td></tr>\n"
            }
            out += "</table>\n"
        }
    }

    private func errors(_ report: RunReport, into out: inout String) {
        guard !report.errors.isEmpty else { return }
        out += "<h2 id=\"errors\">Errors</h2>\n<table>\n<tr><th>kind</th><th class=\"num\">count</th><th>first examples</th></tr>\n"
        for error in report.errors {
            let examples = error.examples.prefix(maxExamplesPerCheck).map(e).joined(separator: "<br>")
            out += "<tr><td>\(error.kind.rawValue)</td><td class=\"num\">\(error.count)</td><td>\(examples)</td></tr>\n"
        }
        out += "</table>\n"
    }

    private func reproduce(_ report: RunReport, into out: inout String) {
        out += "<h2 id=\"reproduce\">Reproduce</h2>\n"
        out += "<p>Seed <code>\(report.run.seed)</code>. The same scenario and seed give the same users, arrivals and messages:</p>\n"
        out += "<pre><code>\(HTMLEscaping.escape(report.commandLineText))</code></pre>\n"
    }
}
