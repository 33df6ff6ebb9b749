/// Writes `junit.xml` for CI test dashboards: one `<testsuite name="openchat-probe.<scenario>">` with a test case per
/// check (classname `checks`) and per threshold (classname `thresholds`), plus a failing `run` case when aborted.
public struct JUnitReportWriter: ReportWriter {
    /// `junit.xml`.
    public let fileName = "junit.xml"
    /// Violation examples listed in a failed check's body.
    public var maxExamples: Int

    /// A writer.
    public init(maxExamples: Int = 10) {
        self.maxExamples = maxExamples
    }

    /// The document as UTF-8.
    public func render(_ report: RunReport) -> [UInt8] {
        Array(renderText(report).utf8)
    }

    private struct TestCase {
        enum Outcome {
            case passed
            case failed(message: String, body: String)
            case skipped
        }

        var classname: String
        var name: String
        var outcome: Outcome
    }

    /// The document.
    public func renderText(_ report: RunReport) -> String {
        let cases = testCases(report)
        let failures = cases.filter { if case .failed = $0.outcome { true } else { false } }.count
        let skipped = cases.filter { if case .skipped = $0.outcome { true } else { false } }.count
        let run = report.run
        let time = NumberFormatting.fixed(run.durationSeconds, digits: 3)
        let counts = "tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"\(skipped)\" time=\"\(time)\""

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"openchat-probe\" \(counts)>\n"
        out += "  <testsuite name=\"\(a("openchat-probe." + run.scenario))\" \(counts) timestamp=\"\(a(run.startedAt))\""
        if let host = run.machine["hostname"] { out += " hostname=\"\(a(host))\"" }
        out += ">\n"
        out += "    <properties>\n"
        var properties = [("run", run.id), ("target", run.target), ("transport", run.transport), ("seed", String(run.seed)),
                          ("status", run.status.rawValue), ("commandLine", report.commandLineText), ("probeVersion", run.probeVersion)]
        if let reason = run.abortReason { properties.append(("abortReason", reason)) }
        for (name, value) in properties {
            out += "      <property name=\"\(a(name))\" value=\"\(a(value))\"/>\n"
        }
        out += "    </properties>\n"
        for testCase in cases {
            out += "    <testcase classname=\"\(a(testCase.classname))\" name=\"\(a(testCase.name))\" time=\"0\""
            switch testCase.outcome {
            case .passed:
                out += "/>\n"
            case .skipped:
                out += ">\n      <skipped/>\n    </testcase>\n"
            case .failed(let message, let body):
                out += ">\n      <failure message=\"\(a(message))\" type=\"\(a(testCase.classname))\">"
                out += XMLEscaping.escape(body) + "</failure>\n    </testcase>\n"
            }
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    private func a(_ text: String) -> String {
        XMLEscaping.escape(text, attribute: true)
    }

    private func testCases(_ report: RunReport) -> [TestCase] {
        var cases: [TestCase] = []
        if report.run.status == .aborted {
            let reason = report.run.abortReason ?? "no reason recorded"
            cases.append(TestCase(classname: "run", name: "run", outcome: .failed(message: "aborted: " + reason, body: reason)))
        }
        for check in report.checks {
            let outcome: TestCase.Outcome
            switch check.status {
            case .passed: outcome = .passed
            case .skipped: outcome = .skipped
            case .failed: outcome = .failed(message: checkMessage(check), body: checkBody(check, errors: report.errors))
            }
            cases.append(TestCase(classname: "checks", name: check.name.rawValue, outcome: outcome))
        }
        for threshold in report.thresholds {
            let outcome: TestCase.Outcome
            if threshold.passed {
                outcome = .passed
            } else {
                let actual = threshold.actual.map(ThresholdUnit(expression: threshold.expression).format) ?? "no value"
                let message = threshold.note ?? "measured \(actual)"
                outcome = .failed(message: message, body: "\(threshold.expression)\nactual: \(actual)\n\(message)")
            }
            cases.append(TestCase(classname: "thresholds", name: threshold.expression, outcome: outcome))
        }
        return cases
    }

    private func checkMessage(_ check: CheckResult) -> String {
        let total = check.totalCount
        let noun = total == 1 ? "violation" : "violations"
        return check.countsText.isEmpty ? "\(check.name.rawValue) failed" : "\(total) \(noun): \(check.countsText)"
    }

    private func checkBody(_ check: CheckResult, errors: [ErrorSummary]) -> String {
        var lines = [check.description]
        if check.name == .errors {
            for error in errors {
                lines.append("\(error.kind.rawValue) \(error.count)")
                lines += error.examples.prefix(maxExamples).map { "  " + $0 }
            }
        }
        for example in check.examples.prefix(maxExamples) {
            var line = "\(example.kind.rawValue) at \(NumberFormatting.fixed(example.atMilliseconds, digits: 0)) ms, users \(example.usersText)"
            if let message = example.message { line += ", message \(message)" }
            line += ": expected \(example.expected), seen \(example.seen)"
            lines.append(line)
        }
        let shown = min(check.examples.count, maxExamples)
        if shown > 0, shown < check.totalCount {
            lines.append("(first \(shown) of \(check.totalCount))")
        }
        return lines.joined(separator: "\n")
    }
}
