import Foundation
import OpenChat
@testable import ReportWriters
import Testing

struct ComparisonTests {
    /// The sample report, and a copy whose latencies are halved and throughput doubled.
    static func pair() throws -> Comparison {
        let baseline = SampleReport.make(status: .passed)
        var faster = baseline
        faster.run.target = "http://127.0.0.1:8080"
        var recorder = MetricRecorder()
        for value in [1_000_000, 2_000_000, 3_000_000] as [UInt64] { recorder.record(nanoseconds: value) }
        faster.metrics["delivery"] = recorder.summary()
        faster.counts["deliveries"] = (baseline.counts["deliveries"] ?? 0) * 2
        faster.counts["deliveriesToSender"] = (baseline.counts["deliveriesToSender"] ?? 0) * 2
        return Comparison(entries: [.init(name: "flask", report: baseline), .init(name: "swift <fast>", report: faster)])
    }

    @Test func ratiosAreRelativeToTheFirstEntry() throws {
        let comparison = try Self.pair()
        let throughput = try #require(comparison.throughputRows.first { $0.label == "deliveries per second (mean)" })
        #expect(abs((throughput.ratio(1) ?? 0) - 2) < 1e-9)
        #expect(!throughput.lowerIsBetter)
        let p50 = try #require(comparison.latencyRows.first { $0.label == "delivery p50" })
        #expect(p50.values[1] == 2.0)
        #expect(p50.lowerIsBetter)
        #expect(Comparison.formatRatio(0.5) == "×0.50")
        #expect(Comparison.formatRatio(nil) == "")
    }

    @Test func writersShowEveryRunAndEscapeNames() throws {
        let comparison = try Self.pair()
        let markdown = ComparisonWriters.markdown(comparison)
        #expect(markdown.contains("| deliveries per second (mean) |"))
        #expect(markdown.contains("×2.00"))
        let html = ComparisonWriters.html(comparison)
        #expect(html.contains("swift &lt;fast&gt;"))
        #expect(!html.contains("swift <fast>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("https://"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        let text = ComparisonWriters.text(comparison)
        #expect(text.contains("flask (baseline)"))
        #expect(text.contains("check delivery"))
    }

    @Test func folderWritesThreeFilesAndTheJSONHoldsTheReports() throws {
        let comparison = try Self.pair()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("oc-cmp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let paths = try ComparisonFolder.write(comparison, to: directory)
        #expect(paths.map { URL(fileURLWithPath: $0).lastPathComponent } == ["comparison.md", "comparison.html", "comparison.json"])
        let data = try Data(contentsOf: URL(fileURLWithPath: paths[2]))
        let document = try JSONDecoder().decode(ComparisonFolder.Document.self, from: data)
        #expect(document.entries.map(\.name) == ["flask", "swift <fast>"])
        #expect(document.entries[1].report == comparison.entries[1].report)
    }
}
