import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ReportWriters
import Testing

@Suite struct JUnitReportTests {
    private func document(_ report: RunReport) throws -> XMLDocument {
        try XMLDocument(data: Data(JUnitReportWriter().render(report)), options: [])
    }

    private func testCases(_ document: XMLDocument) throws -> [XMLElement] {
        try document.nodes(forXPath: "/testsuites/testsuite/testcase").compactMap { $0 as? XMLElement }
    }

    @Test func oneSuiteWithACasePerCheckAndThreshold() throws {
        let report = SampleReport.make()
        let xml = try document(report)
        let suites = try xml.nodes(forXPath: "/testsuites/testsuite").compactMap { $0 as? XMLElement }
        #expect(suites.count == 1)
        let suite = try #require(suites.first)
        #expect(suite.attribute(forName: "name")?.stringValue == "openchat-probe.chat-basic")
        #expect(suite.attribute(forName: "tests")?.stringValue == "9")
        #expect(suite.attribute(forName: "failures")?.stringValue == "5")
        #expect(suite.attribute(forName: "skipped")?.stringValue == "1")
        #expect(suite.attribute(forName: "time")?.stringValue == "20.000")

        let cases = try testCases(xml)
        #expect(cases.map { $0.attribute(forName: "classname")?.stringValue ?? "" }
            == Array(repeating: "checks", count: 5) + Array(repeating: "thresholds", count: 4))
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue ?? "" }
            == ["delivery", "content", "order", "usernames", "errors",
                "delivery.p99 < 250ms", "connect.p95 < 500ms", "errors.rate < 1%", "violations == 0"])
        let failed = cases.filter { !$0.elements(forName: "failure").isEmpty }
        #expect(failed.map { $0.attribute(forName: "name")?.stringValue ?? "" }
            == ["delivery", "content", "errors", "errors.rate < 1%", "violations == 0"])
        let skipped = cases.filter { !$0.elements(forName: "skipped").isEmpty }
        #expect(skipped.map { $0.attribute(forName: "name")?.stringValue ?? "" } == ["usernames"])
    }

    @Test func failuresCarryCountsAndExamples() throws {
        let cases = try testCases(try document(SampleReport.make()))
        let content = try #require(cases.first { $0.attribute(forName: "name")?.stringValue == "content" })
        let failure = try #require(content.elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue == "1 violation: wrong-content 1")
        let body = try #require(failure.stringValue)
        #expect(body.contains("wrong-content at 9412 ms, users 5, 3"))
        #expect(body.contains("seen \(SampleReport.hostile) user-3"), "the parser gives back the text exactly")
        let rate = try #require(cases.first { $0.attribute(forName: "name")?.stringValue == "errors.rate < 1%" })
        #expect(rate.elements(forName: "failure").first?.attribute(forName: "message")?.stringValue == "measured 10.00%, needs < 1.00%")
    }

    @Test func abortedRunAddsAFailingRunCase() throws {
        let report = SampleReport.make(status: .aborted, abortReason: "target unreachable: connection refused")
        let xml = try document(report)
        let cases = try testCases(xml)
        #expect(cases.count == 10)
        let run = try #require(cases.first)
        #expect(run.attribute(forName: "classname")?.stringValue == "run")
        #expect(run.elements(forName: "failure").first?.attribute(forName: "message")?.stringValue
            == "aborted: target unreachable: connection refused")
        let suite = try #require(try xml.nodes(forXPath: "/testsuites/testsuite").first as? XMLElement)
        #expect(suite.attribute(forName: "failures")?.stringValue == "6")
    }

    @Test func everythingIsEscapedIncludingControlCharacters() throws {
        var report = SampleReport.make(status: .aborted, abortReason: "bad \u{1}byte & \"quote\"\nnext <line>")
        report.run.scenario = "a<b>&'c'"
        report.checks[0].examples[0].seen = "]]> \u{0}\u{1B}[31m red \u{FFFF}"
        report.thresholds[0].expression = "delivery.p99 < 250ms & \"x\""
        let text = JUnitReportWriter().renderText(report)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let xml = try document(report)
        let suite = try #require(try xml.nodes(forXPath: "/testsuites/testsuite").first as? XMLElement)
        #expect(suite.attribute(forName: "name")?.stringValue == "openchat-probe.a<b>&'c'")
        let cases = try testCases(xml)
        #expect(cases[0].elements(forName: "failure").first?.attribute(forName: "message")?.stringValue
            == "aborted: bad \\u{1}byte & \"quote\"\nnext <line>")
        #expect(try #require(cases[1].elements(forName: "failure").first?.stringValue).contains("]]> \\u{0}\\u{1B}[31m red \\u{FFFF}"))
        #expect(cases.contains { $0.attribute(forName: "name")?.stringValue == "delivery.p99 < 250ms & \"x\"" })
    }

    @Test func passingRunHasNoFailures() throws {
        var report = SampleReport.make(status: .passed)
        report.checks = report.checks.map { check in
            var check = check
            if check.status == .failed { check.status = .passed }
            return check
        }
        report.thresholds = report.thresholds.map { ThresholdResult(expression: $0.expression, actual: $0.actual, passed: true, note: nil) }
        let xml = try document(report)
        #expect(try testCases(xml).allSatisfy { $0.elements(forName: "failure").isEmpty })
        let suite = try #require(try xml.nodes(forXPath: "/testsuites/testsuite").first as? XMLElement)
        #expect(suite.attribute(forName: "failures")?.stringValue == "0")
    }
}
