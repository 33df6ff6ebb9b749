import ReportWriters
import Testing

@Suite struct HTMLReportTests {
    private let page = HTMLReportWriter().renderText(SampleReport.make())

    private func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func isOneSelfContainedPage() {
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.hasSuffix("</html>\n"))
        #expect(!page.contains("<script"))
        #expect(!page.contains("<link"))
        #expect(!page.contains("@import"))
        #expect(!page.contains("url("))
        #expect(!page.contains("<img"))
        #expect(!page.contains(" src=\""))
        // The only absolute URL is the target, shown as text (inline SVG needs no xmlns).
        let links = page.components(separatedBy: "http://").dropFirst().map { String($0.prefix(20)) }
        #expect(!links.isEmpty && links.allSatisfy { $0.hasPrefix("127.0.0.1:8000") }, "\(links)")
        #expect(!page.contains("https://"))
        #expect(page.contains("default-src 'none'"), "a CSP forbids any fetch even if something slipped through")
    }

    @Test func hostileServerTextIsEscaped() {
        #expect(!page.contains(SampleReport.hostile))
        #expect(page.contains("&lt;img src=x onerror=alert(1)&gt; user-3: hi | there [oc:r7f3:3:1]"))
        var report = SampleReport.make(status: .aborted, abortReason: "</p><script>alert('x')</script>")
        report.run.scenario = "\"><svg onload=alert(1)>"
        report.run.machine["os"] = "Linux\u{0}\u{7}"
        let hostilePage = HTMLReportWriter().renderText(report)
        #expect(!hostilePage.contains("<script>alert"))
        #expect(!hostilePage.contains("<svg onload"))
        #expect(hostilePage.contains("&lt;/p&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(hostilePage.contains("&quot;&gt;&lt;svg onload=alert(1)&gt;"))
        #expect(!hostilePage.contains("\u{0}"))
        #expect(hostilePage.contains("Linux\u{FFFD}\u{FFFD}"))
    }

    @Test func hasAnSVGPerChart() {
        #expect(occurrences(of: "<svg", in: page) == 4)
        #expect(occurrences(of: "</svg>", in: page) == 4)
        for title in ["Delivery latency per second", "Throughput", "Active users", "Delivery latency by percentile"] {
            #expect(page.contains(">\(title)</text>"))
        }
        for legend in ["p50", "p99", "sends", "deliveries", "users", "delivery", "deliveryToSender", "violations or errors"] {
            #expect(page.contains("class=\"legend\" x=\"") && page.contains(">\(legend)</text>"))
        }
        #expect(page.contains(">99.9%</text>"), "a few hundred deliveries resolve the percentile axis to 99.9%")
        #expect(occurrences(of: "<polyline", in: page) >= 7)
    }

    @Test func bannerAndTablesCarryTheOutcome() {
        #expect(page.contains("<header class=\"banner failed\"><div class=\"inner\"><h1>FAILED</h1>"))
        #expect(HTMLReportWriter().renderText(SampleReport.make(status: .passed)).contains("<header class=\"banner passed\">"))
        #expect(page.contains("<tr><td class=\"key\">usernames</td><td><span class=\"badge skipped\">skipped</span></td>"))
        #expect(page.contains("<tr><td><code>errors.rate &lt; 1%</code></td><td class=\"num\">10.00%</td><td><span class=\"badge failed\">failed</span></td>"))
        #expect(page.contains("<h3>delivery: missing-delivery 1</h3>"))
        #expect(page.contains("<h2 id=\"latency\">Latency (ms)</h2>"))
        #expect(page.contains("--note &#39;it&#39;\\&#39;&#39;s a test&#39;"))
    }

    @Test func emptyReportStillRenders() {
        var report = SampleReport.make(status: .aborted, abortReason: "connect refused")
        report.metrics = [:]
        report.timeSeries = []
        report.checks = []
        report.thresholds = []
        report.errors = []
        report.counts = [:]
        let page = HTMLReportWriter().renderText(report)
        #expect(occurrences(of: "<svg", in: page) == 4)
        #expect(occurrences(of: ">no data</text>", in: page) == 4)
        #expect(page.contains("<strong>Aborted:</strong> connect refused"))
    }
}
