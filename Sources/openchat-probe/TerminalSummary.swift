import Foundation
import ReportWriters

/// The end-of-run summary on the terminal: every check and threshold marked pass or fail.
enum TerminalSummary {
    static func render(_ report: RunReport) -> String {
        var lines: [String] = []
        let status = report.run.status.rawValue.uppercased()
        lines.append("")
        lines.append("\(status): \(report.run.scenario) against \(report.run.target)\(report.run.targetEmbedded ? " (embedded Swift server)" : "") in \(String(format: "%.1f", report.run.durationSeconds)) s (seed \(report.run.seed))")
        if let reason = report.run.abortReason { lines.append("  aborted: \(reason)") }
        lines.append("checks")
        for check in report.checks {
            let mark = check.status == .passed ? "PASS" : check.status == .failed ? "FAIL" : "skip"
            let counts = check.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("  [\(mark)] \(check.name.rawValue)\(counts.isEmpty ? "" : ": \(counts)")")
            for example in check.examples.prefix(3) {
                lines.append("         \(example.kind.rawValue) users \(example.users) at \(String(format: "%.0f", example.atMilliseconds)) ms: expected \(example.expected); seen \(example.seen)")
            }
        }
        if !report.thresholds.isEmpty {
            lines.append("thresholds")
            for threshold in report.thresholds {
                let actual = threshold.actual.map { String(format: "%.3g", $0) } ?? "no data"
                lines.append("  [\(threshold.passed ? "PASS" : "FAIL")] \(threshold.expression) (actual \(actual))\(threshold.note.map { ": \($0)" } ?? "")")
            }
        }
        lines.append("latency (ms)          count      p50      p90      p99    p99.9      max")
        for name in ["connect", "upgrade", "nameConfirm", "deliveryToSender", "delivery", "joinSeen", "leaveSeen"] {
            guard let metric = report.metrics[name] else { continue }
            let label = name.padding(toLength: 18, withPad: " ", startingAt: 0)
            lines.append("  \(label)" + String(format: " %7llu %8.2f %8.2f %8.2f %8.2f %8.2f", metric.count, metric.p50, metric.p90, metric.p99, metric.p999, metric.max))
        }
        let c = report.counts
        lines.append("counts: users \(c["usersStarted"] ?? 0) started, \(c["usersFailed"] ?? 0) failed; sends \(c["sends"] ?? 0) (\(c["sendsLate"] ?? 0) late); deliveries \(c["deliveries"] ?? 0) + \(c["deliveriesToSender"] ?? 0) to senders; foreign messages \(c["foreignMessages"] ?? 0); errors \(c["errors"] ?? 0)")
        if let skipped = c["messagesNotOrderChecked"], skipped > 0 {
            lines.append("note: \(skipped) messages skipped the cross-user order check: too many were in flight at once (the limit bounds the checker's memory); delivery, content and sender order still checked them")
        }
        return lines.joined(separator: "\n")
    }
}
