import ReportWriters
import Testing

@Suite struct MarkdownReportTests {
    private let text = MarkdownReportWriter().renderText(SampleReport.make())

    private var lines: [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    @Test func titleNamesScenarioTargetAndOutcome() throws {
        let title = try #require(lines.first)
        #expect(title == "## ❌ chat-basic against http://127.0.0.1:8000: FAILED")
        let passed = MarkdownReportWriter().renderText(SampleReport.make(status: .passed))
        #expect(passed.hasPrefix("## ✅ chat-basic against http://127.0.0.1:8000: PASSED\n"))
        let aborted = MarkdownReportWriter().renderText(SampleReport.make(status: .aborted, abortReason: "server <gone> | 503"))
        #expect(aborted.hasPrefix("## ⚠️ chat-basic"))
        #expect(aborted.contains("**Aborted:** server &lt;gone&gt; \\| 503"))
    }

    @Test func checksTableHasOneRowPerCheckWithCounts() {
        #expect(text.contains("| check | result | violations |\n|---|---|---|\n"))
        #expect(lines.contains("| delivery | ❌ failed | missing-delivery 1 |"))
        #expect(lines.contains("| content | ❌ failed | wrong-content 1 |"))
        #expect(lines.contains("| order | ✅ passed |  |"))
        #expect(lines.contains("| usernames | ⏭️ skipped |  |"))
        #expect(lines.contains("| errors | ❌ failed | unexpected-disconnect 1 |"))
    }

    @Test func thresholdsTableShowsActualsInTheirUnits() {
        #expect(lines.contains { $0.hasPrefix("| delivery.p99 &lt; 250ms | ") && $0.hasSuffix(" ms | ✅ |") })
        #expect(lines.contains("| errors.rate &lt; 1% | 10.00% | ❌ measured 10.00%, needs &lt; 1.00% |"))
        #expect(lines.contains("| violations == 0 | 2 | ❌ measured 2, needs == 0 |"))
    }

    @Test func latencyTableListsPresentMetricsInOrder() throws {
        #expect(text.contains("| metric | count | p50 | p90 | p95 | p99 | p99.9 | max |"))
        let section = try #require(text.components(separatedBy: "### Latency (ms)").last?.components(separatedBy: "### Counts").first)
        let metricRows = section.split(separator: "\n").filter { line in
            ["tcpConnect", "connect", "delivery", "deliveryToSender", "leaveSeen"].contains { line.hasPrefix("| \($0) | ") }
        }
        #expect(metricRows.map { $0.split(separator: " ")[1] } == ["tcpConnect", "connect", "deliveryToSender", "delivery", "leaveSeen"])
        #expect(!text.contains("| upgrade |"), "websocket runs have no upgrade")
        let report = SampleReport.make()
        let delivery = try #require(report.metrics["delivery"])
        #expect(lines.contains { $0.hasPrefix("| delivery | \(delivery.count) | ") })
    }

    @Test func countsExamplesErrorsAndReproduction() {
        let report = SampleReport.make()
        #expect(lines.contains { $0.hasPrefix("| usersStarted | usersCompleted | usersFailed |") })
        #expect(lines.contains { $0.hasPrefix("| 10 | 9 | 1 | 0 | 10 | \(report.counts["sends"]!) |") })
        #expect(!text.contains("First "), "all examples are shown")
        let missingAt = Int(report.checks[0].examples[0].atMilliseconds)
        #expect(lines.contains(
            "| delivery | missing-delivery | 2, 4 | hello from 4 #2 \\[oc:r7f3:4:2\\] | a delivery to user 2 within 5000 ms | nothing | \(missingAt) |"))
        #expect(lines.contains("| unexpected-disconnect | 1 | user 7: transport closed (EOF) after 14.1 s &amp; no close frame |"))
        #expect(text.contains("Seed 42, scenario file Scenarios/chat-basic.json:"))
        #expect(text.contains("```sh\nopenchat-probe run Scenarios/chat-basic.json --target http://127.0.0.1:8000 --seed 42 --note 'it'\\''s a test'\n```\n"))
    }

    @Test func serverTextCannotBreakTheTableOrInjectHTML() throws {
        let row = try #require(lines.first { $0.hasPrefix("| content | wrong-content |") })
        // A cell delimiter is a `|` not preceded by a backslash: the row keeps its 7 cells.
        var cells = 0
        var previous: Character = " "
        for character in row {
            if character == "|", previous != "\\" { cells += 1 }
            previous = character
        }
        #expect(cells == 8)
        #expect(row.contains("hi \\| there"))
        #expect(row.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!text.contains(SampleReport.hostile))
    }

    @Test func longTextsAreCutAndNewlinesFolded() {
        var report = SampleReport.make()
        report.errors[0].examples = [String(repeating: "x", count: 500) + "\nsecond line"]
        report.run.scenarioDescription = "two\nlines"
        let text = MarkdownReportWriter(maxTextLength: 40).renderText(report)
        #expect(text.contains("| \(String(repeating: "x", count: 40))… |"))
        #expect(text.contains("two lines"))
    }
}
