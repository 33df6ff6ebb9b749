import Foundation
import ReportWriters
import Testing

@Suite struct JSONReportTests {
    private func json(_ report: RunReport = SampleReport.make()) throws -> String {
        try String(decoding: JSONReportWriter().render(report), as: UTF8.self)
    }

    private func expectReportError(_ text: String, _ code: ReportError.Code, mentioning parts: [String]) {
        #expect {
            _ = try RunReport.decode(from: Array(text.utf8))
        } throws: { error in
            guard let error = error as? ReportError, error.code == code else { return false }
            return parts.allSatisfy { error.description.contains($0) }
        }
    }

    @Test(arguments: [RunInfo.Status.passed, .failed, .aborted])
    func roundTripGivesAnEqualReport(status: RunInfo.Status) throws {
        let report = SampleReport.make(status: status, abortReason: status == .aborted ? "target unreachable" : nil)
        let decoded = try RunReport.decode(from: JSONReportWriter().render(report))
        #expect(decoded == report)
    }

    @Test func isPrettyPrintedWithSortedKeysAndStable() throws {
        let text = try json()
        #expect(text.hasPrefix("{\n  \"checks\" : ["))
        #expect(text.contains("\"schema\" : \"openchat-probe/report\""))
        #expect(text.contains("\"version\" : 1"))
        #expect(text.contains("\"target\" : \"http://127.0.0.1:8000\""), "slashes are not escaped")
        #expect(text.hasSuffix("}\n"))
        #expect(try json() == text)
    }

    @Test func wrongSchemaIsReportedAsSuch() throws {
        let text = try json().replacingOccurrences(of: "\"openchat-probe/report\"", with: "\"k6/summary\"")
        expectReportError(text, .wrongSchema, mentioning: ["k6/summary", "openchat-probe/report"])
        expectReportError(#"{"metrics": {}}"#, .wrongSchema, mentioning: ["no \"schema\" field"])
    }

    @Test func newerVersionSaysWhichVersionReadsIt() throws {
        let text = try json().replacingOccurrences(of: "\"version\" : 1", with: "\"version\" : 99")
        expectReportError(text, .unsupportedVersion, mentioning: ["version 99", "newer openchat-probe"])
        // A newer report may have changed shape; the version is checked before the rest is read.
        expectReportError(#"{"schema": "openchat-probe/report", "version": 99, "run": 5}"#, .unsupportedVersion, mentioning: ["99"])
        expectReportError(#"{"schema": "openchat-probe/report", "version": 0}"#, .unsupportedVersion, mentioning: ["version 0"])
    }

    @Test func truncatedJSONIsMalformed() throws {
        let bytes = try JSONReportWriter().render(SampleReport.make())
        for length in [0, 1, 100, bytes.count / 2, bytes.count - 3] {
            #expect {
                _ = try RunReport.decode(from: Array(bytes.prefix(length)))
            } throws: { error in
                (error as? ReportError)?.code == .malformed
            }
        }
    }

    @Test func aWrongFieldIsNamedByItsPath() throws {
        let text = try json().replacingOccurrences(of: "\"status\" : \"skipped\"", with: "\"status\" : \"maybe\"")
        expectReportError(text, .malformed, mentioning: ["checks[3].status"])
        let missing = try json().replacingOccurrences(of: "\"seed\" : 42,", with: "")
        expectReportError(missing, .malformed, mentioning: ["run.seed", "missing"])
        let wrongType = try json().replacingOccurrences(of: "\"seed\" : 42", with: "\"seed\" : \"42\"")
        expectReportError(wrongType, .malformed, mentioning: ["run.seed"])
        expectReportError(#"{"schema": "openchat-probe/report", "version": 1}"#, .malformed, mentioning: ["missing"])
        expectReportError(#"{"schema": "openchat-probe/report"}"#, .malformed, mentioning: ["version"])
    }
}
