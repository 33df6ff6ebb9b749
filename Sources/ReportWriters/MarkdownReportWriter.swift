/// Writes `summary.md`: a short summary for a CI job page (GitHub's `$GITHUB_STEP_SUMMARY`) or a pull request.
public struct MarkdownReportWriter: ReportWriter {
    /// `summary.md`.
    public let fileName = "summary.md"
    /// At most this many violation examples and error examples are listed.
    public var maxExamples: Int
    /// Longer texts from the report (messages, details) are cut to this many characters.
    public var maxTextLength: Int

    /// A writer with limits that keep a failing run's summary short.
    public init(maxExamples: Int = 10, maxTextLength: Int = 160) {
        self.maxExamples = maxExamples
        self.maxTextLength = maxTextLength
    }

    /// The summary as UTF-8.
    public func render(_ report: RunReport) -> [UInt8] {
        Array(renderText(report).utf8)
    }

    /// The summary.
    public func renderText(_ report: RunReport) -> String {
        var out = ""
        header(report, into: &out)
        checks(report, into: &out)
        thresholds(report, into: &out)
        latency(report, into: &out)
        counts(report, into: &out)
        violations(report, into: &out)
        errors(report, into: &out)
        reproduce(report, into: &out)
        return out
    }

    private func cell(_ text: String) -> String {
        MarkdownEscaping.text(text, maxLength: maxTextLength)
    }

    private func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |\n"
    }

    private func header(_ report: RunReport, into out: inout String) {
        let run = report.run
        let icon = switch run.status {
        case .passed: "✅"
        case .failed: "❌"
        case .aborted: "⚠️"
        }
        out += "## \(icon) \(cell(run.scenario)) against \(cell(run.target))\(run.targetEmbedded ? " (embedded Swift server)" : ""): \(report.statusWord)\n\n"
        var facts: [String] = []
        if !run.scenarioDescription.isEmpty { facts.append(cell(run.scenarioDescription)) }
        facts += ["run \(cell(run.id))", cell(run.startedAt), NumberFormatting.seconds(run.durationSeconds),
                  cell(run.transport), "seed \(run.seed)", "probe \(cell(run.probeVersion))"]
        out += facts.joined(separator: " · ") + "\n\n"
        if let reason = run.abortReason {
            out += "**Aborted:** \(cell(reason))\n\n"
        }
    }

    private func checks(_ report: RunReport, into out: inout String) {
        guard !report.checks.isEmpty else { return }
        out += "### Checks\n\n"
        out += row(["check", "result", "violations"]) + "|---|---|---|\n"
        for check in report.checks {
            let result = switch check.status {
            case .passed: "✅ passed"
            case .failed: "❌ failed"
            case .skipped: "⏭️ skipped"
            }
            out += row([check.name.rawValue, result, check.countsText.isEmpty ? "" : cell(check.countsText)])
        }
        out += "\n"
    }

    private func thresholds(_ report: RunReport, into out: inout String) {
        guard !report.thresholds.isEmpty else { return }
        out += "### Thresholds\n\n"
        out += row(["threshold", "actual", "result"]) + "|---|--:|---|\n"
        for threshold in report.thresholds {
            let actual = threshold.actual.map(ThresholdUnit(expression: threshold.expression).format) ?? "—"
            var result = threshold.passed ? "✅" : "❌"
            if !threshold.passed, let note = threshold.note { result += " " + cell(note) }
            out += row([cell(threshold.expression), actual, result])
        }
        out += "\n"
    }

    private func latency(_ report: RunReport, into out: inout String) {
        let names = report.orderedMetricNames
        guard !names.isEmpty else { return }
        out += "### Latency (ms)\n\n"
        out += row(["metric", "count", "p50", "p90", "p95", "p99", "p99.9", "max"]) + "|---|--:|--:|--:|--:|--:|--:|--:|\n"
        for name in names {
            guard let metric = report.metrics[name] else { continue }
            if metric.count == 0 {
                out += row([cell(name), "0"] + Array(repeating: "—", count: 6))
                continue
            }
            let values = [metric.p50, metric.p90, metric.p95, metric.p99, metric.p999, metric.max].map(NumberFormatting.milliseconds)
            out += row([cell(name), String(metric.count)] + values)
        }
        out += "\n"
    }

    private func counts(_ report: RunReport, into out: inout String) {
        let counts = report.orderedCounts
        guard !counts.isEmpty else { return }
        out += "### Counts\n\n"
        out += row(counts.map { cell($0.name) })
        out += "|" + String(repeating: "--:|", count: counts.count) + "\n"
        out += row(counts.map { String($0.value) }) + "\n"
    }

    private func violations(_ report: RunReport, into out: inout String) {
        let examples = report.violationExamples
        guard !examples.isEmpty else { return }
        let total = max(report.violationTotal, examples.count)
        out += "### Violations\n\n"
        let shown = min(examples.count, maxExamples)
        if shown < total {
            out += "First \(shown) of \(total).\n\n"
        }
        out += row(["check", "kind", "users", "message", "expected", "seen", "at (ms)"]) + "|---|---|---|---|---|---|--:|\n"
        for (check, example) in examples.prefix(maxExamples) {
            out += row([check.rawValue, example.kind.rawValue, example.usersText, example.message.map(cell) ?? "",
                        cell(example.expected), cell(example.seen), NumberFormatting.fixed(example.atMilliseconds, digits: 0)])
        }
        out += "\n"
    }

    private func errors(_ report: RunReport, into out: inout String) {
        guard !report.errors.isEmpty else { return }
        out += "### Errors\n\n"
        out += row(["kind", "count", "first examples"]) + "|---|--:|---|\n"
        for error in report.errors {
            let examples = error.examples.prefix(3).map(cell).joined(separator: "<br>")
            out += row([error.kind.rawValue, String(error.count), examples])
        }
        out += "\n"
    }

    private func reproduce(_ report: RunReport, into out: inout String) {
        out += "### Reproduce\n\n"
        out += "Seed \(report.run.seed)"
        if let file = report.run.scenarioFile { out += ", scenario file \(cell(file))" }
        out += ":\n\n"
        out += MarkdownEscaping.codeBlock(report.commandLineText, language: "sh")
    }
}
